import { rmSync, statSync } from "node:fs";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isLoopback, listeningSockets } from "@testex/aws-local/exposure";
import { isAlive } from "@testex/aws-local/process";
import { descendants, npmStart, ownStackEnv, START_TIMEOUT_MS, startedStack, stopStack, type Started } from "#test/npm-start";

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });

describe("npm start", () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let ports: number[];
  let first: Started;

  beforeAll(async () => {
    ({ env, dataDir, ports } = await ownStackEnv());
    first = await startedStack(env);
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await stopStack(first);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("shows its banner only once GET /health answers 200", async () => {
    const output = first.output();
    expect(output.indexOf("GET /health is 200")).toBeGreaterThan(-1);
    expect(output.indexOf("GET /health is 200")).toBeLessThan(output.indexOf("TESTEX is running"));
    expect((await fetch(`http://127.0.0.1:${ports[0]}/health`)).status).toBe(200);
  });

  it("reports each stand-in as it becomes ready, with its time", () => {
    for (const name of ["DynamoDB Local", "S3 (s3rver)", "SES (aws-ses-v2-local)", "SQS", "OpenID Provider (oidc-provider)"]) {
      expect(first.output()).toMatch(new RegExp(`${name.replace(/[()]/g, "\\$&")}.* ready on http://127\\.0\\.0\\.1:\\d+ \\(\\d+\\.\\d s\\)`));
    }
  });

  it("keeps its data directory private to its user", () => {
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  });

  it("refuses a second start on the same data, saying where the first one runs", async () => {
    const second = npmStart(env);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`TESTEX is already running on ${dataDir} (pid ${descendants(first.npm.pid!)[0]})`);
    expect(second.output()).toContain(`http://localhost:${ports[0]}/`);
  }, START_TIMEOUT_MS);

  it("listens on 127.0.0.1 only: every port of every process it started, its own ports included", () => {
    const sockets = listeningSockets([first.npm.pid!, ...descendants(first.npm.pid!)]);
    expect(sockets.filter((socket) => !isLoopback(socket.address))).toEqual([]);
    // The listing reached every stand-in, the API and the console, not just some of them.
    expect(ports.filter((port) => !sockets.some((socket) => socket.port === port))).toEqual([]);
  });

  it("stops every process and port it started when only npm's PID gets SIGTERM, and says so", async () => {
    const tree = descendants(first.npm.pid!);
    expect(tree.length).toBeGreaterThan(1);
    process.kill(first.npm.pid!, "SIGTERM");
    await first.exited;
    await expect.poll(() => tree.filter(isAlive), { timeout: START_TIMEOUT_MS, interval: 200 }).toEqual([]);
    expect(first.output()).toMatch(/everything stopped \(\d+\.\d s\)/);
    for (const port of ports) expect(await listening(port)).toBe(false);
  }, START_TIMEOUT_MS);
});
