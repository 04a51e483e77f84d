import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { freePort } from "./process";

/** Ports each process draws: drawn at random, two sets this size would share about 13 of the 12,000. */
const DRAWN = 400;

it("hands a port to one process at a time, while the first still lives and has not bound it yet", async () => {
  // Another process draws ports and keeps them, as a test file does for the servers it is about to start; it ends with its input.
  const source = fileURLToPath(new URL("./process.ts", import.meta.url));
  const draw = `const { freePort } = await import(${JSON.stringify(source)});
const ports = [];
for (let i = 0; i < ${DRAWN}; i++) ports.push(await freePort());
console.log(JSON.stringify(ports));
process.stdin.resume().on("end", () => process.exit());`;
  const other = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", draw], { stdio: ["pipe", "pipe", "inherit"] });
  try {
    const [line] = (await once(createInterface({ input: other.stdout! }), "line")) as [string];
    const theirs = new Set<number>(JSON.parse(line));
    const mine: number[] = [];
    for (let i = 0; i < DRAWN; i++) mine.push(await freePort());
    expect(mine.filter((port) => theirs.has(port))).toEqual([]);
  } finally {
    other.stdin!.end();
  }
});
