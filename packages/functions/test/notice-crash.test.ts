import { Notification } from "@testex/core";
import { CLAIM_MS } from "@testex/core/notification/delivery";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useOwnTable } from "#test/local";
import { handler } from "../src/notifier";
import { mailTo, queueNotice, sqsEvent, stored } from "./notices";

// The sweeper, a quarter of an hour ahead, announces every notice still queued in the table: this file's own, so only its own.
await useOwnTable("notice-crash-test");

const killedNotifier = fileURLToPath(new URL("./fixtures/notifier-killed-after-send.ts", import.meta.url));

/** Runs the notifier in a process of its own that is killed right after SES accepted the notice. */
async function crashAfterSend(id: string): Promise<NodeJS.Signals | null> {
  const child = spawn(process.execPath, ["--import", "tsx/esm", killedNotifier, id], { env: process.env, stdio: ["ignore", "ignore", "inherit"] });
  const [, signal] = (await once(child, "exit")) as [number | null, NodeJS.Signals | null];
  return signal;
}

afterEach(() => vi.useRealTimers());

describe("a notifier killed after SES accepted a notice and before it was recorded", () => {
  it("leaves the attempt on the record; the sweeper's re-send is a second attempt, and the first is not forgotten", async () => {
    const notice = await queueNotice();
    const id = notice.notification_id;

    expect(await crashAfterSend(id)).toBe("SIGKILL");
    expect(await mailTo(...notice.to)).toHaveLength(1);
    const crashed = await stored(id);
    expect(crashed.status).toBe("QUEUED");
    expect(crashed.sends).toHaveLength(1);
    expect(crashed.sends![0]!.message_id).toBeUndefined();

    // Later: the dead worker's claim has run out and the sweeper announces the notice again.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + Math.max(CLAIM_MS, Notification.STALE_AFTER_MS) + 1000 });
    expect(await Notification.sweep()).toBeGreaterThan(0);
    expect((await handler(sqsEvent([id]))).batchItemFailures).toEqual([]);

    const mails = await mailTo(...notice.to);
    expect(mails).toHaveLength(2);
    const sent = await stored(id);
    expect(sent).toMatchObject({ status: "SENT", attempts: 2, ses_message_id: mails[1]!.messageId });
    expect(sent.sends).toEqual([
      { at: crashed.sends![0]!.at },
      { at: expect.any(String), message_id: mails[1]!.messageId, accepted_at: sent.sent_at },
    ]);
    expect(sent.sends![1]!.at > sent.sends![0]!.at).toBe(true);
  });
});
