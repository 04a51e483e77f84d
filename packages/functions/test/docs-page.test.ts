import { serve, type ServerType } from "@hono/node-server";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumPath } from "#test/chromium";
import { freePort, repoRoot } from "#test/local";
import { uniqueEmail } from "#test/fixtures";
import { app } from "../src/api/app";
import { call, tokenFor } from "#test/api";

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const SCREENSHOTS = join(repoRoot, "test-output");

describe("the documentation page in a real browser", () => {
  let server: ServerType;
  let base: string;
  let browser: BrowserContext;
  let profile: string;

  let clientId: string;

  beforeAll(async () => {
    const executablePath = chromiumPath();
    const port = await freePort();
    server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" });
    base = `http://127.0.0.1:${port}`;
    profile = mkdtempSync(join(tmpdir(), "testex-chromium-"));
    browser = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: FLAGS });
    const client = await call("POST", "/api/clients", { as: "editor", body: { name: "Docs Page Ltd", email: uniqueEmail("docs") } });
    clientId = client.body.client_id;
    await call("POST", "/api/contracts", {
      as: "editor",
      body: { client_id: client.body.client_id, title: "Seen from the docs page", contract_type: "LICENSE", start_date: "2026-01-01", end_date: "2026-12-31", value: 99 },
    });
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it("authorises with a bearer token and lists contracts from the page", async () => {
    const page = await browser.newPage();
    const blocked: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") blocked.push(`${message.text()} (${message.location().url})`);
    });
    page.on("pageerror", (error) => blocked.push(error.message));

    await page.goto(`${base}/docs`);
    await page.locator(".swagger-ui .info .title").waitFor();
    // Swagger UI lists what it finds wrong with the document here.
    expect(await page.locator(".swagger-ui .errors-wrapper").allTextContents()).toEqual([]);

    await page.locator(".auth-wrapper button.authorize").click();
    await page.locator(".modal-ux input").first().fill(await tokenFor("viewer"));
    await page.locator(".modal-ux button.authorize").click();
    await page.locator(".modal-ux button.btn-done").click();

    const list = page.locator("#operations-Contracts-getContracts");
    await list.locator(".opblock-summary").click();
    // The run's other tests fill the table too: ask for this test's client only.
    await list.locator("tr[data-param-name='client_id'] input").fill(clientId);
    await list.locator("button.execute").click();
    const status = list.locator(".live-responses-table tbody .response-col_status").first();
    await expect.poll(() => status.textContent(), { timeout: 60_000 }).toContain("200");
    await expect.poll(() => list.locator(".live-responses-table tbody .response-col_description").first().textContent()).toContain("Seen from the docs page");

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, "docs-page.png"), fullPage: true });
    // The call and its live reply; the documented responses below them are long.
    const scrolled = await page.evaluate("window.scrollY") as number;
    const box = (await list.boundingBox())!;
    const end = (await list.locator(".live-responses-table").boundingBox())!;
    const clip = { x: box.x, y: box.y + scrolled, width: box.width, height: end.y + end.height - box.y };
    await page.screenshot({ path: join(SCREENSHOTS, "docs-list-contracts.png"), fullPage: true, clip });
    expect(blocked).toEqual([]);
  });
});
