import { senderDomain, stageConfig } from "@testex/stage/config";

const config = stageConfig($app.stage);
const domain = senderDomain(config.settings.senderEmail);

/**
 * What SES reports about each notice after it accepted it: delivered to the
 * recipient's mail server, bounced, or marked as spam. The delivery recorder
 * (workers.ts) keeps each on the notice, as evidence that it arrived.
 */
export const mailEvents = new sst.aws.SnsTopic("MailEvents");

/** The configuration set's events are published by SES itself, for this account only. */
new aws.sns.TopicPolicy("MailEventsPolicy", {
  arn: mailEvents.arn,
  policy: aws.iam.getPolicyDocumentOutput({
    statements: [
      {
        effect: "Allow",
        principals: [{ type: "Service", identifiers: ["ses.amazonaws.com"] }],
        actions: ["sns:Publish"],
        resources: [mailEvents.arn],
        conditions: [{ test: "StringEquals", variable: "AWS:SourceAccount", values: [aws.getCallerIdentityOutput().accountId] }],
      },
    ],
  }).json,
});

/**
 * The identity notices are sent from: a domain (SES verifies it by DNS, never
 * an address by a link its mailbox may never receive).
 * - A stage that owns its sender's domain creates the identity, with its DKIM
 *   and DMARC records in the account's hosted zone for that domain, so it
 *   verifies within minutes of the deploy (the deploy waits for it).
 * - Every other stage references the identity verified once in advance
 *   (docs/deploy.md). Creating it there would wait 45 minutes for records
 *   nobody creates, then fail, and a second stage would find it already exists.
 */
const identity =
  config.mail.identity === "stage"
    ? new sst.aws.Email("Sender", { sender: domain, dns: sst.aws.dns() })
    : sst.aws.Email.get("Sender", domain);
export const identityArn = identity.nodes.identity.arn;
export const senderIdentity = identity.nodes.identity.emailIdentity;

/**
 * Every notice is sent with the stage's own configuration set, whichever
 * identity it comes from, so each stage gets the delivery events of its own
 * notices, on its own topic.
 */
export const configurationSet = new aws.sesv2.ConfigurationSet("MailConfig", { configurationSetName: `${$app.name}-${$app.stage}-mail` });
new aws.sesv2.ConfigurationSetEventDestination("MailConfigDelivery", {
  configurationSetName: configurationSet.configurationSetName,
  eventDestinationName: "Delivery",
  eventDestination: {
    enabled: true,
    matchingEventTypes: ["DELIVERY", "BOUNCE", "COMPLAINT"],
    snsDestination: { topicArn: mailEvents.arn },
  },
});

/** `Resource.Email`: the sender's domain, and the configuration set every notice is sent with. */
export const email = new sst.Linkable("Email", {
  properties: { sender: domain, configurationSet: configurationSet.configurationSetName },
});
