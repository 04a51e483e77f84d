import { Hono } from "hono";
import * as v from "valibot";
import { operation } from "../operation";
import type { AppEnv } from "../types";
import { DOCS_PAGE, DOCS_SCRIPTS, docsScript, docsStyles } from "./docs-assets";

const tag = "Operations";
const CACHE = { "cache-control": "public, max-age=3600" };

/** The API's contract (`/openapi.json`) and an interactive page to try it (`/docs`). Public: the page asks for a token. */
export const docs = new Hono<AppEnv>()
  .get(
    "/openapi.json",
    operation({ tag, summary: "This API's OpenAPI 3.1 document", access: "public", responses: { 200: v.record(v.string(), v.unknown()) } }),
    // Loaded on first use: generated at build time (`npm run openapi`), and only this route needs it.
    async (c) => c.json((await import("../openapi/openapi.json")).default),
  )
  .get(
    "/docs",
    operation({ tag, summary: "Interactive API documentation: authorise with a bearer token, then try any call", access: "public", mediaType: "text/html", responses: { 200: v.string() } }),
    (c) => c.html(DOCS_PAGE),
  )
  .get(
    "/docs/swagger-ui.css",
    operation({ tag, summary: "Style sheet of the documentation page", access: "public", mediaType: "text/css", responses: { 200: v.string() } }),
    async (c) => c.body(await docsStyles(), 200, { "content-type": "text/css; charset=utf-8", ...CACHE }),
  )
  .get(
    "/docs/:script",
    operation({
      tag,
      summary: "A script of the documentation page",
      access: "public",
      params: v.object({ script: v.picklist(DOCS_SCRIPTS) }),
      mediaType: "text/javascript",
      responses: { 200: v.string() },
    }),
    async (c) => c.body(await docsScript(c.var.input.params.script), 200, { "content-type": "text/javascript; charset=utf-8", ...CACHE }),
  );
