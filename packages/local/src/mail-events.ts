/**
 * What SES's configuration set does after it accepts a message, for the local
 * runtime: it publishes a delivery, bounce or complaint event (AWS's shape,
 * inside an SNS notification) to the delivery recorder. The local SES server
 * has no configuration sets, so this watches the sends of the one SES client
 * the notifier uses, and decides the outcome the way SES's mailbox simulator
 * does: bounce@simulator.amazonses.com bounces, complaint@… is delivered and
 * then complained about, anything else is delivered.
 */
import { randomUUID } from "node:crypto";
import type { SendEmailCommandInput, SendEmailCommandOutput } from "@aws-sdk/client-sesv2";
import { describeError, log } from "@testex/core";
import { ses } from "@testex/core/notification/ses";
import type { SNSEvent } from "@testex/functions/delivery-recorder";

const ACCOUNT = "000000000000";
const REGION = "us-east-1";
/** How long after the send a report arrives (SES: seconds, usually). */
const REPORT_DELAY_MS = 200;

export const SIMULATOR = {
  bounce: "bounce@simulator.amazonses.com",
  complaint: "complaint@simulator.amazonses.com",
  suppressed: "suppressionlist@simulator.amazonses.com",
} as const;

interface Sent {
  messageId: string;
  from: string;
  to: string[];
  tags: { Name: string; Value: string }[];
  at: Date;
}

const later = (from: Date, ms: number) => new Date(from.getTime() + ms).toISOString();

/** The SES events for one accepted message, as configuration-set event publishing writes them. */
export function sesEventsFor(sent: Sent): Record<string, unknown>[] {
  const mail = {
    timestamp: sent.at.toISOString(),
    source: sent.from,
    sourceArn: `arn:aws:ses:${REGION}:${ACCOUNT}:identity/${sent.from.split("@")[1]}`,
    sendingAccountId: ACCOUNT,
    messageId: sent.messageId,
    destination: sent.to,
    headersTruncated: false,
    tags: {
      "ses:configuration-set": ["local"],
      "ses:from-domain": [sent.from.split("@")[1] ?? ""],
      ...Object.fromEntries(sent.tags.map((tag) => [tag.Name, [tag.Value]])),
    },
  };
  const events: Record<string, unknown>[] = [];
  const bounced: string[] = sent.to.filter((to) => to === SIMULATOR.bounce || to === SIMULATOR.suppressed);
  const delivered = sent.to.filter((to) => !bounced.includes(to));
  if (bounced.length > 0) {
    const suppressed = bounced.includes(SIMULATOR.suppressed);
    events.push({
      eventType: "Bounce",
      mail,
      bounce: {
        bounceType: "Permanent",
        bounceSubType: suppressed ? "OnAccountSuppressionList" : "General",
        bouncedRecipients: bounced.map((emailAddress) => ({ emailAddress, action: "failed", status: "5.1.1", diagnosticCode: "smtp; 550 5.1.1 user unknown" })),
        timestamp: later(sent.at, 1000),
        feedbackId: randomUUID(),
        reportingMTA: "dsn; local.simulator",
      },
    });
  }
  if (delivered.length > 0) {
    events.push({
      eventType: "Delivery",
      mail,
      delivery: {
        timestamp: later(sent.at, 1000),
        processingTimeMillis: 1000,
        recipients: delivered,
        smtpResponse: "250 2.6.0 Message received",
        reportingMTA: "local.simulator",
      },
    });
  }
  const complained = delivered.filter((to) => to === SIMULATOR.complaint);
  if (complained.length > 0) {
    events.push({
      eventType: "Complaint",
      mail,
      complaint: {
        complainedRecipients: complained.map((emailAddress) => ({ emailAddress })),
        timestamp: later(sent.at, 2000),
        feedbackId: randomUUID(),
        complaintFeedbackType: "abuse",
        arrivalDate: later(sent.at, 2000),
      },
    });
  }
  return events;
}

/** The Lambda event of an SNS topic's subscription, one record per message. */
export function snsEvent(messages: Record<string, unknown>[], topic = `arn:aws:sns:${REGION}:${ACCOUNT}:MailEvents`): SNSEvent {
  return {
    Records: messages.map((message) => ({
      EventSource: "aws:sns",
      EventVersion: "1.0",
      EventSubscriptionArn: `${topic}:${randomUUID()}`,
      Sns: {
        Type: "Notification",
        MessageId: randomUUID(),
        TopicArn: topic,
        Subject: null,
        Message: JSON.stringify(message),
        Timestamp: new Date().toISOString(),
        SignatureVersion: "1",
        Signature: "local",
        SigningCertUrl: "",
        UnsubscribeUrl: "",
        MessageAttributes: {},
      },
    })),
  };
}

/**
 * Publishes the events of every message the notifier's SES client gets
 * accepted, to `handler` (the delivery recorder), each in its own invocation
 * as SNS delivers them, after a short delay. Stopping waits for those in flight.
 */
export async function startMailEvents(handler: (event: SNSEvent) => Promise<void>): Promise<() => Promise<void>> {
  const pending = new Set<Promise<void>>();
  let running = true;
  const name = `local-mail-events-${randomUUID()}`;
  const client = await ses();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (running && context.commandName === "SendEmailCommand") {
        const input = args.input as SendEmailCommandInput;
        const output = result.output as SendEmailCommandOutput;
        const sent: Sent = {
          messageId: output.MessageId ?? randomUUID(),
          from: input.FromEmailAddress ?? "",
          to: [...(input.Destination?.ToAddresses ?? []), ...(input.Destination?.CcAddresses ?? []), ...(input.Destination?.BccAddresses ?? [])],
          tags: (input.EmailTags ?? []).map((tag) => ({ Name: tag.Name ?? "", Value: tag.Value ?? "" })),
          at: new Date(),
        };
        for (const message of sesEventsFor(sent)) {
          const delivery = (async () => {
            await new Promise((resolve) => setTimeout(resolve, REPORT_DELAY_MS));
            // SNS retries a failed Lambda delivery; once is enough to show the failure locally.
            await handler(snsEvent([message])).catch((error) => log.warn("mail event not recorded", describeError(error)));
          })();
          pending.add(delivery);
          void delivery.finally(() => pending.delete(delivery));
        }
      }
      return result;
    },
    { step: "initialize", name },
  );
  return async () => {
    running = false;
    client.middlewareStack.remove(name);
    await Promise.all([...pending]);
  };
}
