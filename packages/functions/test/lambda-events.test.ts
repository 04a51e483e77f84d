import { createHash, randomUUID } from "node:crypto";
import { pdf } from "#test/samples";
import { uniqueEmail } from "#test/fixtures";
import { describe, expect, it } from "vitest";
import { call, tokenFor } from "#test/api";
import { handler } from "../src/api/lambda";

/** API Gateway HTTP API's event (payload format 2.0) for a request, as it reaches the function. */
function event(method: string, path: string, options: { query?: string; headers?: Record<string, string>; body?: Buffer | string; base64?: boolean } = {}) {
  const body = options.body === undefined ? undefined : options.base64 ? Buffer.from(options.body).toString("base64") : String(options.body);
  const headers = { host: "abc123.execute-api.eu-central-1.amazonaws.com", "user-agent": "curl/8.5.0", "x-forwarded-proto": "https", ...options.headers };
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: path,
    rawQueryString: options.query ?? "",
    headers,
    ...(options.query ? { queryStringParameters: Object.fromEntries(new URLSearchParams(options.query)) } : {}),
    requestContext: {
      accountId: "123456789012",
      apiId: "abc123",
      domainName: headers.host,
      domainPrefix: "abc123",
      http: { method, path, protocol: "HTTP/1.1", sourceIp: "203.0.113.7", userAgent: headers["user-agent"] },
      requestId: randomUUID(),
      routeKey: "$default",
      stage: "$default",
      time: "30/Nov/2026:10:00:00 +0000",
      timeEpoch: Date.now(),
    },
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: Boolean(options.base64),
  };
}

const context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: "testex-dev-ApiRouteHandlerFunction-abcdefgh",
  functionVersion: "$LATEST",
  invokedFunctionArn: "arn:aws:lambda:eu-central-1:123456789012:function:testex-dev-ApiRouteHandlerFunction-abcdefgh",
  memoryLimitInMB: "512",
  awsRequestId: randomUUID(),
  logGroupName: "/aws/lambda/testex-dev-ApiRouteHandlerFunction-abcdefgh",
  logStreamName: "2026/11/30/[$LATEST]0123456789abcdef",
  getRemainingTimeInMillis: () => 25_000,
  done: () => {},
  fail: () => {},
  succeed: () => {},
};

type Result = { statusCode: number; headers?: Record<string, string>; body: string; isBase64Encoded: boolean };
const invoke = async (e: ReturnType<typeof event>) => (await handler(e as never, context as never)) as Result;
const json = (result: Result) => JSON.parse(result.isBase64Encoded ? Buffer.from(result.body, "base64").toString() : result.body);

describe("the API function, invoked as API Gateway invokes it", () => {
  it("answers a GET with its JSON body and headers", async () => {
    const result = await invoke(event("GET", "/openapi.json"));
    expect(result.statusCode).toBe(200);
    expect(result.headers?.["content-type"]).toContain("application/json");
    expect(json(result).openapi).toMatch(/^3\./);
  });

  it("takes a JSON body as plain text or base64-encoded, as API Gateway may send either", async () => {
    const auth = { authorization: `Bearer ${await tokenFor("editor")}`, "content-type": "application/json" };
    for (const base64 of [false, true]) {
      const body = JSON.stringify({ name: "Acme Ltd", email: uniqueEmail() });
      const result = await invoke(event("POST", "/api/clients", { headers: auth, body, base64 }));
      expect(result.statusCode, `base64: ${base64}`).toBe(201);
      expect(json(result).email).toBe(JSON.parse(body).email);
    }
  });

  it("reads the path and query string from the event, and refuses a bad token with problem+json", async () => {
    const auth = { authorization: `Bearer ${await tokenFor("viewer")}` };
    const listed = await invoke(event("GET", "/api/contracts", { query: "status=ACTIVE&limit=2", headers: auth }));
    expect(listed.statusCode).toBe(200);
    expect(json(listed).items.length).toBeLessThanOrEqual(2);
    const refused = await invoke(event("GET", "/api/contracts", { headers: { authorization: "Bearer nonsense" } }));
    expect(refused.statusCode).toBe(401);
    expect(refused.headers?.["content-type"]).toBe("application/problem+json");
  });

  it("stores a binary document sent as base64-encoded multipart byte for byte", async () => {
    const editor = { authorization: `Bearer ${await tokenFor("editor")}` };
    const client = json(await invoke(event("POST", "/api/clients", { headers: { ...editor, "content-type": "application/json" }, body: JSON.stringify({ name: "Binary GmbH", email: uniqueEmail() }) })));
    const contract = json(
      await invoke(
        event("POST", "/api/contracts", {
          headers: { ...editor, "content-type": "application/json" },
          body: JSON.stringify({ client_id: client.client_id, title: "Scans", contract_type: "SERVICE", start_date: "2026-01-01", end_date: "2027-01-01", value: 100 }),
        }),
      ),
    );
    const document = pdf();
    const boundary = "----testex" + randomUUID();
    const multipart = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="scan.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      document,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const result = await invoke(
      event("POST", `/api/contracts/${contract.contract_id}/files`, { headers: { ...editor, "content-type": `multipart/form-data; boundary=${boundary}` }, body: multipart, base64: true }),
    );
    expect(result.statusCode).toBe(201);
    expect(json(result)).toMatchObject({ size: document.length, sha256: createHash("sha256").update(document).digest("hex") });
  });
  it("answers an export with a 303 to a download link by default, since a Lambda reply is at most 6 MB", async () => {
    const token = await tokenFor("viewer");
    const client = await call("POST", "/api/clients", { as: "editor", body: { name: "Linked Ltd", email: uniqueEmail("linked") } });
    const exported = await invoke(event("GET", "/api/contracts", { query: `client_id=${client.body.client_id}&format=csv`, headers: { authorization: `Bearer ${token}` } }));
    expect(exported.statusCode).toBe(303);
    const download = await fetch(String(exported.headers?.location));
    expect(download.status).toBe(200);
    expect((await download.text()).replace(/^\uFEFF/, "")).toMatch(/^contract_id,client_id,title,/);
  });
  it("gives an XLSX export streamed on request base64-encoded, as API Gateway needs a binary reply, and takes an XLSX import the same way", async () => {
    const token = await tokenFor("editor");
    const client = await call("POST", "/api/clients", { as: "editor", body: { name: "Binary Ltd", email: uniqueEmail("binary") } });
    const body = { client_id: client.body.client_id, title: "Lease", contract_type: "SERVICE", start_date: "2026-01-01", end_date: "2027-01-01", value: 5 };
    expect((await call("POST", "/api/contracts", { as: "editor", body })).status).toBe(201);
    const exported = await invoke(event("GET", "/api/contracts", { query: `client_id=${client.body.client_id}&format=xlsx&delivery=stream`, headers: { authorization: `Bearer ${token}` } }));
    expect(exported.statusCode).toBe(200);
    expect(exported.isBase64Encoded).toBe(true);
    const workbook = Buffer.from(exported.body, "base64");
    expect(workbook.subarray(0, 2).toString()).toBe("PK");
    const imported = await invoke(
      event("POST", "/api/imports", {
        query: "filename=contracts.xlsx&dry_run=true",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
        body: workbook,
        base64: true,
      }),
    );
    expect(imported.statusCode).toBe(200);
    const report = json(imported);
    expect(report.refused).toBe(0);
    expect(report.items).toEqual([expect.objectContaining({ row: 2, action: "unchanged" })]);
  });
});
