/** Whether a single-item ElectroDB write failed because its `where` condition did not hold. */
export const isConditionFailure = (error: unknown): boolean =>
  error instanceof Error && /conditional request failed/i.test(`${error.message} ${(error as { cause?: Error }).cause?.message ?? ""}`);
