import { randomBytes } from "node:crypto";
import { existsSync, linkSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { localDataDir, privateDir } from "./paths";

/** The token-signing secret of this checkout: made once, kept under `.testex/`, readable only by its owner. */
export function localAuthSecret(): string {
  const file = join(localDataDir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  privateDir(localDataDir);
  // Written aside, then linked into place: two processes making it at once agree on one, and none reads it half-written.
  const draft = `${file}.${process.pid}`;
  writeFileSync(draft, randomBytes(32).toString("base64url"), { mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    rmSync(draft, { force: true });
  }
  return readFileSync(file, "utf8").trim();
}
