import AxeBuilder from "@axe-core/playwright";
import { serve, type ServerType } from "@hono/node-server";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { Resource } from "sst";
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

/** Where a file serves its console. */
export type ConsoleAddress =
  /** The stack's console address (TESTEX_WEB_PORT): the files bucket lets browsers upload from there only, so one file at a time may take it. */
  | "stack"
  /** A port of the file's own, so files run side by side; the file's notices link there. */
  | "own";

/** Playwright's default window, set again whenever a tab is handed on (a test may have narrowed it to a phone's). */
const DESKTOP = { width: 1280, height: 720 };

/**
 * The real thing, as a person meets it: the API over HTTP, the console built
 * for this stack and served at `address`, the local OpenID Provider (which
 * sends people back to any address on this machine), and Debian's Chromium.
 */
export async function startConsole(address: ConsoleAddress): Promise<Console> {
  const executablePath = chromiumPath();
  const apiPort = await freePort();
  const webPort = address === "stack" ? Number(process.env.TESTEX_WEB_PORT) : await freePort();
  const url = `http://localhost:${webPort}`;
  // As API Gateway does in AWS, the local gateway answers CORS for the console's origin and checks tokens.
  const fetch = withGatewayCors(withGatewayAuthorizer(app.fetch, settings().oidc), apiCors([...settings().corsOrigins, url]));
  const api: ServerType = serve({ fetch, port: apiPort, hostname: "127.0.0.1" });
  // Resource hands out one object per link; notices read the console's address from it when they are written.
  if (address === "own") Object.assign(Resource.Web, { url });
  const outDir = mkdtempSync(join(tmpdir(), "testex-console-"));
  const { issuer, audience } = settings().oidc;
  const apiUrl = `http://localhost:${apiPort}`;
  await buildConsole({ apiUrl, issuer, clientId: audience, outDir });
  const web = await serveConsole(outDir, webPort, { api: apiUrl, issuer, storage: process.env.AWS_ENDPOINT_URL_S3 });
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

/** Browser sessions opened for one test only, closed after it. */
const passing: BrowserContext[] = [];

/** Each person's signed-in tab, kept for the file's later tests that act as them: a session costs the browser a process and a sign-in. */
const signedIn = new Map<string, Page>();

/** A fresh browser session (its own cookies at the provider), opened at `path` and watched for script errors. */
async function freshTab(console: Console, path: string): Promise<Page> {
  const context = await console.browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  // A connection, script or frame the console's Content-Security-Policy refused shows here, not as a page error.
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) pageErrors.push(message.text());
  });
  await page.goto(`${console.url}${path}`);
  return page;
}

/** A fresh browser session, signed in as nobody, opened at `path`; closed when the test ends, unless someone signs in on it. */
export async function openAt(console: Console, path: string): Promise<Page> {
  const page = await freshTab(console, path);
  passing.push(page.context());
  return page;
}

/** The console shows the person as signed in. */
const signedInAs = (page: Page, login: string) =>
  expect.poll(() => page.getByLabel("Signed in as").textContent(), { timeout: 60_000 }).toContain(personByLogin(login)!.name);

/** Signs in at the local provider as one of its people, from the console's sign-in screen. */
export async function signIn(page: Page, login: string) {
  const person = personByLogin(login)!;
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("Username").fill(person.login);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await signedInAs(page, login);
  if (signedIn.has(login)) return;
  // The file's first sign-in as this person becomes their tab for later tests, even if opened for one test only.
  signedIn.set(login, page);
  const opened = passing.indexOf(page.context());
  if (opened >= 0) passing.splice(opened, 1);
}

/**
 * Someone signed in, on a page of the console: the first time in a file through the provider's
 * sign-in, later in the same tab (the console keeps its session per tab), opened afresh at `path`.
 */
export async function personAt(console: Console, login: string, path: string): Promise<Page> {
  const known = signedIn.get(login);
  if (known) {
    await known.setViewportSize(DESKTOP);
    await known.goto(`${console.url}${path}`);
    await signedInAs(known, login);
    return known;
  }
  const page = await freshTab(console, path);
  await signIn(page, login);
  return page;
}

/**
 * axe-core finds nothing serious or critical on the page as it is now; a screenshot records it for the docs.
 * The console has no frames, so axe runs whole in the page (legacy mode): otherwise it gathers each frame's
 * results in a blank tab of its own, a new renderer process for every check.
 */
export async function checkScreen(page: Page, name: string) {
  const { violations } = await new AxeBuilder({ page }).setLegacyMode().withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const grave = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(grave.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`)).toEqual([]);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Starts the console at `address` before a file's tests and stops it after them; each test ends with no script error on any page. */
export function withConsole(address: ConsoleAddress, started: (site: Console) => void) {
  let site: Console | undefined;
  beforeAll(async () => {
    site = await startConsole(address);
    started(site);
  }, 240_000);
  afterAll(async () => site?.stop());
  afterEach(async () => {
    await Promise.all(passing.splice(0).map((context) => context.close()));
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
