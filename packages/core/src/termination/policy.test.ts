import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { settings } from "../config";
import { ISO_4217 } from "../currency";
import { approvalsFor, approvalsRequired, thresholdsFor, tierAfter } from "../contract/approval";

describe("the approval tier", () => {
  it("never falls, whatever sequence of values and currencies a contract goes through", () => {
    const terms = fc.record({ value: fc.integer({ min: 0, max: 1e9 }), currency: fc.constantFrom("USD", "EUR", "JPY", "KRW", "CHF") });
    fc.assert(
      fc.property(terms, fc.array(terms, { maxLength: 20 }), (first, changes) => {
        let contract: { value: number; currency: string; approval_tier: number } = { ...first, approval_tier: tierAfter(undefined, first) };
        let highest: number = approvalsFor(first.value, first.currency);
        for (const change of changes) {
          contract = { ...change, approval_tier: tierAfter(contract, change) };
          highest = Math.max(highest, approvalsFor(change.value, change.currency));
          expect(approvalsRequired(contract)).toBe(highest);
        }
      }),
    );
  });

  it("counts a contract written before the tier existed by its value today", () => {
    const { one, two } = settings().approval.byCurrency.USD!;
    expect(approvalsRequired({ value: one - 0.01, currency: "USD" })).toBe(0);
    expect(approvalsRequired({ value: one, currency: "USD" })).toBe(1);
    expect(approvalsRequired({ value: two, currency: "USD" })).toBe(2);
  });

  it("has thresholds for every currency it names that are ISO 4217 codes, the second above the first", () => {
    for (const [code, { one, two }] of Object.entries(settings().approval.byCurrency)) {
      expect(ISO_4217).toContain(code);
      expect(two).toBeGreaterThan(one);
    }
  });
});

describe("thresholds per currency", () => {
  it("gives every currency the stage accepts thresholds worth about what the base currency's are", () => {
    const { baseCurrency, byCurrency, exchangeRates } = settings().approval;
    const base = byCurrency[baseCurrency]!;
    for (const [code, rate] of Object.entries(exchangeRates)) {
      const { one, two } = thresholdsFor(code)!;
      expect(ISO_4217, code).toContain(code);
      // Rounded down to two significant digits: never above the converted amount, at most 10% below it.
      expect(one, code).toBeLessThanOrEqual(base.one * rate * (1 + 1e-9));
      expect(one, code).toBeGreaterThan(base.one * rate * 0.9);
      expect(two, code).toBeLessThanOrEqual(base.two * rate * (1 + 1e-9));
    }
  });

  it("has no default: a currency in neither table has no thresholds", () => {
    expect(thresholdsFor("MNT")).toBeUndefined();
    expect(approvalsFor(1, "MNT")).toBe(2);
  });
});

describe("the ISO 4217 list", () => {
  it("names only codes the runtime's currency data knows", () => {
    const known = new Set(Intl.supportedValuesOf("currency"));
    expect(ISO_4217.filter((code) => !known.has(code))).toEqual([]);
  });
});
