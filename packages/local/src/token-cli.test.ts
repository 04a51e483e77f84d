import { jwtVerify } from "jose";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { localAuthSecret } from "./auth-secret";
import { repoRoot } from "./paths";

const tsx = join(repoRoot, "node_modules", ".bin", "tsx");
const cli = join(repoRoot, "packages/local/src/token-cli.ts");
const run = (...args: string[]) => promisify(execFile)(tsx, [cli, ...args]);

describe("npm run token", () => {
  it("prints a token signed with the checkout's secret for the role, subject and e-mail asked for", async () => {
    const { stdout } = await run("--role", "approver", "--sub", "user-42", "--email", "ann@example.com");
    const { payload } = await jwtVerify(stdout.trim(), new TextEncoder().encode(localAuthSecret()), { algorithms: ["HS256"] });
    expect(payload).toMatchObject({ sub: "user-42", email: "ann@example.com", roles: ["approver"] });
    expect(payload.exp! - payload.iat!).toBe(12 * 3600);
  });

  it("points to the docs page on the API's PORT", async () => {
    const { stderr } = await promisify(execFile)(tsx, [cli, "--role", "viewer"], { env: { ...process.env, PORT: "4321" } });
    expect(stderr).toContain("http://localhost:4321/docs");
  });

  it("refuses a role that does not exist, naming the ones that do", async () => {
    await expect(run("--role", "boss")).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining("viewer|editor|approver|admin") });
  });
});
