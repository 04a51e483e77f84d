import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { localDataDir, privateDir } from "./paths";

/** The token-signing secret of this checkout: made once, kept under `.testex/`, readable only by its owner. */
export function localAuthSecret(): string {
  const file = join(localDataDir, "auth-secret");
  if (!existsSync(file)) {
    privateDir(localDataDir);
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}
