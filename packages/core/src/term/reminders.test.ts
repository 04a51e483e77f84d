import { Client, Contract, systemActor } from "@testex/core";
import { as, uniqueEmail } from "#test/fixtures";
import { describe, expect, it } from "vitest";
import { byContract } from "../notification";
import { remindersFor, sendReminders } from "./reminders";

const contract = (end_date: string, notice_period_days: number, more: Partial<Contract.Stored> = {}) =>
  ({ contract_id: "CT0000REMIND", title: "Fleet maintenance", status: "ACTIVE", end_date, notice_period_days, ...more }) as Contract.Stored;

const due = (today: string, end: string, notice: number, more: Partial<Contract.Stored> = {}) =>
  remindersFor(contract(end, notice, more), today).map((r) => `${r.props.kind} ${r.props.days_left}`);

describe("which reminders a contract is due", () => {
  it("reminds of the end date of a contract that does not renew, closer and closer until it ends", () => {
    expect(due("2030-01-01", "2030-04-01", 0)).toEqual(["END_DATE 90"]);
    expect(due("2030-03-02", "2030-04-01", 0)).toEqual(["END_DATE 30"]);
    expect(due("2030-03-25", "2030-04-01", 0)).toEqual(["END_DATE 7"]);
    expect(due("2030-03-31", "2030-04-01", 0)).toEqual(["END_DATE 1"]);
    expect(due("2030-04-01", "2030-04-01", 0)).toEqual(["END_DATE 0"]);
  });

  it("reminds before the last day notice can be given (end date minus notice period)", () => {
    expect(due("2030-01-01", "2030-05-01", 30)).toEqual(["NOTICE_DEADLINE 90"]);
    expect(due("2030-03-25", "2030-05-01", 30)).toEqual(["NOTICE_DEADLINE 7", "END_DATE 37"]);
  });

  it("reminds of an AUTO contract's notice deadline only: after it, the contract renews", () => {
    expect(due("2030-03-25", "2030-05-01", 30, { renewal: "AUTO", renewal_term_months: 12 })).toEqual(["NOTICE_DEADLINE 7"]);
    expect(due("2030-04-02", "2030-05-01", 30, { renewal: "AUTO", renewal_term_months: 12 })).toEqual([]);
  });

  it("reminds of nothing for an evergreen contract, or one that is no longer running", () => {
    expect(due("2030-03-25", "9999-12-30", 30, { renewal: "EVERGREEN" })).toEqual([]);
    expect(due("2030-03-25", "2030-04-01", 0, { status: "PENDING_TERMINATION" })).toEqual([]);
    expect(due("2030-03-25", "2030-04-01", 0, { status: "EXPIRED" })).toEqual([]);
  });

  it("catches up with the nearest threshold after days the job did not run, under one id per threshold", () => {
    const [reminder] = remindersFor(contract("2030-04-01", 0), "2030-03-20");
    expect(reminder!.props).toMatchObject({ kind: "END_DATE", days_left: 12 });
    expect(reminder!.notification_id).toBe("reminder.CT0000REMIND.END_DATE.2030-04-01.14");
  });

  it("links each reminder to the contract's page in the console, where it is renewed or notice is given", () => {
    const [reminder] = remindersFor(contract("2030-04-01", 0), "2030-03-20");
    expect(reminder!.props.contract_url).toMatch(/^https?:\/\/[^/]+\/contracts\/CT0000REMIND$/);
  });

  it("reminds of nothing more than 90 days ahead or once a date has passed", () => {
    expect(due("2029-12-01", "2030-04-01", 0)).toEqual([]);
    expect(due("2030-03-20", "2030-04-01", 30)).toEqual(["END_DATE 12"]);
  });

  it("go to the contract's owner, or to the approvers when it has none on record", () => {
    expect(remindersFor(contract("2030-04-01", 0, { owner_email: "owner@example.com" }), "2030-03-31")[0]!.to).toEqual(["owner@example.com"]);
    expect(remindersFor(contract("2030-04-01", 0), "2030-03-31")[0]!.to).toEqual(["approvers@testex-dev.com"]);
  });
});

describe("the daily reminder job", () => {
  it("queues each due reminder once, to the owner, however often it runs", async () => {
    const created = await as({ id: "owner-1", email: "owner-1@example.com", roles: ["editor"] }, async () => {
      const client = await Client.create({ name: "Initech", email: uniqueEmail("initech") });
      return Contract.create({ client_id: client.client_id, title: "Printer fleet", contract_type: "MAINTENANCE", start_date: "2030-01-01", end_date: "2031-02-15", value: 9000, notice_period_days: 14 });
    });
    const first = await as(systemActor("reminders"), () => sendReminders("2031-01-16"));
    const again = await as(systemActor("reminders"), () => sendReminders("2031-01-16"));
    expect(again.queued).toBe(0);
    expect(first.due.filter((r) => r.contract_id === created.contract_id)).toHaveLength(2);

    const { items } = await byContract(created.contract_id, {});
    expect(items.map((n) => [n.template, n.props.kind, n.props.days_left]).sort()).toEqual([
      ["end-date-reminder", "END_DATE", 30],
      ["end-date-reminder", "NOTICE_DEADLINE", 16],
    ]);
    expect(items[0]!.to).toEqual(["owner-1@example.com"]);
  });
});
