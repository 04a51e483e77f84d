import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { settings } from "@testex/core";
import { tokenVerifier } from "@testex/functions/api/middleware/authenticate";
import { repoRoot } from "./paths";

const cli = join(repoRoot, "packages/local/src/token-cli.ts");
// The CLI finds the provider by TESTEX_OIDC_PORT, here the test stack's.
const port = new URL(settings().oidc.issuer).port;
// As `npm run token` runs it: Node with tsx's loader.
const runIn = (env: NodeJS.ProcessEnv, ...args: string[]) => promisify(execFile)(process.execPath, ["--import", "tsx/esm", cli, ...args], { env: { ...process.env, ...env } });
const run = (...args: string[]) => runIn({ TESTEX_OIDC_PORT: port }, ...args);

describe("npm run token", () => {
  it("signs in as the named person and prints an ID token the API accepts, naming them", async () => {
    const { stdout, stderr } = await run("--user", "ana");
    expect(await tokenVerifier(settings().oidc)(stdout.trim())).toEqual({
      id: "2d5e7b5a-8b2a-4f9c-9c73-3e4f5a6b7c03",
      email: "ana@testex.example",
      name: "Ana Ortiz",
      roles: ["approver"],
    });
    expect(stderr).toContain("valid 12 h");
  });

  it("signs in as the seeded person who holds the role asked for", async () => {
    const { stdout } = await run("--role", "editor");
    expect(await tokenVerifier(settings().oidc)(stdout.trim())).toMatchObject({ email: "ed@testex.example", roles: ["editor"] });
  });

  it("points to the docs page on the API's PORT", async () => {
    const { stderr } = await runIn({ TESTEX_OIDC_PORT: port, PORT: "4321" }, "--role", "viewer");
    expect(stderr).toContain("http://localhost:4321/docs");
  });

  it("refuses a role that does not exist, naming the ones that do", async () => {
    await expect(run("--role", "boss")).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining("viewer|editor|approver|admin") });
  });

  it("refuses a person who does not exist, naming the ones who do", async () => {
    await expect(run("--user", "mallory")).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining("val|ed|ana|ben|ada") });
  });

  it("says how to start the provider when none answers", async () => {
    await expect(
      runIn({ TESTEX_OIDC_PORT: "9" }, "--user", "ana"),
    ).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining("npm start") });
  });
});
