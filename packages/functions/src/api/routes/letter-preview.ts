import { Hono } from "hono";
import * as v from "valibot";
import { Termination } from "@testex/core";
import { ContractId } from "@testex/core/schema";
import { LETTER_PREVIEW_FILENAME } from "@testex/core/termination/letter";
import { operation } from "../operation";
import type { AppEnv } from "../types";

const Params = v.object({ id: ContractId });

/**
 * The termination letter as the client would receive it, before anything is
 * sent. The renderer is the processor's own, loaded on the first preview only,
 * so no other request pays for it.
 */
export const letterPreview = new Hono<AppEnv>().get(
  "/contracts/:id/termination/letter/preview",
  operation({
    tag: "Terminations",
    summary: "The termination letter (PDF) as it will be sent, rendered before anything is sent",
    description:
      "For an open termination (pending approval or scheduled). Rendered by the renderer of the sent letter, from the same content: read by an approver who may still approve, it includes their approval, so it is the letter their approval sends (dated today).",
    access: "read",
    params: Params,
    mediaType: "application/pdf",
    responses: { 200: v.pipe(v.string(), v.description("The letter, a PDF document")) },
    errors: ["contract.not_found", "termination.not_found", "termination.invalid_transition"],
  }),
  async (c) => {
    const props = await Termination.letterPreview(c.req.param("id"));
    const { renderLetter } = await import("@testex/emails/letter");
    const pdf = await renderLetter(props);
    return c.body(pdf as Uint8Array<ArrayBuffer>, 200, { "content-type": "application/pdf", "content-disposition": `inline; filename="${LETTER_PREVIEW_FILENAME}"`, "cache-control": "no-store" });
  },
);
