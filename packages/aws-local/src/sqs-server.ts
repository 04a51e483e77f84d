/**
 * A small SQS stand-in: the JSON protocol the AWS SDK v3 speaks, for the
 * operations TESTEX uses (Send, SendBatch, Receive with long polling, Delete,
 * DeleteBatch, ChangeMessageVisibility) and CreateQueue/GetQueueAttributes.
 * Queues exist on first use, or as created with their attributes: the
 * visibility timeout and a redrive policy, under which a message received
 * `maxReceiveCount` times moves to the dead-letter queue on its next receive,
 * as SQS does. Messages live in memory. Runs in-process on 127.0.0.1.
 */
import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Running } from "./process";

interface Message {
  id: string;
  body: string;
  sentAt: number;
  visibleAt: number;
  receiveCount: number;
  receipt?: string;
}

const DEFAULT_VISIBILITY_S = 30;
const MAX_WAIT_S = 20;

const md5 = (text: string) => createHash("md5").update(text).digest("hex");

class SqsError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

interface QueueAttributes {
  visibilityTimeoutS: number;
  redrive?: { deadLetterQueue: string; maxReceiveCount: number };
}

const ACCOUNT_PATH = "/000000000000/";

export interface SqsOptions {
  port: number;
}

export function startSqs({ port }: SqsOptions): Promise<Running> {
  const queues = new Map<string, Message[]>();
  const attributes = new Map<string, QueueAttributes>();
  const waiters = new Set<() => void>();
  const keyOf = (url: unknown) => {
    if (typeof url !== "string") throw new SqsError("MissingParameter", "QueueUrl is required");
    return new URL(url).pathname;
  };
  const queueAt = (key: string) => {
    let queue = queues.get(key);
    if (!queue) queues.set(key, (queue = []));
    return queue;
  };
  const queueOf = (url: unknown) => queueAt(keyOf(url));
  const attributesOf = (key: string): QueueAttributes => attributes.get(key) ?? { visibilityTimeoutS: DEFAULT_VISIBILITY_S };
  const wake = () => waiters.forEach((w) => w());

  const enqueue = (queue: Message[], body: unknown, delaySeconds = 0) => {
    if (typeof body !== "string" || body.length === 0) throw new SqsError("MissingParameter", "MessageBody is required");
    const now = Date.now();
    const message: Message = { id: randomUUID(), body, sentAt: now, visibleAt: now + delaySeconds * 1000, receiveCount: 0 };
    queue.push(message);
    return { MessageId: message.id, MD5OfMessageBody: md5(body) };
  };

  /** Moves messages already received maxReceiveCount times to the dead-letter queue, as SQS does on their next receive. */
  const redrive = (key: string, queue: Message[]) => {
    const policy = attributesOf(key).redrive;
    if (!policy) return;
    const now = Date.now();
    const dead = queue.filter((m) => m.visibleAt <= now && m.receiveCount >= policy.maxReceiveCount);
    if (dead.length === 0) return;
    const target = queueAt(`${ACCOUNT_PATH}${policy.deadLetterQueue}`);
    for (const m of dead) {
      queue.splice(queue.indexOf(m), 1);
      target.push({ ...m, visibleAt: now, receipt: undefined });
    }
  };

  const take = (queue: Message[], max: number, visibilityS: number) => {
    const now = Date.now();
    const ready = queue.filter((m) => m.visibleAt <= now).slice(0, max);
    for (const m of ready) {
      m.visibleAt = now + visibilityS * 1000;
      m.receiveCount++;
      m.receipt = randomUUID();
    }
    return ready.map((m) => ({
      MessageId: m.id,
      ReceiptHandle: m.receipt,
      MD5OfBody: md5(m.body),
      Body: m.body,
      Attributes: { ApproximateReceiveCount: String(m.receiveCount), SentTimestamp: String(m.sentAt) },
    }));
  };

  const byReceipt = (queue: Message[], receipt: unknown) => {
    const index = queue.findIndex((m) => m.receipt !== undefined && m.receipt === receipt);
    if (index < 0) throw new SqsError("ReceiptHandleIsInvalid", "The receipt handle is not current");
    return index;
  };

  const operations: Record<string, (input: any) => Promise<unknown> | unknown> = {
    CreateQueue: (input) => {
      const name = String(input.QueueName ?? "");
      if (!/^[A-Za-z0-9_-]{1,80}$/.test(name)) throw new SqsError("InvalidParameterValue", "QueueName must be 1-80 letters, digits, - or _");
      const given = input.Attributes ?? {};
      const policy = given.RedrivePolicy ? JSON.parse(given.RedrivePolicy) : undefined;
      attributes.set(`${ACCOUNT_PATH}${name}`, {
        visibilityTimeoutS: Number(given.VisibilityTimeout ?? DEFAULT_VISIBILITY_S),
        ...(policy
          ? { redrive: { deadLetterQueue: String(policy.deadLetterTargetArn).split(":").pop()!, maxReceiveCount: Number(policy.maxReceiveCount) } }
          : {}),
      });
      queueAt(`${ACCOUNT_PATH}${name}`);
      return { QueueUrl: `${endpoint}${ACCOUNT_PATH}${name}` };
    },
    GetQueueAttributes: (input) => {
      const key = keyOf(input.QueueUrl);
      const queue = queueAt(key);
      const now = Date.now();
      const { visibilityTimeoutS, redrive: policy } = attributesOf(key);
      return {
        Attributes: {
          ApproximateNumberOfMessages: String(queue.filter((m) => m.visibleAt <= now).length),
          ApproximateNumberOfMessagesNotVisible: String(queue.filter((m) => m.visibleAt > now).length),
          VisibilityTimeout: String(visibilityTimeoutS),
          ...(policy
            ? { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: `arn:aws:sqs:us-east-1:000000000000:${policy.deadLetterQueue}`, maxReceiveCount: policy.maxReceiveCount }) }
            : {}),
        },
      };
    },
    SendMessage: (input) => {
      const result = enqueue(queueOf(input.QueueUrl), input.MessageBody, input.DelaySeconds);
      wake();
      return result;
    },
    SendMessageBatch: (input) => {
      const queue = queueOf(input.QueueUrl);
      const entries: { Id: string; MessageBody: string; DelaySeconds?: number }[] = input.Entries ?? [];
      if (entries.length === 0 || entries.length > 10) throw new SqsError("TooManyEntriesInBatchRequest", "1 to 10 entries");
      const Successful = entries.map((e) => ({ Id: e.Id, ...enqueue(queue, e.MessageBody, e.DelaySeconds) }));
      wake();
      return { Successful, Failed: [] };
    },
    ReceiveMessage: async (input) => {
      const key = keyOf(input.QueueUrl);
      const queue = queueAt(key);
      const max = Math.min(Math.max(Number(input.MaxNumberOfMessages ?? 1), 1), 10);
      const visibility = Number(input.VisibilityTimeout ?? attributesOf(key).visibilityTimeoutS);
      const deadline = Date.now() + Math.min(Number(input.WaitTimeSeconds ?? 0), MAX_WAIT_S) * 1000;
      for (;;) {
        redrive(key, queue);
        const messages = take(queue, max, visibility);
        if (messages.length > 0 || Date.now() >= deadline) return { Messages: messages };
        // Wake on a new message, or soon enough to see one whose visibility timeout ran out.
        await new Promise<void>((resolve) => {
          const done = () => (waiters.delete(done), clearTimeout(timer), resolve());
          const timer = setTimeout(done, Math.min(250, Math.max(deadline - Date.now(), 0)));
          waiters.add(done);
        });
      }
    },
    DeleteMessage: (input) => {
      const queue = queueOf(input.QueueUrl);
      queue.splice(byReceipt(queue, input.ReceiptHandle), 1);
      return {};
    },
    DeleteMessageBatch: (input) => {
      const queue = queueOf(input.QueueUrl);
      const Successful: { Id: string }[] = [];
      const Failed: { Id: string; Code: string; SenderFault: boolean }[] = [];
      for (const entry of input.Entries ?? []) {
        const index = queue.findIndex((m) => m.receipt === entry.ReceiptHandle);
        if (index < 0) Failed.push({ Id: entry.Id, Code: "ReceiptHandleIsInvalid", SenderFault: true });
        else (queue.splice(index, 1), Successful.push({ Id: entry.Id }));
      }
      return { Successful, Failed };
    },
    ChangeMessageVisibility: (input) => {
      const queue = queueOf(input.QueueUrl);
      queue[byReceipt(queue, input.ReceiptHandle)]!.visibleAt = Date.now() + Number(input.VisibilityTimeout ?? 0) * 1000;
      return {};
    },
  };

  const endpoint = `http://127.0.0.1:${port}`;
  const reply = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": randomUUID() });
    res.end(JSON.stringify(body));
  };

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const target = String(req.headers["x-amz-target"] ?? "");
    const operation = operations[target.replace(/^AmazonSQS\./, "")];
    try {
      if (!operation) throw new SqsError("UnsupportedOperation", `${target || req.method + " " + req.url} is not supported by the local SQS stand-in`);
      reply(res, 200, await operation(JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}")));
    } catch (error) {
      const type = error instanceof SqsError ? error.type : "InternalError";
      reply(res, error instanceof SqsError ? 400 : 500, { __type: `com.amazonaws.sqs#${type}`, message: (error as Error).message });
    }
  });

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () =>
      resolve({
        name: "SQS (in-process stand-in)",
        endpoint,
        stop: () => new Promise<void>((done) => (wake(), server.closeAllConnections(), server.close(() => done()))),
      }),
    );
  });
}
