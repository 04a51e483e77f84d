import type { ConsumedCapacity, DynamoDBClient } from "@aws-sdk/client-dynamodb";

const MIDDLEWARE = "benchConsumedCapacity";
const WRITES = /^(PutItem|UpdateItem|DeleteItem|BatchWriteItem|TransactWriteItems)Command$/;

/** Units one piece of code consumed: the table's own share and the global indexes' share. */
export interface Capacity {
  tableWrite: number;
  tableRead: number;
  indexWrite: number;
  indexRead: number;
}

const zero = (): Capacity => ({ tableWrite: 0, tableRead: 0, indexWrite: 0, indexRead: 0 });

/**
 * Asks DynamoDB for `ReturnConsumedCapacity: "INDEXES"` on every command the
 * client sends and sums the replies, until `stop()`. Bench only: production
 * commands never carry the flag.
 */
export function measureCapacity(client: DynamoDBClient): { readonly total: Capacity; reset(): void; stop(): void } {
  let total = zero();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { ReturnConsumedCapacity?: string };
      input.ReturnConsumedCapacity = "INDEXES";
      const result = await next(args);
      const reported = (result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }).ConsumedCapacity;
      // On-demand tables (and DynamoDB Local) report plain CapacityUnits; the command says whether they were read or written.
      const write = WRITES.test(context.commandName ?? "");
      for (const c of [reported ?? []].flat()) {
        const table = c.Table?.CapacityUnits ?? 0;
        const index = Object.values(c.GlobalSecondaryIndexes ?? {}).reduce((sum, i) => sum + (i.CapacityUnits ?? 0), 0);
        if (write) {
          total.tableWrite += table;
          total.indexWrite += index;
        } else {
          total.tableRead += table;
          total.indexRead += index;
        }
      }
      return result;
    },
    { step: "initialize", name: MIDDLEWARE },
  );
  return {
    get total() {
      return total;
    },
    reset: () => void (total = zero()),
    stop: () => void client.middlewareStack.remove(MIDDLEWARE),
  };
}

const units = (n: number) => String(Math.round(n * 100) / 100);

/** "W 3 (table 1 + indexes 2) · R 0.5": what the bench table prints for one operation. */
export function describeCapacity(c: Capacity): string {
  const part = (letter: string, table: number, index: number) =>
    index > 0 ? `${letter} ${units(table + index)} (table ${units(table)} + indexes ${units(index)})` : `${letter} ${units(table)}`;
  return `${part("W", c.tableWrite, c.indexWrite)} · ${part("R", c.tableRead, c.indexRead)}`;
}
