import { randomUUID } from "node:crypto";
import { describeError, File, log, systemActor, withContext } from "@testex/core";
import { handler, type S3Event } from "@testex/functions/file-handler";
import { s3Events } from "./s3-events";

/** How often uploads whose notification was lost (or whose check failed) are looked at again. */
const RECONCILE_EVERY_MS = 60_000;

/**
 * The File Handler as AWS runs it, fed by the local S3 stand-in's event
 * notifications. Events are handled one at a time. Before it counts as
 * started, and then periodically, PENDING uploads are reconciled with what is
 * in the bucket, so nothing stays PENDING because the runtime was down (or a
 * check failed) when it landed.
 */
export async function startFileWorker(): Promise<() => Promise<void>> {
  let queue = Promise.resolve();
  const enqueue = (work: () => Promise<unknown>, what: string) => {
    queue = queue.then(work).then(
      () => undefined,
      (error) => log.error(`file worker: ${what} failed`, describeError(error)),
    );
    return queue;
  };
  const reconcile = () =>
    enqueue(async () => {
      const counts = await withContext({ actor: systemActor("file-worker"), requestId: randomUUID() }, () => File.reconcilePending());
      if (counts.available + counts.rejected > 0) log.info("pending uploads reconciled", counts);
    }, "reconciling pending uploads");

  const onEvent = (event: S3Event) => enqueue(() => handler(event), "handling an S3 event");
  s3Events.on("event", onEvent);
  await reconcile();
  const timer = setInterval(reconcile, RECONCILE_EVERY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    s3Events.off("event", onEvent);
    await queue;
  };
}
