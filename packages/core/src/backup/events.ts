import * as v from "valibot";

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

export const EVENTS = {
  restored: { type: "contract.restored", schema: ContractRestoredV1 },
} as const;

export const isBackupEvent = (type: string): boolean => Object.values(EVENTS).some((event) => event.type === type);
