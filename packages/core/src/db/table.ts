/**
 * What a global index copies of each item: everything, only the keys, or the
 * keys and the attributes listed. Changes that leave an index entry's
 * projected attributes as they were do not write to that index.
 */
export type Projection = "ALL" | "KEYS_ONLY" | readonly string[];

/**
 * The physical shape of the single table: what infra creates and what the
 * local runtime provisions. Entities may only use keys listed here (a test checks).
 *
 * Projections: each index is shared by several entities, and every one of
 * gsi1-3 serves at least one list page that returns whole items (contracts
 * by client, status and end date; clients; terminations; audit by actor).
 * Keys only would make each page a Query and a BatchGetItem, which costs
 * half a read unit per item instead of half per 4 KB of items (about four
 * times the reads for a page of 50), so they project everything.
 *
 * gsi5 is a person's own index (sparse): the running contracts they own, by
 * notice deadline, so their calendar is one Query of their own items instead
 * of a read of every running contract. Its reader builds events from whole
 * items, so it projects everything too.
 */
export const TABLE_KEYS = {
  primary: { hashKey: "pk", rangeKey: "sk" },
  globalIndexes: {
    gsi1: { hashKey: "gsi1pk", rangeKey: "gsi1sk", projection: "ALL" },
    gsi2: { hashKey: "gsi2pk", rangeKey: "gsi2sk", projection: "ALL" },
    gsi3: { hashKey: "gsi3pk", rangeKey: "gsi3sk", projection: "ALL" },
    gsi4: { hashKey: "gsi4pk", rangeKey: "gsi4sk", projection: "ALL" },
    gsi5: { hashKey: "gsi5pk", rangeKey: "gsi5sk", projection: "ALL" },
  },
  /** Items with this epoch-seconds attribute are removed by DynamoDB after that time (idempotency records). */
  ttlAttribute: "expires_at",
} as const satisfies {
  globalIndexes: Record<string, { hashKey: string; rangeKey: string; projection: Projection }>;
  [key: string]: unknown;
};
