import { randomUUID } from "node:crypto";
import { describeError, log, metric, systemActor, withContext, withLogFields } from "@testex/core";
import { exportTable } from "@testex/core/backup/export";

/** The scheduled run (an EventBridge event) or a continuation this function sent itself. */
export interface DbManagerEvent {
  /** Continue this unfinished export. */
  resume?: string;
  /** How many continuations came before; bounds a run that makes no progress. */
  hop?: number;
}

export interface LambdaContext {
  awsRequestId: string;
  functionName: string;
  getRemainingTimeInMillis(): number;
}

const MAX_HOPS = 48;

/**
 * Daily export of the table to the backups bucket. An export larger than one
 * invocation can write stops at a part boundary before the time limit and
 * this function invokes itself (asynchronously) to resume it.
 */
export const handler = async (event: DbManagerEvent, context: LambdaContext) => {
  const requestId = context.awsRequestId ?? randomUUID();
  const actor = systemActor("db-manager");
  return withContext({ actor, requestId }, () =>
    withLogFields({ request_id: requestId, actor: actor.id }, async () => {
      const hop = event.hop ?? 0;
      try {
        const result = await exportTable({ resume: event.resume, remainingMs: () => context.getRemainingTimeInMillis() });
        if (result.complete) {
          metric("ExportCompleted");
          metric("ExportItems", result.manifest.item_count);
          return { export_id: result.manifest.export_id, complete: true, items: result.manifest.item_count };
        }
        if (hop + 1 >= MAX_HOPS) throw new Error(`Export ${result.export_id} is still unfinished after ${MAX_HOPS} invocations.`);
        await continueLater(context.functionName, { resume: result.export_id, hop: hop + 1 });
        log.info("export continues in a new invocation", { export_id: result.export_id, hop: hop + 1 });
        return { export_id: result.export_id, complete: false, items: result.items };
      } catch (error) {
        metric("ExportFailed");
        log.error("export failed", { resume: event.resume, hop, ...describeError(error) });
        throw error;
      }
    }),
  );
};

async function continueLater(functionName: string, payload: DbManagerEvent): Promise<void> {
  const { LambdaClient, InvokeCommand } = await import("@aws-sdk/client-lambda");
  await new LambdaClient({}).send(
    new InvokeCommand({ FunctionName: functionName, InvocationType: "Event", Payload: Buffer.from(JSON.stringify(payload)) }),
  );
}
