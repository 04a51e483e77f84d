import { describeError, log, systemActor, withContext, withLogFields } from "@testex/core";
import { recordProof } from "@testex/core/notification/proof";

/** The part of Lambda's SNS event this reads (what `@types/aws-lambda` calls SNSEvent). */
export interface SNSEvent {
  Records: { EventSource: "aws:sns"; Sns: { MessageId: string; Message: string; Timestamp: string } }[];
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
