import { Client, Contract, systemActor } from "@testex/core";
import { as, uniqueEmail } from "#test/fixtures";
import { describe, expect, it } from "vitest";
import { byContract } from "./index";
import { remindersFor, sendReminders } from "./reminders";

const contract = (end_date: string, notice_period_days: number) =>
  ({ contract_id: "CT0000REMIND", title: "Fleet maintenance", end_date, notice_period_days }) as Contract.Stored;

const due = (today: string, end: string, notice: number) =>
  remindersFor(contract(end, notice), today).map((r) => `${(r.props as { kind: string }).kind} ${(r.props as { days_left: number }).days_left}`);

describe("which reminders a contract is due", () => {
  it("reminds 90, 30 and 7 days before the end date", () => {
    expect(due("2030-01-01", "2030-04-01", 0)).toEqual(["END_DATE 90"]);
    expect(due("2030-03-02", "2030-04-01", 0)).toEqual(["END_DATE 30"]);
    expect(due("2030-03-25", "2030-04-01", 0)).toEqual(["END_DATE 7"]);
  });

  it("reminds before the last day notice can be given (end date minus notice period)", () => {
    expect(due("2030-01-01", "2030-05-01", 30)).toEqual(["NOTICE_DEADLINE 90"]);
    expect(due("2030-03-25", "2030-05-01", 30)).toEqual(["END_DATE 37", "NOTICE_DEADLINE 7"]);
  });

  it("catches up with the nearest threshold after days the job did not run, under one id per threshold", () => {
    const [reminder] = remindersFor(contract("2030-04-01", 0), "2030-03-20");
    expect(reminder!.props).toMatchObject({ kind: "END_DATE", days_left: 12 });
    expect(reminder!.notification_id).toBe("reminder.CT0000REMIND.END_DATE.2030-04-01.30");
  });

  it("reminds of nothing more than 90 days ahead or once a date has passed", () => {
    expect(due("2029-12-01", "2030-04-01", 0)).toEqual([]);
    expect(due("2030-03-20", "2030-04-01", 30)).toEqual(["END_DATE 12"]);
  });
});

describe("the daily reminder job", () => {
  it("queues each due reminder once, to the approvers, however often it runs", async () => {
    const created = await as(systemActor("test"), async () => {
      const client = await Client.create({ name: "Initech", email: uniqueEmail("initech") });
      return Contract.create({ client_id: client.client_id, title: "Printer fleet", contract_type: "MAINTENANCE", start_date: "2030-01-01", end_date: "2031-02-15", value: 9000, notice_period_days: 14 });
    });
    await as(systemActor("reminders"), () => sendReminders("2031-01-16"));
    await as(systemActor("reminders"), () => sendReminders("2031-01-16"));

    const { items } = await byContract(created.contract_id, {});
    expect(items.map((n) => [n.template, n.props.kind, n.props.days_left])).toEqual([
      ["end-date-reminder", "NOTICE_DEADLINE", 16],
      ["end-date-reminder", "END_DATE", 30],
    ]);
    expect(items[0]!.to).toEqual(["approvers@testex-dev.com"]);
  });
});
