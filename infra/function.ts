import { type Grant, sendMessages } from "./access";
import { LAMBDA_RUNTIME } from "./runtime";
import { config } from "./settings";

/** What every TESTEX Lambda shares; each function states its own size, links and grants. */
export interface FunctionSpec {
  handler: string;
  description: string;
  memory: `${number} MB`;
  timeout: `${number} seconds`;
  link: $util.Input<unknown>[];
  permissions: (Grant | Grant[])[];
  /** Bundling options beyond the defaults (e.g. packages read from disk at run time). */
  nodejs?: sst.aws.FunctionArgs["nodejs"];
  /**
   * For a function invoked asynchronously (by SNS, S3, EventBridge): where an
   * event goes once Lambda's two retries failed, instead of being dropped.
   */
  onFailure?: sst.aws.Queue;
}

export function lambda({ onFailure, ...spec }: FunctionSpec): sst.aws.FunctionArgs {
  return {
    ...spec,
    // What a handler imports on demand becomes a chunk its cold start never reads (see the benchmarks).
    nodejs: { splitting: true, ...spec.nodejs },
    // Lambda sends the failed event to the destination with the function's own role.
    permissions: [...spec.permissions, ...(onFailure ? [sendMessages(onFailure)] : [])].flat(),
    ...(onFailure ? { retries: 2 } : {}),
    runtime: LAMBDA_RUNTIME,
    architecture: "arm64",
    environment: { LOG_LEVEL: config.settings.logLevel },
    logging: { retention: config.protect ? "3 months" : "1 week" },
    transform: {
      ...(onFailure ? { eventInvokeConfig: (args) => void (args.destinationConfig = { onFailure: { destination: onFailure.arn } }) } : {}),
      role: (role) => {
        // SST also trusts the account root so `sst dev` can run the function locally
        // with its role; a deployed function is assumed by Lambda alone.
        if (!$dev) role.assumeRolePolicy = aws.iam.assumeRolePolicyForPrincipal({ Service: "lambda.amazonaws.com" });
      },
    },
  };
}
