import { EventEmitter } from "node:events";

/**
 * S3 event notifications of the local S3 stand-in (`{ Records: [...] }`, as S3
 * sends them), emitted as "event" in the process that started the stack.
 * Nothing is kept: a notification nobody listens to is lost, as in AWS
 * without a subscriber, so consumers also reconcile on start.
 */
export const s3Events = new EventEmitter();
