import { Resource } from "sst";
import { settings } from "../config";
import { onFirstUse } from "../lazy";
import { noticeTag } from "./proof";

const sdk = onFirstUse(() => import("@aws-sdk/client-sesv2"));

/**
 * One client per process, loaded with the first e-mail; the endpoint comes
 * from the SDK's configuration (`AWS_ENDPOINT_URL_SESV2` locally). Within one
 * attempt the SDK retries throttling and 5xx answers with exponential backoff
 * and jitter.
 */
export const ses = onFirstUse(async () => new (await sdk()).SESv2Client({ maxAttempts: 3 }));

export interface Attachment {
  filename: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface Email {
  /** Tagged on the message, so SES's delivery events name the notice they are about. */
  notificationId: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  attachments?: Attachment[];
}

/**
 * Sends one e-mail from the stage's sender address (an address of the
 * verified domain); returns SES's message id. The stage's own configuration
 * set (several stages may share one identity) publishes what happens to it next.
 */
export async function sendEmail(email: Email): Promise<string> {
  const tag = noticeTag(email.notificationId);
  const { SendEmailCommand } = await sdk();
  const result = await (await ses()).send(
    new SendEmailCommand({
      FromEmailAddress: settings().senderEmail,
      ConfigurationSetName: Resource.Email.configurationSet,
      EmailTags: tag ? [tag] : undefined,
      Destination: { ToAddresses: email.to },
      Content: {
        Simple: {
          Subject: { Data: email.subject, Charset: "UTF-8" },
          Body: { Html: { Data: email.html, Charset: "UTF-8" }, Text: { Data: email.text, Charset: "UTF-8" } },
          ...(email.attachments?.length
            ? {
                Attachments: email.attachments.map((a) => ({
                  FileName: a.filename,
                  ContentType: a.contentType,
                  ContentDisposition: "ATTACHMENT" as const,
                  ContentTransferEncoding: "BASE64" as const,
                  RawContent: a.bytes,
                })),
              }
            : {}),
        },
      },
    }),
  );
  return result.MessageId ?? "";
}

// Errors a later attempt can get past; anything else SES says is about this message or account.
const TRANSIENT = new Set([
  "TooManyRequestsException",
  "ThrottlingException",
  "Throttling",
  "LimitExceededException",
  "InternalFailure",
  "ServiceUnavailable",
  "ServiceUnavailableException",
  "RequestTimeout",
  "RequestTimeoutException",
  "TimeoutError",
]);

/** Whether an SES failure is worth another attempt: throttling, 5xx, the network. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return true;
  if (TRANSIENT.has(error.name)) return true;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  if (status !== undefined) return status >= 500 || status === 429;
  // No HTTP answer at all: the connection failed or timed out.
  return true;
}

/** The error's name, which is all the record keeps (messages can echo addresses). */
export const errorCode = (error: unknown) => (error instanceof Error ? error.name : "Unknown").slice(0, 100);
