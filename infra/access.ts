/**
 * Least privilege. SST's default links grant `dynamodb:*`, `s3:*`, `sqs:*` and
 * `ses:*` on the linked resource. Here a link only tells a function a resource's
 * name (what `Resource.<Name>` reads); what the function may do with it is
 * granted explicitly, action by action, with the helpers below.
 */
sst.Linkable.wrap(sst.aws.Dynamo, (table) => ({ properties: { name: table.name } }));
sst.Linkable.wrap(sst.aws.Bucket, (bucket) => ({ properties: { name: bucket.name } }));
sst.Linkable.wrap(sst.aws.Queue, (queue) => ({ properties: { url: queue.url } }));

export interface Grant {
  actions: string[];
  resources: $util.Input<string>[];
}

/** Items and index queries; transactions are authorised per item by these same actions. */
export const readWriteItems = (table: sst.aws.Dynamo): Grant => ({
  actions: [
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",
    "dynamodb:Query",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:BatchWriteItem",
    "dynamodb:ConditionCheckItem",
  ],
  resources: [table.arn, $interpolate`${table.arn}/index/*`],
});

/** The one full read of the table: the nightly export's parallel Scan (never the product's paths). */
export const scanTable = (table: sst.aws.Dynamo): Grant => ({
  actions: ["dynamodb:Scan"],
  resources: [table.arn],
});

/** HeadBucket, for health checks: authorised by ListBucket, reads nothing. */
export const checkBucket = (bucket: sst.aws.Bucket): Grant => ({
  actions: ["s3:ListBucket"],
  resources: [bucket.arn],
});

/** SES's account status, for health checks; an account-level action, so it has no narrower resource. */
export const readMailAccount = (): Grant => ({
  actions: ["ses:GetAccount"],
  resources: ["*"],
});

const region = aws.getRegionOutput().region;
const account = aws.getCallerIdentityOutput().accountId;

/**
 * A long export hands itself over to a fresh invocation of the same function.
 * Granted on the function's own ARN once it exists (a role policy beside the
 * role): a name pattern breaks when SST shortens names for long stage names.
 */
export function allowSelfInvoke(name: string, component: $util.Output<sst.aws.Function>): void {
  const fn = component.apply((c) => c.nodes.function);
  new aws.iam.RolePolicy(`${name}InvokeSelf`, {
    role: fn.role.apply((arn) => arn.split("/").pop()!),
    policy: aws.iam.getPolicyDocumentOutput({
      statements: [{ effect: "Allow", actions: ["lambda:InvokeFunction"], resources: [fn.arn] }],
    }).json,
  });
}

/**
 * The members of the user pool's groups, for the functions that ask approvers
 * by name. IAM scopes it to the pool (not to a group); on a stage with an
 * external issuer there is no pool, and nothing is granted.
 */
export const listGroupMembers = (userPoolArn: $util.Input<string> | undefined): Grant[] =>
  userPoolArn ? [{ actions: ["cognito-idp:ListUsersInGroup"], resources: [userPoolArn] }] : [];

/** ListBucket lets a missing object answer 404 instead of 403. */
export const readObjects = (bucket: sst.aws.Bucket): Grant[] => [
  { actions: ["s3:GetObject"], resources: [$interpolate`${bucket.arn}/*`] },
  { actions: ["s3:ListBucket"], resources: [bucket.arn] },
];

export const writeObjects = (bucket: sst.aws.Bucket): Grant => ({
  actions: ["s3:PutObject", "s3:AbortMultipartUpload"],
  resources: [$interpolate`${bucket.arn}/*`],
});

export const deleteObjects = (bucket: sst.aws.Bucket): Grant => ({
  actions: ["s3:DeleteObject"],
  resources: [$interpolate`${bucket.arn}/*`],
});

export const sendMessages = (queue: sst.aws.Queue): Grant => ({
  actions: ["sqs:SendMessage"],
  resources: [queue.arn],
});

/**
 * SES authorises a send on the sender's identity and on the configuration set
 * it names. In the SES sandbox (where new accounts, development and staging
 * are) it also checks each recipient's verified identity: without
 * `identity/*` every notice there is refused for good (only identities the
 * account verified are covered). Production has left the sandbox and may send
 * from its own identity only.
 */
export const sendEmail = (mail: { identityArn: $util.Input<string>; configurationSet: aws.sesv2.ConfigurationSet }, sandbox: boolean): Grant => ({
  actions: ["ses:SendEmail", "ses:SendRawEmail"],
  resources: [mail.identityArn, mail.configurationSet.arn, ...(sandbox ? [$interpolate`arn:aws:ses:${region}:${account}:identity/*`] : [])],
});
