import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, type Running } from "@testex/aws-local/process";
import { startDynamo } from "@testex/aws-local/stand-ins";
import { TABLE_KEYS } from "@testex/core/db/table";
import { ensureBuckets, ensureTable, namingFailures } from "./provision";

/**
 * A DynamoDB Local of its own: it builds new indexes in a background job that serves every table of
 * its database, and on the run's shared one, busy with every file's tables, an index once waited
 * over two minutes for its turn. What is tested is that each build is awaited, not how soon it runs.
 */
let local: Running;
let dynamo: DynamoDBClient;
const table = `provision-${randomUUID()}`;

beforeAll(async () => {
  local = await startDynamo({ port: await freePort(), shortLived: true });
  dynamo = new DynamoDBClient({ endpoint: local.endpoint });
});
afterAll(async () => {
  await dynamo.send(new DeleteTableCommand({ TableName: table }));
  await local.stop();
});

describe("the local table", () => {
  it("kept from an earlier version gets the indexes declared since, as infra would add them, each ready for queries", async () => {
    const { primary, globalIndexes } = TABLE_KEYS;
    await dynamo.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [primary.hashKey, primary.rangeKey, globalIndexes.gsi1.hashKey, globalIndexes.gsi1.rangeKey].map((AttributeName) => ({ AttributeName, AttributeType: "S" })),
        KeySchema: [
          { AttributeName: primary.hashKey, KeyType: "HASH" },
          { AttributeName: primary.rangeKey, KeyType: "RANGE" },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: "gsi1",
            KeySchema: [
              { AttributeName: globalIndexes.gsi1.hashKey, KeyType: "HASH" },
              { AttributeName: globalIndexes.gsi1.rangeKey, KeyType: "RANGE" },
            ],
            Projection: { ProjectionType: "ALL" },
          },
        ],
      }),
    );

    await ensureTable(dynamo, table);

    const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: table }));
    const indexes = (Table?.GlobalSecondaryIndexes ?? []).map((index) => ({ name: index.IndexName, keys: index.KeySchema?.map((k) => k.AttributeName), status: index.IndexStatus }));
    expect(indexes.sort((a, b) => a.name!.localeCompare(b.name!))).toEqual(
      Object.entries(globalIndexes).map(([name, keys]) => ({ name, keys: [keys.hashKey, keys.rangeKey], status: "ACTIVE" })),
    );
  });
});

describe("provisioning", () => {
  it("that fails says which service, call and endpoint failed", async () => {
    // Not S3: a server that answers every request with a JSON error, as another service on the port would.
    const other = createServer((_, response) => response.writeHead(400, { "content-type": "application/json" }).end("{}"));
    const port = await freePort();
    await new Promise<void>((resolve) => other.listen(port, "127.0.0.1", resolve));
    const endpoint = `http://127.0.0.1:${port}`;
    try {
      const s3 = new S3Client({ endpoint, region: "us-east-1", forcePathStyle: true, maxAttempts: 1, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
      await expect(ensureBuckets(namingFailures(s3, { name: "S3 (s3rver)", endpoint }), ["files"])).rejects.toThrow(`S3 (s3rver) CreateBucket files at ${endpoint}: `);
    } finally {
      other.close();
    }
  });
});
