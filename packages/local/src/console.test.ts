import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { consoleHeaders } from "@testex/stage/console-headers";
import { serveConsole } from "./console";
import { freePort } from "@testex/aws-local/process";

describe("the local console server", () => {
  it("sends the security headers a stage's CloudFront sends, on pages and on assets", async () => {
    const dir = mkdtempSync(join(tmpdir(), "testex-console-headers-"));
    mkdirSync(join(dir, "assets"));
    writeFileSync(join(dir, "index.html"), "<!doctype html><title>console</title>");
    writeFileSync(join(dir, "assets/app.js"), "export {};");
    const port = await freePort();
    const origins = { api: "http://localhost:4100", issuer: "http://127.0.0.1:4102", storage: "http://127.0.0.1:4101" };
    const server = await serveConsole(dir, port, origins);
    try {
      for (const path of ["/", "/contracts/CT0000ABCD/termination", "/assets/app.js"]) {
        const reply = await fetch(`http://127.0.0.1:${port}${path}`);
        expect(reply.status, path).toBe(200);
        for (const [name, value] of Object.entries(consoleHeaders(origins))) expect(reply.headers.get(name), `${path} ${name}`).toBe(value);
      }
      const csp = consoleHeaders(origins)["Content-Security-Policy"];
      expect(csp).toContain("frame-ancestors 'none'");
      // The files bucket too: presigned uploads and export links go straight to it.
      expect(csp).toContain("connect-src 'self' http://localhost:4100 http://127.0.0.1:4102 http://127.0.0.1:4101");
    } finally {
      server.close();
    }
  });
});
