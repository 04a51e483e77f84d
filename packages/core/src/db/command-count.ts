import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { dynamo } from "./dynamo";

const MIDDLEWARE = "testexCommandCount";

export interface CommandCount {
  /** Commands sent since the last reset, by operation (`GetItem`, `Query`, `TransactWriteItems`…). */
  readonly counts: Readonly<Record<string, number>>;
  reset(): void;
  stop(): void;
}

/**
 * Counts what a piece of code costs in DynamoDB operations, by adding a
 * middleware to the shared client until `stop()`. Only the benchmark calls
 * it, so production clients never carry the middleware. Counted once per
 * command (retries are not separate operations of the product).
 */
export function countCommands(client: DynamoDBClient = dynamo): CommandCount {
  const counts: Record<string, number> = {};
  client.middlewareStack.add(
    (next, context) => (args) => {
      const operation = (context.commandName ?? "Unknown").replace(/Command$/, "");
      counts[operation] = (counts[operation] ?? 0) + 1;
      return next(args);
    },
    { step: "initialize", name: MIDDLEWARE },
  );
  return {
    counts,
    reset: () => {
      for (const key of Object.keys(counts)) delete counts[key];
    },
    stop: () => void client.middlewareStack.remove(MIDDLEWARE),
  };
}
