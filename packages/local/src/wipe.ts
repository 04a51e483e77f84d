import { BatchWriteItemCommand, ScanCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { dynamo } from "@testex/core/db/dynamo";

/** Deletes every item of a local table (a Scan: a developer's reset, never the product's path). */
export async function wipeTable(table: string): Promise<number> {
  let deleted = 0;
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamo.send(new ScanCommand({ TableName: table, ExclusiveStartKey: startKey, ProjectionExpression: "pk, sk" }));
    const keys = page.Items ?? [];
    for (let i = 0; i < keys.length; i += 25) {
      let pending = keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
      while (pending.length > 0) {
        const reply = await dynamo.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
        pending = (reply.UnprocessedItems?.[table] ?? []) as typeof pending;
      }
    }
    deleted += keys.length;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return deleted;
}
