import { describe, expect, it } from "vitest";
import { call } from "#test/api";
import { useOwnTable } from "#test/local";
import { personByLogin } from "@testex/local/people";
import { settings } from "@testex/core";
import { mailTo } from "../../packages/functions/test/notices";
import { checkScreen, focused, openAt, personAt, signIn, withConsole, type Console } from "./harness";
import { aContract, approve, day, deliverNotices, poll, requestTermination, today } from "./steps";

// The approvals list shows what waits across the whole table: on the shared one, other files' requests crowd it.
await useOwnTable("console-termination");

describe("terminations in the console", () => {
  let site: Console;
  withConsole("own", (started) => (site = started));

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
});
