import { describe, expect, it } from "vitest";
import { useOwnTable } from "#test/local";
import { checkScreen, pageWidth, personAt, withConsole, type Console } from "./harness";
import { aContract, poll } from "./steps";

// The lists show the first contracts and clients of the whole table: on the shared one, what other files
// wrote (an import of 2,000 rows) changes what each screen shows, and so its screenshot.
await useOwnTable("console-screens");

describe("every screen of the console, on a desktop and on a phone", () => {
  let site: Console;
  withConsole("own", (started) => (site = started));

  it("passes axe on every other screen, without a serious or critical violation", async () => {
    // Lists with rows in them, as a person meets them, so axe checks the tables too.
    await aContract(1_000);
    await aContract(2_500);
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
});
