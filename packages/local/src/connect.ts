import { DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { localEnvironment, localResources } from "./environment";
import { localEndpoints } from "./ports";
import { httpAnswers } from "@testex/aws-local/process";

/** What a command-line tool works on: `npm start`'s stack, or the stage whose links are present. */
export interface Connected {
  stage: string;
  table: string;
  buckets: { files: string; archives: string; backups: string };
  production: boolean;
  /** A deployed stage's links (`sst shell`), not the local ports. */
  linked: boolean;
}

/** The stage whose links `sst shell` (or a deployed function's environment) provides, if any. */
const linkedStage = () => (process.env.SST_RESOURCE_App ? (JSON.parse(process.env.SST_RESOURCE_App) as { stage: string }).stage : null);

async function connectLinked(stage: string): Promise<Connected> {
  process.env.LOG_LEVEL ??= "WARN";
  process.env.TESTEX_METRICS ??= "off";
  const { Resource } = await import("sst");
  const resources = {
    stage,
    table: Resource.Table.name,
    buckets: { files: Resource.Files.name, archives: Resource.Archives.name, backups: Resource.Backups.name },
    production: (Resource.Settings as { environment?: string }).environment === "production",
    linked: true,
  };
  try {
    await new DynamoDBClient({}).send(new DescribeTableCommand({ TableName: resources.table }));
  } catch (error) {
    throw new Error(`Stage ${stage}'s table ${resources.table} cannot be read (${(error as Error).name}): are these the stage's credentials and region?`);
  }
  return resources;
}

/**
 * For the command-line tools: inside a stage's links (`npx sst shell --stage
 * <name> -- …`) they work on that stage with its AWS; otherwise this points
 * the process at the stack `npm start` runs (its ports: TESTEX_DYNAMODB_PORT,
 * TESTEX_S3_PORT, …) with the links a Lambda would see, after checking that
 * it answers and has its table.
 */
export async function connect(): Promise<Connected> {
  const stage = linkedStage();
  if (stage) return connectLinked(stage);
  const endpoints = localEndpoints();
  const [dynamo, s3] = await Promise.all([httpAnswers(endpoints.dynamo), httpAnswers(endpoints.s3)]);
  if (!dynamo || !s3) {
    const missing = [!dynamo && `DynamoDB on ${endpoints.dynamo} (TESTEX_DYNAMODB_PORT)`, !s3 && `S3 on ${endpoints.s3} (TESTEX_S3_PORT)`].filter(Boolean);
    throw new Error(`The local stack is not running: nothing answers as ${missing.join(" or ")}.\nStart it with \`npm start\` in another terminal (with the same port variables, if you changed them).`);
  }
  const resources = localResources("local", endpoints.oidc);
  const env = localEnvironment(endpoints, resources);
  Object.assign(process.env, env, { LOG_LEVEL: process.env.LOG_LEVEL ?? "WARN", TESTEX_METRICS: "off" });
  const client = new DynamoDBClient({ endpoint: endpoints.dynamo, region: env.AWS_REGION });
  try {
    await client.send(new DescribeTableCommand({ TableName: resources.table }));
  } catch {
    throw new Error(`DynamoDB answers on ${endpoints.dynamo} but has no table ${resources.table}: is that \`npm start\` of this checkout?`);
  }
  return { ...resources, production: false, linked: false };
}
