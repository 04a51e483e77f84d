import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

/** Debian's Chromium, which the browser tests drive through playwright-core (no browser download from the internet). */
export const CHROMIUM = "/usr/bin/chromium";

/**
 * Installs Debian's `chromium` package when it is missing, so a clean CI
 * machine (which runs as root) gets it. Elsewhere it says what to run.
 */
export function ensureChromium(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  if (process.getuid?.() !== 0) {
    throw new Error(`Chromium is missing: run \`sudo apt-get update && sudo apt-get install -y chromium\` (the browser tests use ${CHROMIUM}).`);
  }
  const apt = (...args: string[]) => execFileSync("apt-get", args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  apt("update");
  apt("install", "-y", "--no-install-recommends", "chromium");
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium, but ${CHROMIUM} is still missing.`);
  return CHROMIUM;
}

/**
 * Debian's Chromium for a browser test, which never installs it (installs race
 * on the dpkg lock): `npm run chromium`, or .ci/run, does that beforehand.
 */
export function chromiumPath(): string {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: run \`npm run chromium\` (as root, or with sudo) before the browser tests.`);
  return CHROMIUM;
}

/** The flags a headless Chromium needs here: no sandbox as root, and no background traffic that a closed network refuses. */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

// `npm run chromium` installs it ahead of the tests.
if (import.meta.url === `file://${process.argv[1]}`) ensureChromium();
