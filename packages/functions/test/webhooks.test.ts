import { ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { Audit, Contract, Outbox, settings, systemActor, Webhook } from "@testex/core";
import { effectsOf } from "@testex/core/effects";
import { post } from "@testex/core/webhook/send";
import { aClient, aContract, as, editor } from "#test/fixtures";
import { call, documented } from "#test/api";
import { SIMULATOR, startMailEvents, startQueueWorker, useOwnQueues, useOwnTable } from "#test/local";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Resource } from "sst";
import { Webhook as Verifier } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handler as recorder } from "../src/delivery-recorder";
import { handler as notifier } from "../src/notifier";
import { handler } from "../src/webhook-sender";
import { queueNotice, sqsEvent } from "./notices";

// Subscriptions are the table's: on the shared one, other files' suspended contracts would be delivered to this file's receivers.
await useOwnTable("webhooks-test");
// And the sender takes what is on its queue: on the shared one, other files' deliveries too.
await useOwnQueues("webhooks-test");

/** A webhook receiver on 127.0.0.1 that answers each request as `answer` says (by its number, from 1), keeping what it got. */
async function receiver(answer: (n: number) => number | "never") {
  const got: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      got.push({ headers: req.headers, body });
      const status = answer(got.length);
      if (status !== "never") res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return { url, got, close: () => new Promise<void>((resolve) => server.close(() => resolve())), of: (id: string) => got.filter((r) => r.headers["webhook-id"] === id) };
}
type Receiver = Awaited<ReturnType<typeof receiver>>;

const subscribe = async (url: string, event_types = ["contract.suspended"]) => {
  const reply = documented(await call("POST", "/api/admin/webhooks", { as: "admin", body: { url, event_types, description: "ERP" } }));
  expect(reply.status).toBe(201);
  return reply.body as { subscription_id: string; secret: string };
};

/** Runs the effects of the `type` event on `trail` as the processor does; the subscriptions' deliveries are queued. */
async function process(trail: string, type: string): Promise<void> {
  const [event] = (await Outbox.byContract(trail)).filter((e) => e.type === type);
  await as(systemActor("processor"), () => Outbox.handle(event!.event_id, (stored) => effectsOf(stored)));
}

/** Suspends a new contract and runs the event's effects. */
async function suspendAContract(): Promise<string> {
  const client = await aClient();
  const contract = await aContract(client.client_id);
  await as(editor, () => Contract.suspend(contract.contract_id));
  await process(contract.contract_id, "contract.suspended");
  return contract.contract_id;
}

const deliveriesOf = async (subscriptionId: string) =>
  documented(await call("GET", `/api/admin/webhooks/${subscriptionId}/deliveries`, { as: "admin" })).body.items as {
    delivery_id: string;
    status: string;
    attempts: number;
    last_status_code?: number;
    last_latency_ms?: number;
    last_error?: string;
    event_type: string;
  }[];

const poll = <T>(read: () => Promise<T> | T, timeout = 60_000) => expect.poll(read, { timeout, interval: 200 });

let stopWorker: () => Promise<void>;
const receivers: Receiver[] = [];
beforeAll(() => {
  stopWorker = startQueueWorker({ queueUrl: Resource.WebhookQueue.url, handler });
});
afterAll(async () => {
  await stopWorker();
  await Promise.all(receivers.map((r) => r.close()));
});
const aReceiver = async (answer: (n: number) => number | "never") => {
  const r = await receiver(answer);
  receivers.push(r);
  return r;
};

describe("delivering an event", () => {
  it("retries a receiver that answers 500 twice, then 200: three attempts with one webhook-id, each signature verifying", async () => {
    const hook = await aReceiver((n) => (n <= 2 ? 500 : 200));
    const { subscription_id, secret } = await subscribe(hook.url);
    await suspendAContract();

    await poll(async () => (await deliveriesOf(subscription_id))[0]?.status).toBe("SUCCEEDED");
    const [delivery] = await deliveriesOf(subscription_id);
    const attempts = hook.of(delivery!.delivery_id);
    expect(attempts).toHaveLength(3);
    expect(delivery).toMatchObject({ attempts: 3, last_status_code: 200, event_type: "contract.suspended" });
    for (const { headers, body } of attempts) {
      const verified = new Verifier(secret).verify(body, headers as Record<string, string>);
      expect(verified).toMatchObject({ type: "contract.suspended", data: { contract: { status: "SUSPENDED" } } });
    }
  });

  it("ends a delivery to a receiver that never answers as DEAD, in the dead-letter queue and the delivery log, and replays it", async () => {
    let answering = false;
    const hook = await aReceiver(() => (answering ? 204 : "never"));
    const { subscription_id } = await subscribe(hook.url);
    await suspendAContract();

    await poll(async () => (await deliveriesOf(subscription_id))[0]?.status, 120_000).toBe("DEAD");
    const [dead] = await deliveriesOf(subscription_id);
    expect(dead).toMatchObject({ attempts: settings().webhooks.maxAttempts, last_error: expect.stringMatching(/no answer within/) });
    expect(dead!.last_status_code).toBeUndefined();
    const sqs = new SQSClient({});
    await poll(async () => {
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: Resource.WebhookDeadLetters.url, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }));
      return Messages.some((m) => JSON.parse(m.Body!).delivery_id === dead!.delivery_id);
    }).toBe(true);

    answering = true;
    const replay = documented(await call("POST", `/api/admin/webhooks/${subscription_id}/deliveries/${dead!.delivery_id}/replay`, { as: "admin" }));
    expect(replay.status).toBe(202);
    await poll(async () => (await deliveriesOf(subscription_id))[0]).toMatchObject({ status: "SUCCEEDED", last_status_code: 204, attempts: settings().webhooks.maxAttempts + 1 });
  });

  it("makes one delivery per event and subscription, however often the event's effects run, and none for types not asked for", async () => {
    const hook = await aReceiver(() => 200);
    const { subscription_id } = await subscribe(hook.url);
    const contractId = await suspendAContract();
    const [event] = (await Outbox.byContract(contractId)).filter((e) => e.type === "contract.suspended");
    // The effect again, as after a crash before it was recorded as done.
    await as(systemActor("processor"), async () => Webhook.fanOut((await Outbox.load(event!.event_id))!));
    await as(editor, () => Contract.reinstate(contractId));
    const [reinstated] = (await Outbox.byContract(contractId)).filter((e) => e.type === "contract.reinstated");
    expect(await as(systemActor("processor"), async () => Webhook.fanOut((await Outbox.load(reinstated!.event_id))!))).toBe(0);
    await poll(async () => (await deliveriesOf(subscription_id)).map((d) => `${d.event_type} ${d.status}`)).toEqual(["contract.suspended SUCCEEDED"]);
  });

  it("refuses to replay a delivery that is still being tried", async () => {
    const hook = await aReceiver(() => "never");
    const { subscription_id } = await subscribe(hook.url);
    await suspendAContract();
    const [delivery] = await deliveriesOf(subscription_id);
    const reply = documented(await call("POST", `/api/admin/webhooks/${subscription_id}/deliveries/${delivery!.delivery_id}/replay`, { as: "admin" }));
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ code: "webhook.delivery_in_progress", detail: expect.stringMatching(/will be tried again by itself/) });
    await call("DELETE", `/api/admin/webhooks/${subscription_id}`, { as: "admin" });
  });
});

describe("what is offered besides a contract's moves", () => {
  const verifiedBy = (secret: string, { headers, body }: { headers: IncomingHttpHeaders; body: string }) => new Verifier(secret).verify(body, headers as Record<string, string>);
  /** What `hook` received about `id` (other tests' events may reach a subscription while it exists). */
  const receivedAbout = async (hook: Receiver, id: string) => {
    await poll(() => hook.got.filter((r) => r.body.includes(id)).length).toBe(1);
    return hook.got.find((r) => r.body.includes(id))!;
  };

  it("delivers contract.created, signed, when a contract is created through the API, with the contract as the API shows it", async () => {
    const hook = await aReceiver(() => 204);
    const { subscription_id, secret } = await subscribe(hook.url, ["contract.created"]);
    try {
      const client = await aClient();
      const body = { client_id: client.client_id, title: "Cleaning", contract_type: "SERVICE", start_date: "2026-01-01", end_date: "2027-12-31", value: 1200 };
      const created = documented(await call("POST", "/api/contracts", { as: "editor", body }));
      expect(created.status).toBe(201);
      await process(created.body.contract_id, "contract.created");

      const received = await receivedAbout(hook, created.body.contract_id);
      expect(verifiedBy(secret, received)).toEqual({ type: "contract.created", timestamp: created.body.created_at, data: { schema_version: 1, contract: created.body, actor: expect.objectContaining({ id: expect.any(String) }) } });
    } finally {
      await call("DELETE", `/api/admin/webhooks/${subscription_id}`, { as: "admin" });
    }
  });

  it("delivers notice.bounced, signed, when SES reports a bounce: the notice, its outcome and its recipients' domains, never an address or what it said", async () => {
    const hook = await aReceiver(() => 204);
    const { subscription_id, secret } = await subscribe(hook.url, ["notice.bounced"]);
    try {
      const notice = await queueNotice({ to: [SIMULATOR.bounce], termination_id: "TM01EXAMPLE" });
      const stop = await startMailEvents(recorder);
      try {
        await notifier(sqsEvent([notice.notification_id]));
      } finally {
        await stop();
      }
      // A notice's events are on its own trail, as its audit entries are.
      await process(notice.notification_id, "notice.bounced");

      const received = await receivedAbout(hook, notice.notification_id);
      expect(verifiedBy(secret, received)).toMatchObject({
        type: "notice.bounced",
        data: {
          notice: { notification_id: notice.notification_id, template: "termination-notice", contract_id: notice.contract_id, termination_id: "TM01EXAMPLE", recipient_domains: ["simulator.amazonses.com"] },
          delivery: { status: "BOUNCED", bounce_type: "Permanent", bounce_sub_type: "General", ses_message_id: expect.any(String) },
        },
      });
      expect(received.body).not.toContain(SIMULATOR.bounce);
      expect(received.body).not.toContain("Acme Facilities");
    } finally {
      await call("DELETE", `/api/admin/webhooks/${subscription_id}`, { as: "admin" });
    }
  });
});

describe("rotating a secret", () => {
  it("signs with the new and the previous secret during the overlap, and with the new one alone after it", async () => {
    const hook = await aReceiver(() => 200);
    const { subscription_id, secret: first } = await subscribe(hook.url);
    const rotated = documented(await call("POST", `/api/admin/webhooks/${subscription_id}/rotate`, { as: "admin", body: { overlap_hours: 24 } }));
    expect(rotated.status).toBe(200);
    const second = (rotated.body as { secret: string }).secret;
    expect(second).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(rotated.body.secrets).toHaveLength(2);

    const ping = documented(await call("POST", `/api/admin/webhooks/${subscription_id}/ping`, { as: "admin" }));
    await poll(() => hook.of(ping.body.delivery_id).length).toBe(1);
    const [during] = hook.of(ping.body.delivery_id);
    expect(String(during!.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    for (const secret of [first, second]) expect(new Verifier(secret).verify(during!.body, during!.headers as Record<string, string>)).toMatchObject({ type: "webhook.ping" });

    documented(await call("POST", `/api/admin/webhooks/${subscription_id}/rotate`, { as: "admin", body: { overlap_hours: 0 } }));
    const third = (await call("GET", `/api/admin/webhooks/${subscription_id}`, { as: "admin" })).body;
    expect(third.secrets).toHaveLength(1);
    const after = documented(await call("POST", `/api/admin/webhooks/${subscription_id}/ping`, { as: "admin" }));
    await poll(() => hook.of(after.body.delivery_id).length).toBe(1);
    const [late] = hook.of(after.body.delivery_id);
    expect(() => new Verifier(second).verify(late!.body, late!.headers as Record<string, string>)).toThrow(/No matching signature/);
  });

  it("shows a secret only in the reply that made it", async () => {
    const { subscription_id, secret } = await subscribe("http://127.0.0.1:9/hooks");
    const [one, list] = await Promise.all([call("GET", `/api/admin/webhooks/${subscription_id}`, { as: "admin" }), call("GET", "/api/admin/webhooks?limit=100", { as: "admin" })]);
    expect(JSON.stringify(one.body)).not.toContain(secret);
    expect(JSON.stringify(list.body)).not.toContain(secret);
    expect(one.body.secrets).toEqual([{ hint: secret.slice(-4), created_at: expect.any(String) }]);
  });
});

describe("who manages webhooks", () => {
  it("is an admin: an editor is refused", async () => {
    const reply = documented(await call("POST", "/api/admin/webhooks", { as: "editor", body: { url: "https://example.com/hooks", event_types: ["contract.renewed"] } }));
    expect(reply.status).toBe(403);
  });

  it("audits every change of a subscription on its trail", async () => {
    const { subscription_id } = await subscribe("http://127.0.0.1:9/hooks");
    documented(await call("PATCH", `/api/admin/webhooks/${subscription_id}`, { as: "admin", body: { enabled: false } }));
    documented(await call("POST", `/api/admin/webhooks/${subscription_id}/rotate`, { as: "admin" }));
    expect(documented(await call("DELETE", `/api/admin/webhooks/${subscription_id}`, { as: "admin" })).status).toBe(204);
    const trail = await Audit.trail(subscription_id, { limit: 10 });
    expect(trail.items.map((e: { action: string }) => e.action).sort()).toEqual(["webhook.created", "webhook.deleted", "webhook.secret_rotated", "webhook.updated"]);
    expect(JSON.stringify(trail.items)).not.toContain("whsec_");
    expect(documented(await call("GET", `/api/admin/webhooks/${subscription_id}`, { as: "admin" })).status).toBe(404);
  });

  it("refuses an event type that does not exist, naming the field", async () => {
    const reply = documented(await call("POST", "/api/admin/webhooks", { as: "admin", body: { url: "https://example.com/hooks", event_types: ["contract.exploded"] } }));
    expect(reply.status).toBe(422);
    expect(reply.body.errors[0].path).toBe("event_types.0");
  });
});

describe("where webhooks may go on a deployed stage (SSRF)", () => {
  const deployed = async <T>(run: () => Promise<T>): Promise<T> => {
    const webhooks = settings().webhooks;
    Object.assign(Resource.Settings, { webhooks: { ...webhooks, allowLoopback: false } });
    try {
      return await run();
    } finally {
      Object.assign(Resource.Settings, { webhooks });
    }
  };

  it.each([
    ["http://example.com/hooks", /only https URLs receive webhooks/],
    ["http://127.0.0.1:8080/hooks", /only https URLs receive webhooks/],
    ["https://127.0.0.1/hooks", /127\.0\.0\.1 is not a public address/],
    ["https://10.1.2.3/hooks", /not a public address/],
    ["https://100.64.0.1/hooks", /not a public address/],
    ["https://169.254.169.254/latest/meta-data", /169\.254\.169\.254 is not a public address/],
    ["https://[fd00:ec2::254]/", /fd00:ec2::254 is not a public address/],
    ["https://[::ffff:192.168.0.1]/", /not a public address/],
    ["https://user:pass@example.com/", /must not carry a user name or password/],
    ["https://no-such-host.invalid/hooks", /does not resolve to any address/],
  ])("refuses %s with a 422 in words", async (url, words) => {
    const reply = await deployed(async () => documented(await call("POST", "/api/admin/webhooks", { as: "admin", body: { url, event_types: ["contract.renewed"] } })));
    expect(reply.status).toBe(422);
    expect(reply.headers.get("content-type")).toBe("application/problem+json");
    expect(reply.body).toMatchObject({ code: "webhook.target_refused", detail: expect.stringMatching(words), errors: [{ path: "url" }] });
  });

  it("checks the addresses again when sending, so a name that now resolves inside is not reached", async () => {
    const hook = await aReceiver(() => 200);
    const port = new URL(hook.url).port;
    const attempt = await deployed(() => post(`https://localhost:${port}/hooks`, {}, "{}", 1000));
    expect(attempt).toMatchObject({ ok: false, error: expect.stringMatching(/is not a public address/) });
    expect(hook.got).toHaveLength(0);
  });

  it("does not follow a redirect", async () => {
    const server = createServer((_, res) => res.writeHead(302, { location: "http://169.254.169.254/" }).end());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const attempt = await post(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, {}, "{}", 1000);
      expect(attempt).toMatchObject({ ok: false, status_code: 302, error: "answered 302; redirects are not followed" });
    } finally {
      server.close();
    }
  });
});
