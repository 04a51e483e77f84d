import type { rules } from "@testex/client";

/** How each renewal kind of the API document reads to the people who run the contract. */
export const RENEWAL_LABELS: Record<(typeof rules.Contract.renewal.enum)[number], string> = {
  NONE: "Expires at its end date",
  AUTO: "Renews automatically unless notice is given",
  EVERGREEN: "Runs until ended with notice",
};
