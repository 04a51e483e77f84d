/**
 * Ending a contract: request → approve (by as many distinct approvers as the
 * policy asks) → scheduled → completed, or rejected / withdrawn. Each concern
 * has its own module; this is the whole public face.
 */
export { TerminationEntity } from "./entity";
export { TERMINATION_STATUSES, OPEN_TERMINATION_STATUSES } from "./lifecycle";
export {
  Termination,
  Decision,
  RequestInput,
  ApproveInput,
  RejectInput,
  ListQuery,
  ReportQuery,
  Report,
  Reason,
  type Stored,
} from "./schemas";
export { Events, type EventType } from "./events";
export { approvalsRequired, approvalsFor } from "../contract/approval";
export { request, approve, reject, withdraw } from "./commands";
export { current, list, report, reasonCatalogue, letter } from "./queries";
export { completeDue, remindApprovers } from "./jobs";
export { letterFileId } from "./letter";
export { letterPreview } from "./preview";
export { policyView, PolicyView } from "./policy-view";
