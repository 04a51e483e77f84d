import type { Page } from "playwright-core";
import { expect } from "vitest";
import { settings } from "@testex/core";
import { handler as notifier } from "@testex/functions/notifier";
import { call } from "#test/api";
import { uniqueEmail } from "#test/fixtures";
import { personByLogin } from "@testex/local/people";
import { sqsEvent } from "../../packages/functions/test/notices";
import { processEventsOf } from "../../packages/functions/test/termination/fixtures";

/** Waits for what a person would wait for: a page under load may take seconds to settle. */
export const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 60_000 });
export const today = () => new Date().toISOString().slice(0, 10);
export const day = (iso: string) =>
  new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));

/** One of the local provider's people, as the API's `call` acts for them. */
export const as = (login: string) => {
  const person = personByLogin(login)!;
  return { id: person.sub, name: person.name, email: person.email, roles: person.groups };
};

/** A contract of a fresh client, made through the API; worth enough to need an approver unless told otherwise. */
export async function aContract(value = settings().approval.byCurrency.USD!.one + 5_000, terms: Record<string, unknown> = {}) {
  const title = `Facility services ${Math.random().toString(36).slice(2, 8)}`;
  const client = await call("POST", "/api/clients", { as: "editor", body: { name: "Northwind Traders", email: uniqueEmail("northwind") } });
  const contract = await call("POST", "/api/contracts", {
    as: "editor",
    body: { client_id: client.body.client_id, title, contract_type: "SERVICE", start_date: "2026-01-01", end_date: "2030-12-31", value, currency: "EUR", ...terms },
  });
  expect(contract.status).toBe(201);
  return { contractId: contract.body.contract_id as string, title, clientId: client.body.client_id as string };
}

/** Requests termination on the contract page: for a breach, effective today, confirmed in the dialog that says what follows. */
export async function requestTermination(page: Page) {
  const form = page.getByRole("form", { name: "Request termination" });
  await form.getByLabel("Reason").selectOption("BREACH");
  await form.getByLabel("Effective date").fill(today());
  await form.getByRole("button", { name: "Request termination" }).click();
  const dialog = page.getByRole("dialog", { name: "Request this termination?" });
  await poll(() => dialog.textContent()).toContain("Nothing is sent to the client until it is approved");
  await dialog.getByRole("button", { name: "Send the request" }).click();
  await poll(() => page.getByRole("region", { name: "Termination" }).textContent()).toContain("pending approval");
}

/** Approves on the page, through the dialog that says what the approval will do. */
export async function approve(page: Page, title: string, comment?: string) {
  await page.getByRole("button", { name: `Approve termination of ${title}` }).click();
  const dialog = page.getByRole("dialog", { name: `Approve the termination of ${title}?` });
  if (comment) await dialog.getByLabel("Comment (optional)").fill(comment);
  await dialog.getByRole("button", { name: "Approve", exact: true }).click();
}

/** The notices the request queued, delivered by the notifier into the local SES inbox. */
export async function deliverNotices(contractId: string) {
  expect(await processEventsOf(contractId)).toEqual({ batchItemFailures: [] });
  const notices = await call("GET", `/api/contracts/${contractId}/notifications`, { as: "viewer" });
  await notifier(sqsEvent(notices.body.items.map((notice: { notification_id: string }) => notice.notification_id)));
}
