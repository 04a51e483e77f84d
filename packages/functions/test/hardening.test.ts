import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it, vi } from "vitest";
import { dynamo } from "@testex/core/db/dynamo";
import { app } from "../src/api/app";
import { MAX_JSON_BODY_BYTES } from "../src/api/operation";
import { operationsOf } from "../src/api/operations";
import { call } from "#test/api";

const ALLOWED_ORIGIN = "http://localhost:3000";

describe("security headers", () => {
  it("come with every reply, with a CSP that allows only the API's own scripts and no framing", async () => {
    for (const path of ["/api/contracts", "/docs", "/health"]) {
      const reply = await call("GET", path, { as: "viewer" });
      const csp = reply.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(reply.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(reply.headers.get("x-frame-options"), path).toBe("DENY");
      expect(reply.headers.get("strict-transport-security"), path).toContain("max-age=");
    }
  });
});

describe("cross-origin calls", () => {
  // API Gateway answers CORS in AWS and ignores what a function says about it, so the app says nothing.
  it("get no CORS header from the function itself", async () => {
    const reply = await call("GET", "/api/contracts", { as: "viewer", headers: { origin: ALLOWED_ORIGIN } });
    expect([...reply.headers.keys()].filter((name) => name.startsWith("access-control-"))).toEqual([]);
  });
});

describe("request limits", () => {
  it("refuses a body over the limit with 413 problem+json", async () => {
    const reply = await call("POST", "/api/clients", { as: "editor", raw: `{"name":"${"x".repeat(MAX_JSON_BODY_BYTES)}"}`, headers: { "content-type": "application/json" } });
    expect(reply.status).toBe(413);
    expect(reply.headers.get("content-type")).toBe("application/problem+json");
    expect(reply.body.code).toBe("request.too_large");
  });
});

describe("request ids", () => {
  it("are on every reply: success, refusal and unknown route", async () => {
    for (const reply of [await call("GET", "/health"), await call("GET", "/api/contracts"), await call("GET", "/nowhere")]) {
      expect(reply.headers.get("x-request-id"), `${reply.method} ${reply.path}`).toMatch(/^[A-Za-z0-9._-]{8,64}$/);
    }
  });

  it("keep the caller's id when it is sane and replace it when it is not", async () => {
    const kept = await call("GET", "/health", { headers: { "x-request-id": "trace-1234abcd" } });
    expect(kept.headers.get("x-request-id")).toBe("trace-1234abcd");
    const replaced = await call("GET", "/health", { headers: { "x-request-id": "<script>alert(1)</script>" } });
    expect(replaced.headers.get("x-request-id")).not.toContain("<");
  });

  it("are on every log line of the request, which is structured JSON at the level LOG_LEVEL asks for", async () => {
    const lines = captureLines(process.stdout);
    vi.stubEnv("LOG_LEVEL", "INFO");
    const reply = await call("GET", "/health");
    vi.unstubAllEnvs();
    const logged = lines().filter((line) => line.message === "request" && line.path === "/health");
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: "INFO", request_id: reply.headers.get("x-request-id"), status: 200 });

    vi.stubEnv("LOG_LEVEL", "ERROR");
    await call("GET", "/health");
    vi.unstubAllEnvs();
    expect(lines().filter((line) => line.message === "request")).toHaveLength(1);
  });
});

describe("an unexpected failure", () => {
  afterEach(() => vi.restoreAllMocks());

  it("is a 500 problem with the request id and none of the internals, which go to the log", async () => {
    const database = mockClient(dynamo);
    database.onAnyCommand().rejects(new Error("connect ECONNREFUSED 10.0.0.7:443 arn:aws:dynamodb:eu-west-1:123456789012:table/secret"));
    const errors = captureLines(process.stderr);
    try {
      const reply = await call("GET", "/api/contracts", { as: "viewer" });
      expect(reply.status).toBe(500);
      expect(reply.body).toMatchObject({ code: "internal", request_id: reply.headers.get("x-request-id") });
      const text = JSON.stringify(reply.body);
      for (const secret of ["ECONNREFUSED", "arn:aws", "10.0.0.7", "    at "]) expect(text).not.toContain(secret);
      expect(errors()).toContainEqual(expect.objectContaining({ level: "ERROR", request_id: reply.headers.get("x-request-id"), stack: expect.any(String) }));
    } finally {
      database.restore();
    }
  });
});

describe("ids in paths", () => {
  it("are checked against the id format before any database call, on every route", async () => {
    const database = mockClient(dynamo);
    database.onAnyCommand().rejects(new Error("no database call was expected"));
    try {
      for (const op of operationsOf(app).filter((op) => op.spec.params)) {
        const reply = await call(op.method, op.path.replace(/:\w+/g, "CT'; DROP--"), {
          as: "admin",
          body: op.method === "GET" ? undefined : {},
          headers: { "if-match": '"1"' },
        });
        expect(reply.status, `${op.method} ${op.path}`).toBe(422);
      }
      expect(database.calls()).toHaveLength(0);
    } finally {
      database.restore();
    }
  });
});

/** The JSON lines written to `stream` from now on (kept from the stream; other output passes). */
function captureLines(stream: NodeJS.WriteStream): () => Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  const write = stream.write.bind(stream);
  vi.spyOn(stream, "write").mockImplementation(((chunk: string | Uint8Array, ...rest: never[]) => {
    try {
      lines.push(JSON.parse(String(chunk)));
      return true;
    } catch {
      return write(chunk, ...rest);
    }
  }) as typeof stream.write);
  return () => lines;
}
