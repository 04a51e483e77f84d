import { DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { localAuthSecret } from "./auth-secret";
import { localEnvironment, localResources, type LocalResources } from "./environment";
import { localEndpoints } from "./ports";
import { httpAnswers } from "./process";

/**
 * For the command-line tools: points this process at the stack `npm start`
 * runs (its ports: TESTEX_DYNAMODB_PORT, TESTEX_S3_PORT, …) with the links a
 * Lambda would see, after checking that it answers and has its table.
 */
export async function connect(): Promise<LocalResources> {
  const endpoints = localEndpoints();
  const [dynamo, s3] = await Promise.all([httpAnswers(endpoints.dynamo), httpAnswers(endpoints.s3)]);
  if (!dynamo || !s3) {
    const missing = [!dynamo && `DynamoDB on ${endpoints.dynamo} (TESTEX_DYNAMODB_PORT)`, !s3 && `S3 on ${endpoints.s3} (TESTEX_S3_PORT)`].filter(Boolean);
    throw new Error(`The local stack is not running: nothing answers as ${missing.join(" or ")}.\nStart it with \`npm start\` in another terminal (with the same port variables, if you changed them).`);
  }
  const resources = localResources("local", localAuthSecret());
  const env = localEnvironment(endpoints, resources);
  Object.assign(process.env, env, { LOG_LEVEL: process.env.LOG_LEVEL ?? "WARN", TESTEX_METRICS: "off" });
  const client = new DynamoDBClient({ endpoint: endpoints.dynamo, region: env.AWS_REGION });
  try {
    await client.send(new DescribeTableCommand({ TableName: resources.table }));
  } catch {
    throw new Error(`DynamoDB answers on ${endpoints.dynamo} but has no table ${resources.table}: is that \`npm start\` of this checkout?`);
  }
  return resources;
}
