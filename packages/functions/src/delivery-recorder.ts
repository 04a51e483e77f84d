import { describeError, log, systemActor, withContext, withLogFields } from "@testex/core";
import { recordProof } from "@testex/core/notification/proof";

/** Lambda's event for an SNS subscription (what `@types/aws-lambda` calls SNSEvent); only `Sns.Message` is read. */
export interface SNSEvent {
  Records: {
    EventSource: "aws:sns";
    EventVersion: string;
    EventSubscriptionArn: string;
    Sns: {
      Type: string;
      MessageId: string;
      TopicArn: string;
      Subject: string | null;
      Message: string;
      Timestamp: string;
      SignatureVersion: string;
      Signature: string;
      SigningCertUrl: string;
      UnsubscribeUrl: string;
      MessageAttributes: Record<string, { Type: string; Value: string }>;
    };
  }[];
}

/**
 * SES's delivery, bounce and complaint events for notices, through the mail
 * events topic: each is recorded on its notice as proof of delivery. A
 * failure throws, so Lambda retries the (asynchronous) SNS delivery; an event
 * about no notice of ours is logged and dropped.
 */
export const handler = async (event: SNSEvent): Promise<void> => {
  for (const record of event.Records) {
    await withContext({ actor: systemActor("delivery-recorder"), requestId: record.Sns.MessageId }, () =>
      withLogFields({ sns_message_id: record.Sns.MessageId }, async () => {
        let message: unknown;
        try {
          message = JSON.parse(record.Sns.Message);
        } catch (error) {
          log.error("mail event is not JSON; dropped", describeError(error));
          return;
        }
        await recordProof(message);
      }),
    );
  }
};
