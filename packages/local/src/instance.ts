import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isAlive } from "@testex/aws-local/process";

/** What a running `npm start` records about itself, so a second one can say where it is. */
export interface Instance {
  pid: number;
  api: string;
  inbox: string;
}

/**
 * Makes this process the one `npm start` on `dataDir`, or throws naming the one that is.
 * A record left by a process that died is taken over. Returns the release.
 */
export function claimInstance(dataDir: string, me: Instance): () => void {
  const file = join(dataDir, "running.json");
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, JSON.stringify(me), { flag: "wx", mode: 0o600 });
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw error;
    }
    let other: Instance | undefined;
    try {
      other = JSON.parse(readFileSync(file, "utf8")) as Instance;
    } catch {
      // unreadable: left half-written by a process that died
    }
    if (other && other.pid !== process.pid && isAlive(other.pid)) {
      throw new Error(
        [
          `TESTEX is already running on ${dataDir} (pid ${other.pid}):`,
          `  API          ${other.api}`,
          `  Mail inbox   ${other.inbox}`,
          `Use that one, or stop it first (Ctrl-C in its terminal, or \`kill -INT ${other.pid}\`).`,
          `To run a second, separate stack, give it its own TESTEX_DATA_DIR, PORT and stand-in ports.`,
        ].join("\n"),
      );
    }
    rmSync(file, { force: true });
  }
}
