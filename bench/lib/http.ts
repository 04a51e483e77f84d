import { Agent, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { Actor } from "@testex/core";
import { mintToken, stackSigner, type Signer } from "@testex/local/token";

export interface Reply {
  status: number;
  body: any;
  headers: IncomingHttpHeaders;
  ms: number;
}

/** The people the benchmark acts as: one per role the routes ask for. */
export const ACTORS = {
  viewer: { id: "bench-viewer", email: "viewer@example.com", roles: ["viewer"] },
  editor: { id: "bench-editor", email: "editor@example.com", roles: ["editor"] },
  approver: { id: "bench-approver", email: "approver@example.com", roles: ["approver"] },
  admin: { id: "bench-admin", email: "admin@example.com", roles: ["admin"] },
} satisfies Record<string, Actor>;
export type As = keyof typeof ACTORS;

/**
 * A client of the API over real HTTP, with a token per role signed by the
 * stack's OpenID Provider. It uses node:http with keep-alive, the transport
 * the AWS SDK uses for the raw DynamoDB calls it is compared with, so that the
 * comparison measures the API and not two different HTTP clients (fetch adds
 * about a millisecond a call).
 */
export async function apiClient(baseUrl: string, signer: Signer = stackSigner()) {
  const tokens = Object.fromEntries(
    await Promise.all(Object.entries(ACTORS).map(async ([role, actor]) => [role, await mintToken(actor, signer, "12h")])),
  ) as Record<As, string>;
  const agent = new Agent({ keepAlive: true });

  return async function request(
    method: string,
    path: string,
    options: { as?: As; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = { authorization: `Bearer ${tokens[options.as ?? "editor"]}`, ...options.headers };
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    if (payload !== undefined) {
      headers["content-type"] = "application/json";
      headers["content-length"] = String(Buffer.byteLength(payload));
    }
    const started = performance.now();
    const response = await new Promise<{ status: number; headers: IncomingHttpHeaders; text: string }>((resolve, reject) => {
      const sent = httpRequest(baseUrl + path, { method, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      });
      sent.on("error", reject);
      sent.end(payload);
    });
    const ms = performance.now() - started;
    let body: unknown = response.text;
    try {
      body = response.text ? JSON.parse(response.text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body, headers: response.headers, ms };
  };
}

export type Request = Awaited<ReturnType<typeof apiClient>>;

/** True when the API has no such route yet (as opposed to a missing record). */
export const isMissingRoute = (reply: Reply) => reply.status === 404 && reply.body?.code === "route.not_found";

export const today = () => new Date().toISOString().slice(0, 10);

export const contractInput = (clientId: string, value = 10_000) => ({
  client_id: clientId,
  title: "Support and maintenance",
  contract_type: "SERVICE",
  start_date: "2026-01-01",
  end_date: "2027-12-31",
  value,
});

let emails = 0;
export const clientInput = () => ({
  name: "Bench Ltd",
  email: `bench-${process.pid}-${Date.now().toString(36)}-${(emails++).toString(36)}@example.com`,
});
