/**
 * The physical shape of the single table: what infra creates and what the
 * local runtime provisions. Entities may only use keys listed here (a test checks).
 */
export const TABLE_KEYS = {
  primary: { hashKey: "pk", rangeKey: "sk" },
  globalIndexes: {
    gsi1: { hashKey: "gsi1pk", rangeKey: "gsi1sk" },
    gsi2: { hashKey: "gsi2pk", rangeKey: "gsi2sk" },
    gsi3: { hashKey: "gsi3pk", rangeKey: "gsi3sk" },
    gsi4: { hashKey: "gsi4pk", rangeKey: "gsi4sk" },
  },
  /** Items with this epoch-seconds attribute are removed by DynamoDB after that time (idempotency records). */
  ttlAttribute: "expires_at",
} as const;
