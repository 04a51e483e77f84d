import { existsSync } from "node:fs";

/** Debian's Chromium, which the browser tests drive through playwright-core (no browser download from the internet). */
export const CHROMIUM = "/usr/bin/chromium";

/** The browser the tests drive; installing it is `tools/setup-system.sh`'s job, never a test's. */
export function chromiumPath(): string {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: run tools/setup-system.sh (as root, or it prints the command).`);
  return CHROMIUM;
}
