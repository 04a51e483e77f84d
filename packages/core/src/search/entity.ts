import { entity } from "../db/entity";

export const SEARCH_KINDS = ["contract", "client"] as const;

/**
 * One item per word of a contract's title or a client's name, so that "find
 * by the start of a word" is a Query on the word's first letter partition
 * (`begins_with` on the sort key) and never a Scan.
 */
export const SearchWordEntity = entity({
  model: { entity: "search_word", version: "1", service: "testex" },
  attributes: {
    kind: { type: SEARCH_KINDS, required: true, readOnly: true },
    /** First character of the word: spreads words over many partitions. */
    initial: { type: "string", required: true, readOnly: true },
    word: { type: "string", required: true, readOnly: true },
    target_id: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    byWord: {
      pk: { field: "pk", composite: ["kind", "initial"] },
      sk: { field: "sk", composite: ["word", "target_id"] },
    },
  },
});
