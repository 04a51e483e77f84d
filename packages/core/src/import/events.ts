import * as v from "valibot";
import { defineEvent } from "../event";

/** Run the next chunk of an import job: `chunk` is the one to run, so a repeated event finds it done and does nothing. */
export const ImportAdvanceV1 = v.object({ schema_version: v.literal(1), import_id: v.string(), chunk: v.pipe(v.number(), v.integer(), v.minValue(0)) });

export const Events = {
  Advance: /* @__PURE__ */ defineEvent("import.advance", { versions: [ImportAdvanceV1], field: "schema_version" }),
};
