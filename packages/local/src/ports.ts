/** The fixed ports of `npm start`'s stand-ins; the `db` CLI and others find the running stack by them. */
export const localPorts = () => ({
  dynamo: Number(process.env.TESTEX_DYNAMODB_PORT ?? 8000),
  s3: Number(process.env.TESTEX_S3_PORT ?? 4568),
  ses: Number(process.env.TESTEX_SES_PORT ?? 8005),
  sqs: Number(process.env.TESTEX_SQS_PORT ?? 9324),
  oidc: Number(process.env.TESTEX_OIDC_PORT ?? 3002),
  /** The console; the OpenID Provider redirects back to it, and notices link to it. */
  web: Number(process.env.TESTEX_WEB_PORT ?? 3001),
});

export const localEndpoints = (ports = localPorts()) => ({
  dynamo: `http://127.0.0.1:${ports.dynamo}`,
  s3: `http://127.0.0.1:${ports.s3}`,
  ses: `http://127.0.0.1:${ports.ses}`,
  sqs: `http://127.0.0.1:${ports.sqs}`,
  oidc: `http://127.0.0.1:${ports.oidc}`,
});
