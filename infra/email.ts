import { senderDomain } from "./config";
import { config } from "./settings";

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
 * The domain notices are sent from. SES verifies a domain by DNS records
 * (created here where the stage has a hosted zone), never an address by a
 * link its mailbox may never receive; the From address stays a setting.
 * The identity's default configuration set publishes the delivery events.
 */
export const email = new sst.aws.Email("Email", {
  sender: senderDomain(config.settings.senderEmail),
  dns: config.mail.hostedZone ? sst.aws.dns() : false,
  events: [{ name: "Delivery", types: ["delivery", "bounce", "complaint"], topic: mailEvents.arn }],
});
