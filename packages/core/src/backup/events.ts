import * as v from "valibot";
import { defineEvent } from "../event";

/**
 * The outbox event a restore writes when a contract comes back where there
 * was none (a deleted one): its documents return to the files bucket. One
 * versioned schema; the writer builds through it, the effect reads through it.
 */
export const ContractRestoredV1 = v.object({
  schema_version: v.literal(1),
  contract: v.object({ contract_id: v.string() }),
  /** Where it came from: `export <id>` or `backup <key>`. */
  source: v.string(),
});

// Each definition is marked pure, so a bundle that reads none of these events (the delivery recorder)
// leaves them, and what their readers need (the stage's settings), out.
export const Events = {
  Restored: /* @__PURE__ */ defineEvent("contract.restored", { versions: [ContractRestoredV1], field: "schema_version" }),
};
