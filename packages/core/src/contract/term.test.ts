import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, addMonths, daysBetween } from "../dates";
import { dueOn, noticeDeadline } from "./term";

const day = fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2400-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const months = fc.integer({ min: 1, max: 120 });
const lastDayOf = (date: string) => addDays(addMonths(`${date.slice(0, 8)}01`, 1), -1);
const isMonthEnd = (date: string) => date === lastDayOf(date);
const monthIndex = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;

describe("adding months to a date", () => {
  it("moves exactly that many calendar months and yields a real date", () => {
    fc.assert(
      fc.property(day, months, (date, n) => {
        const later = addMonths(date, n);
        expect(monthIndex(later) - monthIndex(date)).toBe(n);
        expect(new Date(`${later}T00:00:00Z`).toISOString().slice(0, 10)).toBe(later);
      }),
    );
  });

  it("keeps the day of the month when the target month has it, unless the date is a month's last day", () => {
    fc.assert(
      fc.property(day, months, (date, n) => {
        const later = addMonths(date, n);
        if (isMonthEnd(date)) expect(isMonthEnd(later)).toBe(true);
        else expect(Number(later.slice(8))).toBe(Math.min(Number(date.slice(8)), Number(lastDayOf(later).slice(8))));
      }),
    );
  });

  it("takes month ends and 29 February to the target month's last day", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2028-02-29", 12)).toBe("2029-02-28");
    expect(addMonths("2027-02-28", 12)).toBe("2028-02-29");
    expect(addMonths("2026-02-28", 1)).toBe("2026-03-31");
    expect(addMonths("2026-04-30", 10)).toBe("2027-02-28");
    expect(addMonths("2026-01-30", 1)).toBe("2026-02-28");
    expect(addMonths("2026-12-15", 1)).toBe("2027-01-15");
  });

  it("over many terms lands where one jump of all the months lands, for days up to the 27th and month ends", () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 40 }), (date, term, count) => {
        fc.pre(Number(date.slice(8)) <= 27 || isMonthEnd(date));
        let end = date;
        for (let i = 0; i < count; i++) end = addMonths(end, term);
        expect(end).toBe(addMonths(date, term * count));
      }),
    );
  });

  it("over many terms from any other day never drifts out of the month one jump lands in", () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 40 }), (date, term, count) => {
        let end = date;
        for (let i = 0; i < count; i++) end = addMonths(end, term);
        expect(end.slice(0, 7)).toBe(addMonths(date, term * count).slice(0, 7));
      }),
    );
  });
});

describe("the notice deadline", () => {
  it("is the notice period before the end date, for contracts that end", () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 3650 }), fc.constantFrom("NONE" as const, "AUTO" as const), (end, notice, renewal) => {
        const deadline = noticeDeadline({ renewal, end_date: end, notice_period_days: notice })!;
        expect(daysBetween(deadline, end)).toBe(notice);
      }),
    );
    expect(noticeDeadline({ renewal: "AUTO", end_date: "2028-03-30", notice_period_days: 30 })).toBe("2028-02-29");
  });

  it("does not exist for an evergreen contract", () => {
    expect(noticeDeadline({ renewal: "EVERGREEN", end_date: "9999-12-30", notice_period_days: 30 })).toBeUndefined();
  });
});

describe("what a term is due on a day", () => {
  it("is nothing up to and on its end date", () => {
    expect(dueOn({ renewal: "NONE", end_date: "2026-06-30", notice_period_days: 30 }, "2026-06-30")).toEqual({ kind: "none" });
    expect(dueOn({ renewal: "AUTO", renewal_term_months: 12, end_date: "2026-06-30", notice_period_days: 30 }, "2026-06-30")).toEqual({ kind: "none" });
  });

  it("is expiry the day after the end date, for a contract that does not renew (and one written before renewals existed)", () => {
    expect(dueOn({ renewal: "NONE", end_date: "2026-06-30", notice_period_days: 30 }, "2026-07-01")).toEqual({ kind: "expire" });
    expect(dueOn({ end_date: "2026-06-30", notice_period_days: 30 }, "2026-07-01")).toEqual({ kind: "expire" });
  });

  it("is one renewal per term owed, each ending a term later, until the term covers the day", () => {
    fc.assert(
      fc.property(day, months, fc.integer({ min: 1, max: 4000 }), (end, term, late) => {
        const on = addDays(end, late);
        const due = dueOn({ renewal: "AUTO", renewal_term_months: term, end_date: end, notice_period_days: 0 }, on);
        if (due.kind !== "renew") throw new Error(`expected a renewal, got ${due.kind}`);
        expect(due.ends.at(-1)! >= on).toBe(true);
        expect((due.ends.at(-2) ?? end) < on).toBe(true);
        due.ends.forEach((next, i) => expect(next).toBe(addMonths(i === 0 ? end : due.ends[i - 1]!, term)));
      }),
    );
  });

  it("is never anything for an evergreen contract", () => {
    expect(dueOn({ renewal: "EVERGREEN", end_date: "9999-12-30", notice_period_days: 30 }, "9999-12-30")).toEqual({ kind: "none" });
  });
});
