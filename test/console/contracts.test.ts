import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Resource } from "sst";
import { describe, expect, it } from "vitest";
import { Term } from "@testex/core";
import { handler as webhookSender } from "@testex/functions/webhook-sender";
import { call } from "#test/api";
import { startQueueWorker, useOwnQueues, useOwnTable } from "#test/local";
import { processEventsOf } from "../../packages/functions/test/termination/fixtures";
import { checkScreen, focused, openAt, personAt, signIn, withConsole, type Console } from "./harness";
import { aContract, as, poll, today } from "./steps";

// The home screen and the lists show the first contracts of the whole table: on the shared one, other
// files' contracts (an import of 2,000 rows) push this file's off them, depending on which ran first.
await useOwnTable("console-contracts");
// Its webhook worker takes what is on the queue: on the shared one, other files' deliveries, which it would drop, as their records are not in this table.
await useOwnQueues("console-contracts");

describe("contracts, roles and an admin's webhooks in the console", () => {
  let site: Console;
  withConsole("own", (started) => (site = started));

  it("shows a viewer no control their role may not use", async () => {
    const { contractId } = await aContract(1_000);
    const val = await openAt(site, "/contracts");
    await checkScreen(val, "sign-in");
    await signIn(val, "val");

    const nav = val.getByRole("navigation", { name: "Main" });
    expect(await nav.getByRole("link").allTextContents()).toEqual(["Home", "Contracts", "Clients"]);
    await poll(() => val.getByRole("table", { name: "Contracts" }).count()).toBe(1);
    expect(await val.getByRole("link", { name: "New contract" }).count()).toBe(0);

    await val.goto(`${site.url}/contracts/${contractId}`);
    await poll(() => val.getByRole("region", { name: "Timeline" }).textContent()).toContain("created the contract");
    for (const control of [val.getByRole("link", { name: "Edit terms" }), val.getByRole("button", { name: "Suspend" }), val.getByRole("form", { name: "Request termination" }), val.getByLabel("Upload a document")]) {
      expect(await control.count()).toBe(0);
    }

    await nav.getByRole("link", { name: "Clients" }).click();
    await poll(() => val.getByRole("table", { name: "Clients" }).count()).toBe(1);
    expect(await val.getByRole("link", { name: "New client" }).count()).toBe(0);
    expect(await val.getByRole("link", { name: /^Edit / }).count()).toBe(0);
  }, 120_000);

  it("shows a version conflict with who changed the contract, and reloads it instead of overwriting", async () => {
    const { contractId } = await aContract(2_000);
    const ed = await personAt(site, "ed", `/contracts/${contractId}/edit`);
    const form = ed.getByRole("form", { name: "Edit contract" });
    await poll(() => form.getByLabel("Value").inputValue()).toBe("2000");

    const meanwhile = await call("PUT", `/api/contracts/${contractId}`, { as: as("ada"), headers: { "if-match": '"1"' }, body: { value: 2_500 } });
    expect(meanwhile.status).toBe(200);

    await form.getByLabel("Value").fill("3000");
    await form.getByRole("button", { name: "Save changes" }).click();
    const alert = form.getByRole("alert");
    await poll(() => alert.textContent()).toContain("Ada Park changed this contract");
    expect(await alert.textContent()).toContain("Your changes were not saved");
    await checkScreen(ed, "version-conflict");

    await alert.getByRole("button", { name: "Reload the contract" }).click();
    await poll(() => form.getByLabel("Value").inputValue()).toBe("2500");
    const saved = await call("GET", `/api/contracts/${contractId}`, { as: "viewer" });
    expect(saved.body).toMatchObject({ value: 2_500, version: 2 });
  }, 120_000);

  it("puts a contract whose notice deadline is in 15 days on the editor's home screen, and renews it from there", async () => {
    const deadline = Term.addDays(today(), 15);
    const { contractId, title } = await aContract(1_000, { start_date: "2026-01-01", end_date: Term.addDays(deadline, 30), notice_period_days: 30 });
    const ed = await personAt(site, "ed", "/");
    const due = ed.getByRole("list", { name: "Notice deadlines in the next 60 days" });
    await poll(() => due.textContent()).toContain(title);
    const card = due.getByRole("listitem").filter({ hasText: title });
    expect(await card.textContent()).toContain("Renew it, or let it expire");
    await checkScreen(ed, "home");

    await card.getByRole("button", { name: `Renew ${title}` }).click();
    const dialog = ed.getByRole("dialog", { name: `Renew ${title}?` });
    await dialog.getByLabel("New term (months)").fill("12");
    await checkScreen(ed, "renew-dialog");
    await dialog.getByRole("button", { name: "Renew the contract" }).click();
    await poll(() => focused(ed)).toEqual({ id: "result", text: `Renewed ${title}` });
    const renewed = await call("GET", `/api/contracts/${contractId}`, { as: "viewer" });
    expect(renewed.body.notice_deadline > Term.addDays(today(), 300)).toBe(true);
    await poll(() => ed.getByRole("region", { name: "Notice deadlines in the next 60 days" }).textContent()).not.toContain(title);
  }, 120_000);

  it("creates an EVERGREEN contract in the console, without an end date, and edits it", async () => {
    const { title: other } = await aContract(1_000);
    const client = (await call("GET", "/api/clients?limit=1", { as: "viewer" })).body.items[0];
    const ed = await personAt(site, "ed", "/contracts/new");
    const form = ed.getByRole("form", { name: "New contract" });
    await poll(() => form.getByLabel("Client").locator("option").count()).toBeGreaterThan(1);
    await form.getByLabel("Client").selectOption(client.client_id);
    const title = `Open-ended support ${other.slice(-6)}`;
    await form.getByLabel("Title").fill(title);
    await form.getByLabel("Starts").fill("2026-02-01");
    await form.getByLabel("Renewal", { exact: true }).selectOption("EVERGREEN");
    expect(await form.getByLabel("Ends").count()).toBe(0);
    await form.getByLabel("Value").fill("1200");
    await form.getByLabel("Notice period (days)").fill("90");
    await form.getByRole("button", { name: "Create contract" }).click();
    await poll(() => ed.getByRole("heading", { level: 1 }).textContent()).toBe(title);
    const terms = ed.getByRole("region", { name: "Terms" });
    await poll(() => terms.textContent()).toContain("until ended with notice");

    await ed.getByRole("link", { name: "Edit terms" }).click();
    const edit = ed.getByRole("form", { name: "Edit contract" });
    await poll(() => edit.getByLabel("Renewal", { exact: true }).inputValue()).toBe("EVERGREEN");
    await edit.getByLabel("Value").fill("1500");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await poll(() => terms.textContent()).toContain("1,500.00");
    expect(await terms.textContent()).toContain("Runs until ended with notice");
  }, 120_000);

  it("lets an admin subscribe a receiver with its secret shown once, see a delivery that never got an answer as DEAD, and replay it", async () => {
    let answering = false;
    const receiver = createServer((req, res) => {
      req.resume();
      if (answering) res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/erp`;
    const stopWorker = startQueueWorker({ queueUrl: Resource.WebhookQueue.url, handler: webhookSender });
    try {
      const ada = await personAt(site, "ada", "/admin/webhooks");
      const form = ada.getByRole("form", { name: "New webhook subscription" });
      await form.getByLabel("Receiver URL").fill(hookUrl);
      await form.getByLabel("contract.suspended").check();
      await form.getByRole("button", { name: "Add subscription" }).click();
      await poll(() => ada.getByLabel("Signing secret", { exact: true }).textContent()).toMatch(/^whsec_/);

      const { contractId } = await aContract(1_000);
      expect((await call("POST", `/api/contracts/${contractId}/suspend`, { as: "editor" })).status).toBe(200);
      await processEventsOf(contractId);
      const subscription = (await call("GET", "/api/admin/webhooks?limit=100", { as: "admin" })).body.items.find((s: { url: string }) => s.url === hookUrl);
      const log = () => call("GET", `/api/admin/webhooks/${subscription.subscription_id}/deliveries`, { as: "admin" });
      await expect.poll(async () => (await log()).body.items[0]?.status, { timeout: 90_000, interval: 500 }).toBe("DEAD");

      await ada.getByRole("button", { name: `Deliveries to ${hookUrl}` }).click();
      const deliveries = ada.getByRole("table", { name: "Deliveries" });
      await poll(() => deliveries.textContent()).toContain("DEAD");
      await checkScreen(ada, "webhooks-dead-delivery");
      answering = true;
      await ada.getByRole("button", { name: /^Replay contract\.suspended delivery/ }).click();
      await expect.poll(async () => (await log()).body.items[0]?.status, { interval: 300 }).toBe("SUCCEEDED");
      await ada.reload();
      await ada.getByRole("button", { name: `Deliveries to ${hookUrl}` }).click();
      await poll(() => ada.getByRole("table", { name: "Deliveries" }).textContent()).toContain("SUCCEEDED");
    } finally {
      await stopWorker();
      receiver.close();
    }
  }, 180_000);
});
