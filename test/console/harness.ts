import AxeBuilder from "@axe-core/playwright";
import { serve, type ServerType } from "@hono/node-server";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { settings } from "@testex/core";
import { app } from "@testex/functions/api/app";
import { apiCors } from "@testex/stage/cors";
import { chromiumPath } from "#test/chromium";
import { freePort, repoRoot } from "#test/local";
import { withGatewayAuthorizer, withGatewayCors } from "@testex/local/api-gateway";
import { buildConsole, serveConsole } from "@testex/local/console";
import { personByLogin } from "@testex/local/people";

/** As root, without a sandbox, and with no background traffic that a closed network refuses. */
const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Screenshots of each screen, taken by the tests, shown in docs/console.md. */
export const SCREENSHOTS = join(repoRoot, "docs/images/console");

export interface Console {
  /** The console's origin, as notices link to it. */
  url: string;
  /** The API the console calls. */
  apiUrl: string;
  browser: Browser;
  stop(): Promise<void>;
}

/**
 * The real thing, as a person meets it: the API over HTTP, the console built
 * for this stack and served where the stack's notices point, the local OpenID
 * Provider, and Debian's Chromium.
 */
export async function startConsole(): Promise<Console> {
  const executablePath = chromiumPath();
  const apiPort = await freePort();
  // As API Gateway does in AWS, the local gateway answers CORS for the console's origin and checks tokens.
  const fetch = withGatewayCors(withGatewayAuthorizer(app.fetch, settings().oidc), apiCors(settings().corsOrigins));
  const api: ServerType = serve({ fetch, port: apiPort, hostname: "127.0.0.1" });
  const outDir = mkdtempSync(join(tmpdir(), "testex-console-"));
  const { issuer, audience } = settings().oidc;
  const apiUrl = `http://localhost:${apiPort}`;
  await buildConsole({ apiUrl, issuer, clientId: audience, outDir });
  const url = `http://localhost:${process.env.TESTEX_WEB_PORT}`;
  const web = await serveConsole(outDir, Number(process.env.TESTEX_WEB_PORT), { api: apiUrl, issuer, storage: process.env.AWS_ENDPOINT_URL_S3 });
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS });
  return {
    url,
    apiUrl,
    browser,
    async stop() {
      await browser.close();
      web.close();
      api.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/** Script errors any page reported; a test ends by expecting none. */
export const pageErrors: string[] = [];

/** A fresh browser session (its own cookies at the provider), opened at `path` and watched for script errors. */
export async function openAt(console: Console, path: string): Promise<Page> {
  const context = await console.browser.newContext();
  const page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  // A connection, script or frame the console's Content-Security-Policy refused shows here, not as a page error.
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) pageErrors.push(message.text());
  });
  await page.goto(`${console.url}${path}`);
  return page;
}

/** Signs in at the local provider as one of its people, from the console's sign-in screen. */
export async function signIn(page: Page, login: string) {
  const person = personByLogin(login)!;
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("Username").fill(person.login);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect.poll(() => page.getByLabel("Signed in as").textContent(), { timeout: 60_000 }).toContain(person.name);
}

/** Someone signed in, on a page of the console. */
export async function personAt(console: Console, login: string, path: string): Promise<Page> {
  const page = await openAt(console, path);
  await signIn(page, login);
  return page;
}

/** axe-core finds nothing serious or critical on the page as it is now; a screenshot records it for the docs. */
export async function checkScreen(page: Page, name: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const grave = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(grave.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`)).toEqual([]);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Starts the console before a file's tests and stops it after them; each test ends with no script error on any page. */
export function withConsole(started: (site: Console) => void) {
  let site: Console | undefined;
  beforeAll(async () => {
    site = await startConsole();
    started(site);
  }, 240_000);
  afterAll(async () => site?.stop());
  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });
}

/** The page's document, as a callback run in the browser sees it (the tests compile without the DOM's types). */
type BrowserDocument = { activeElement: { id: string; textContent: string | null } | null; documentElement: { scrollWidth: number } };

/** The element that has focus now, by its id and text: where a keyboard or screen-reader user is. */
export const focused = (page: Page) =>
  page.evaluate(() => {
    const active = (globalThis as unknown as { document: BrowserDocument }).document.activeElement;
    return { id: active?.id ?? "", text: active?.textContent ?? "" };
  });

/** How wide the page is laid out: wider than the window means it scrolls sideways. */
export const pageWidth = (page: Page) => page.evaluate(() => (globalThis as unknown as { document: BrowserDocument }).document.documentElement.scrollWidth);
