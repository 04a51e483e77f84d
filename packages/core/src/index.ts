export * as Audit from "./audit";
export * as Client from "./client";
export * as Contract from "./contract";
export { withContext, currentActor, currentContext, systemActor, type Actor, type RequestContext } from "./context";
export { DomainError, ValidationError, isDomainError, type ErrorCode, type FieldIssue } from "./error";
export { settings, type Settings } from "./config";
export type { Page } from "./db/cursor";
export { log, withLogFields, describeError } from "./log";
