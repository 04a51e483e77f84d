import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { settings, Term } from "@testex/core";
import { handler as notifier } from "@testex/functions/notifier";
import { handler as webhookSender } from "@testex/functions/webhook-sender";
import { startQueueWorker } from "#test/local";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Resource } from "sst";
import { call } from "#test/api";
import { personByLogin } from "@testex/local/people";
import { uniqueEmail } from "#test/fixtures";
import { mailTo, sqsEvent } from "../../packages/functions/test/notices";
import { processEventsOf } from "../../packages/functions/test/termination/fixtures";
import { importAndExportTests } from "./data-screens";
import { checkScreen, focused, openAt, pageWidth, personAt, signIn, withConsole, type Console } from "./harness";
import { useOwnQueues, useOwnTable } from "#test/local";

// The home screen and the lists show the first contracts of the whole table: on the shared one, other
// files' contracts (an import of 2,000 rows) push this file's off them, depending on which ran first.
await useOwnTable("console-test");
// Its webhook worker takes what is on the queue: on the shared one, other files' deliveries, which it would drop, as their records are not in this table.
await useOwnQueues("console-test");

/** Waits for what a person would wait for: a page under load may take seconds to settle. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 60_000 });
const today = () => new Date().toISOString().slice(0, 10);
const day = (iso: string) => new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));
const as = (login: string) => {
  const person = personByLogin(login)!;
  return { id: person.sub, name: person.name, email: person.email, roles: person.groups };
};

/** A contract of a fresh client, made through the API; worth enough to need an approver unless told otherwise. */
async function aContract(value = settings().approval.byCurrency.USD!.one + 5_000, terms: Record<string, unknown> = {}) {
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
async function requestTermination(page: Page) {
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
async function approve(page: Page, title: string, comment?: string) {
  await page.getByRole("button", { name: `Approve termination of ${title}` }).click();
  const dialog = page.getByRole("dialog", { name: `Approve the termination of ${title}?` });
  if (comment) await dialog.getByLabel("Comment (optional)").fill(comment);
  await dialog.getByRole("button", { name: "Approve", exact: true }).click();
}

/** The notices the request queued, delivered by the notifier into the local SES inbox. */
async function deliverNotices(contractId: string) {
  expect(await processEventsOf(contractId)).toEqual({ batchItemFailures: [] });
  const notices = await call("GET", `/api/contracts/${contractId}/notifications`, { as: "viewer" });
  await notifier(sqsEvent(notices.body.items.map((notice: { notification_id: string }) => notice.notification_id)));
}

describe("the console in a real browser", () => {
  let site: Console;
  withConsole((started) => (site = started));

  it("takes a termination above the threshold from an editor's request, through the approval e-mail's link, to an approver's decision", async () => {
    const { contractId, title } = await aContract();

    const ed = await personAt(site, "ed", `/contracts/${contractId}`);
    await poll(() => ed.getByRole("heading", { level: 1 }).textContent()).toBe(title);
    await checkScreen(ed, "contract-page");
    await requestTermination(ed);

    await deliverNotices(contractId);
    // Each approver is asked by name; Ana's own e-mail leads her to the request.
    const mail = (await mailTo(personByLogin("ana")!.email)).find((m) => m.subject.includes(contractId));
    expect(mail?.subject).toContain(title);
    const link = [...mail!.body.html!.matchAll(/href="([^"]+)"/g)].map((match) => match[1]!.replace(/&amp;/g, "&")).find((href) => href.includes(contractId));
    expect(link).toBe(`${site.url}/contracts/${contractId}/termination`);

    const ana = await openAt(site, new URL(link!).pathname);
    await signIn(ana, "ana");
    expect(new URL(ana.url()).pathname).toBe(`/contracts/${contractId}/termination`);
    await checkScreen(ana, "termination-review");

    await ana.getByRole("link", { name: "Approvals" }).click();
    await poll(() => ana.getByRole("list", { name: "Waiting for your decision" }).textContent()).toContain(title);
    await checkScreen(ana, "approvals");
    await ana.goBack();

    await approve(ana, title);
    await poll(() => ana.getByRole("region", { name: "Termination" }).textContent()).toContain("completed");
    await poll(() => ana.locator(".badge").textContent()).toBe("terminated");
    const timeline = ana.getByRole("list", { name: "Timeline, newest first" });
    await poll(() => timeline.textContent()).toContain("Ana Ortiz approved the termination");
    expect(await timeline.textContent()).toContain(`Edward Lin requested termination (breach of contract), effective ${day(today())}`);

    await deliverNotices(contractId);
    await ana.reload();
    await poll(() => timeline.textContent()).toMatch(/Notice of termination e-mailed to northwind[^,]*, (sent|delivered)/);
    await checkScreen(ana, "timeline");
  }, 120_000);

  it("lets nobody decide their own request: no decision controls for them, and the API refuses them too", async () => {
    const { contractId, title } = await aContract();
    const ada = await personAt(site, "ada", `/contracts/${contractId}`);
    await requestTermination(ada);

    const termination = ada.getByRole("region", { name: "Termination" });
    await poll(() => termination.textContent()).toContain("You requested this termination, so someone else decides it.");
    expect(await termination.getByRole("button", { name: /Approve|Reject/ }).count()).toBe(0);

    // Straight to the API with the same person's token, as a crafted request would.
    const refused = await ada.evaluate(async ({ api, id }) => {
      // oidc-client-ts keeps the signed-in user in this tab's session storage.
      const storage = (globalThis as unknown as { sessionStorage: Record<string, string> }).sessionStorage;
      const key = Object.keys(storage).find((k) => k.startsWith("oidc.user:"))!;
      const token = JSON.parse(storage[key]!).id_token as string;
      const reply = await fetch(`${api}/api/contracts/${id}/termination/approve`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: "{}",
      });
      return { status: reply.status, code: ((await reply.json()) as { code: string }).code };
    }, { api: site.apiUrl, id: contractId });
    expect(refused).toEqual({ status: 403, code: "termination.four_eyes" });

    await ada.getByRole("link", { name: "Approvals" }).click();
    await poll(() => ada.getByRole("heading", { level: 1 }).textContent()).toBe("Approvals");
    await poll(() => ada.getByRole("main").textContent()).not.toContain("Loading");
    expect(await ada.getByRole("main").textContent()).not.toContain(title);
  }, 120_000);

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

  it("passes axe on every other screen, without a serious or critical violation", async () => {
    const ada = await personAt(site, "ada", "/contracts");
    const screens: [string, string, string][] = [
      ["contracts", "/contracts", "Contracts"],
      ["contract-form", "/contracts/new", "New contract"],
      ["clients", "/clients", "Clients"],
      ["client-form", "/clients/new", "New client"],
      ["admin", "/admin", "Admin"],
      ["policy", "/admin/policy", "Termination policy"],
    ];
    for (const [name, path, heading] of screens) {
      await ada.goto(`${site.url}${path}`);
      await poll(() => ada.getByRole("heading", { level: 1 }).textContent()).toBe(heading);
      await poll(() => ada.getByRole("status").count()).toBe(0);
      await checkScreen(ada, name);
    }
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

  it("shows a two-approver termination as 1 of 2 to the first approver, who has no Approve left, and the second finishes it", async () => {
    const { contractId, title } = await aContract(settings().approval.byCurrency.USD!.two + 1_000);
    const ed = await personAt(site, "ed", `/contracts/${contractId}`);
    await requestTermination(ed);

    const ana = await personAt(site, "ana", `/contracts/${contractId}/termination`);
    const termination = ana.getByRole("region", { name: "Termination" });
    await poll(() => termination.textContent()).toContain("0 of 2");
    await approve(ana, title, "Breach confirmed by legal");
    await poll(() => termination.textContent()).toContain("1 of 2, Ana Ortiz approved");
    expect(await termination.getByRole("button", { name: /Approve/ }).count()).toBe(0);
    expect(await termination.textContent()).toContain("You approved this termination; it waits for 1 more.");
    await checkScreen(ana, "termination-one-of-two");

    const ben = await personAt(site, "ben", `/contracts/${contractId}/termination`);
    await approve(ben, title);
    await poll(() => ben.getByRole("region", { name: "Termination" }).textContent()).toContain("completed");
    expect(await ben.getByRole("region", { name: "Termination" }).textContent()).toContain("2 of 2, Ana Ortiz and Ben Okafor approved");
  }, 120_000);

  it("asks before withdrawing, saying what will happen, and moves focus to the outcome", async () => {
    const { contractId } = await aContract();
    const ed = await personAt(site, "ed", `/contracts/${contractId}`);
    await requestTermination(ed);
    await poll(() => focused(ed)).toMatchObject({ id: "result" });

    await ed.getByRole("button", { name: "Withdraw the request…" }).click();
    const dialog = ed.getByRole("dialog", { name: "Withdraw the termination request?" });
    expect(await dialog.textContent()).toContain("nothing is sent to the client");
    await checkScreen(ed, "withdraw-dialog");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    expect((await call("GET", `/api/contracts/${contractId}/termination`, { as: "viewer" })).body.status).toBe("PENDING_APPROVAL");

    await ed.getByRole("button", { name: "Withdraw the request…" }).click();
    await dialog.getByRole("button", { name: "Withdraw the request" }).click();
    await poll(() => focused(ed)).toEqual({ id: "result", text: "The termination request was withdrawn." });
    expect((await call("GET", `/api/contracts/${contractId}/termination`, { as: "viewer" })).body.status).toBe("WITHDRAWN");
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

  it("fits every screen into a phone's 390 px without sideways scrolling, and passes axe there", async () => {
    const { contractId, clientId } = await aContract();
    const ada = await personAt(site, "ada", "/");
    await ada.setViewportSize({ width: 390, height: 844 });
    const screens: [string, string, string][] = [
      ["home", "/", "Your work"],
      ["approvals", "/approvals", "Approvals"],
      ["contracts", "/contracts", "Contracts"],
      ["contract-page", `/contracts/${contractId}`, ""],
      ["contract-form", "/contracts/new", "New contract"],
      ["clients", "/clients", "Clients"],
      ["client-page", `/clients/${clientId}`, "Northwind Traders"],
      ["client-form", "/clients/new", "New client"],
      ["admin", "/admin", "Admin"],
      ["policy", "/admin/policy", "Termination policy"],
      ["webhooks", "/admin/webhooks", "Webhooks"],
    ];
    for (const [name, path, heading] of screens) {
      await ada.goto(`${site.url}${path}`);
      if (heading) await poll(() => ada.getByRole("heading", { level: 1 }).textContent()).toBe(heading);
      await poll(async () => ({ name, loading: await ada.getByRole("status").filter({ hasText: /^Loading/ }).allTextContents() })).toEqual({ name, loading: [] });
      const width = await pageWidth(ada);
      expect({ name, width }).toEqual({ name, width: 390 });
      await checkScreen(ada, `phone-${name}`);
    }
  }, 180_000);

  importAndExportTests(() => site);
});
