import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { dynamo } from "./dynamo";

const MIDDLEWARE = "testexCommandCount";

export interface CommandCount {
  /** Commands sent since the last reset, by operation (`GetItem`, `Query`, `TransactWriteItems`…). */
  readonly counts: Readonly<Record<string, number>>;
  /** Of those, the ones sent with a FilterExpression: they read, and pay for, items they do not return. */
  readonly filtered: number;
  reset(): void;
  stop(): void;
}

/**
 * Counts what a piece of code costs in DynamoDB operations, by adding a
 * middleware to the shared client until `stop()`. Only the benchmark and
 * tests call it, so production clients never carry the middleware. Counted
 * once per command (retries are not separate operations of the product).
 */
export function countCommands(client: DynamoDBClient = dynamo): CommandCount {
  const counts: Record<string, number> = {};
  let filtered = 0;
  client.middlewareStack.add(
    (next, context) => (args) => {
      const operation = (context.commandName ?? "Unknown").replace(/Command$/, "");
      counts[operation] = (counts[operation] ?? 0) + 1;
      if ((args.input as { FilterExpression?: string }).FilterExpression) filtered++;
      return next(args);
    },
    { step: "initialize", name: MIDDLEWARE },
  );
  return {
    counts,
    get filtered() {
      return filtered;
    },
    reset: () => {
      for (const key of Object.keys(counts)) delete counts[key];
      filtered = 0;
    },
    stop: () => void client.middlewareStack.remove(MIDDLEWARE),
  };
}
