import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { Resource } from "sst";

/**
 * One client per process. The endpoint comes from the SDK's own configuration
 * (`AWS_ENDPOINT_URL_DYNAMODB` locally), so production and local code are the same.
 */
export const dynamo = new DynamoDBClient({ maxAttempts: 3 });

export const tableName = (): string => Resource.Table.name;
