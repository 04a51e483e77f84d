import { describe, expect, it } from "vitest";
import { Term } from "@testex/core";
import { call } from "#test/api";
import { inDays, newContract, requester } from "./fixtures";

const request = (contractId: string, body: Record<string, unknown>) => call("POST", `/api/contracts/${contractId}/termination`, { as: requester, body });

describe("the reasons catalogue", () => {
  it("lists the stage's reasons with their labels and rules; the six codes are the defaults", async () => {
    const reply = await call("GET", "/api/termination-reasons", { as: "viewer" });
    expect(reply.status).toBe(200);
    expect(reply.body.items.map((r: { code: string }) => r.code)).toEqual(["MUTUAL_AGREEMENT", "BREACH", "CONVENIENCE", "NON_RENEWAL", "INSOLVENCY", "OTHER"]);
    expect(reply.body.items).toContainEqual({ code: "BREACH", label: "Breach of contract", short_notice: true, comment_required: false, end_of_term: false });
  });

  it("refuses a reason the catalogue does not list, naming the ones it does", async () => {
    const { contractId } = await newContract();
    const reply = await request(contractId, { reason: "BORED" });
    expect(reply.status).toBe(422);
    expect(reply.body.errors).toEqual([{ path: "reason", message: expect.stringContaining("MUTUAL_AGREEMENT, BREACH") }]);
  });

  it("asks for notes when the reason requires a comment", async () => {
    const { contractId } = await newContract();
    const reply = await request(contractId, { reason: "OTHER" });
    expect(reply.status).toBe(422);
    expect(reply.body.errors).toEqual([{ path: "notes", message: "The reason OTHER needs notes saying why" }]);
    expect((await request(contractId, { reason: "OTHER", notes: "Supplier relocated abroad" })).status).toBe(201);
  });

  it("takes a non-renewal on the term's last day only, and by default", async () => {
    const { contractId } = await newContract();
    const early = await request(contractId, { reason: "NON_RENEWAL", effective_date: "2030-06-30" });
    expect(early.status).toBe(422);
    expect(early.body.errors).toEqual([{ path: "effective_date", message: "Non-renewal at the end of the term takes effect on the term's last day, 2030-12-31" }]);
    const taken = await request(contractId, { reason: "NON_RENEWAL" });
    expect(taken.status).toBe(201);
    expect(taken.body.effective_date).toBe("2030-12-31");
  });
});

describe("the terminations report", () => {
  it("counts terminations effective in the period by reason, status and month", async () => {
    // A stretch of days far ahead that no other test uses, so the counts are this test's own.
    const start = inDays(4000 + Math.floor(Math.random() * 20_000));
    const nextMonth = Term.addDays(start, 31);
    const plan = [
      { reason: "CONVENIENCE", effective_date: start },
      { reason: "CONVENIENCE", effective_date: start },
      { reason: "INSOLVENCY", effective_date: nextMonth },
    ];
    const ids = [];
    for (const body of plan) {
      const { contractId } = await newContract();
      expect((await request(contractId, body)).status).toBe(201);
      ids.push(contractId);
    }
    await call("POST", `/api/contracts/${ids[2]}/termination/withdraw`, { as: requester });

    const reply = await call("GET", `/api/reports/terminations?from=${start}&to=${nextMonth}`, { as: "viewer" });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      from: start,
      to: nextMonth,
      total: 3,
      by_reason: [
        { reason: "CONVENIENCE", label: "Termination for convenience", count: 2 },
        { reason: "INSOLVENCY", label: "Insolvency of a party", count: 1 },
      ],
      by_status: [
        { status: "SCHEDULED", count: 2 },
        { status: "WITHDRAWN", count: 1 },
      ],
      by_month: [
        { month: start.slice(0, 7), count: 2 },
        { month: nextMonth.slice(0, 7), count: 1 },
      ],
    });
    const before = await call("GET", `/api/reports/terminations?from=${start}&to=${Term.addDays(nextMonth, -1)}`, { as: "viewer" });
    expect(before.body.total).toBe(2);
  });

  it("refuses a period that ends before it starts, or spans more than a year, with 422", async () => {
    expect((await call("GET", `/api/reports/terminations?from=2027-02-01&to=2027-01-01`, { as: "viewer" })).status).toBe(422);
    expect((await call("GET", `/api/reports/terminations?from=2027-01-01&to=2028-06-01`, { as: "viewer" })).status).toBe(422);
    expect((await call("GET", `/api/reports/terminations?from=2027-01-01`, { as: "viewer" })).status).toBe(422);
  });
});

