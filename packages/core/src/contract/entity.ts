import { entity } from "../db/entity";
import { OPEN_END, RENEWALS } from "./term";

/** EXPIRED: a contract that did not renew ran past its end date (set by the scheduler). */
export const CONTRACT_STATUSES = ["ACTIVE", "SUSPENDED", "PENDING_TERMINATION", "TERMINATED", "EXPIRED"] as const;
/** The statuses of a contract that is running: its term can renew, expire, or be given notice on. */
export const RUNNING_STATUSES: readonly string[] = ["ACTIVE", "SUSPENDED"];
export const CONTRACT_TYPES = [
  "SERVICE",
  "SUPPLY",
  "LICENSE",
  "LEASE",
  "MAINTENANCE",
  "CONSULTING",
  "EMPLOYMENT",
  "OTHER",
] as const;
/** The reasons catalogue every stage starts with (settings may add others). */
export const TERMINATION_REASONS = [
  "MUTUAL_AGREEMENT",
  "BREACH",
  "CONVENIENCE",
  "NON_RENEWAL",
  "INSOLVENCY",
  "OTHER",
] as const;

/** A running contract with a notice deadline: what the notice-deadline indexes hold. */
const hasNoticeDeadline = (attr: Record<string, unknown>) =>
  typeof attr.notice_deadline === "string" && attr.notice_deadline !== OPEN_END && RUNNING_STATUSES.includes(attr.status as string);

export const ContractEntity = entity({
  model: { entity: "contract", version: "1", service: "testex" },
  attributes: {
    contract_id: { type: "string", required: true, readOnly: true },
    client_id: { type: "string", required: true, readOnly: true },
    title: { type: "string", required: true },
    contract_type: { type: CONTRACT_TYPES, required: true },
    status: { type: CONTRACT_STATUSES, required: true },
    start_date: { type: "string", required: true },
    end_date: { type: "string", required: true },
    value: { type: "number", required: true },
    currency: { type: "string", required: true },
    notice_period_days: { type: "number", required: true },
    /** Absent on contracts written before renewals existed: they read as NONE. */
    renewal: { type: RENEWALS },
    renewal_term_months: { type: "number" },
    /** Derived from the term on every write (see term.ts); OPEN_END for EVERGREEN, which has none. */
    notice_deadline: { type: "string" },
    /** Who answers for the contract (its creator): reminders and renewal notices go to them. */
    owner_id: { type: "string" },
    owner_email: { type: "string" },
    /**
     * `owner_id`, or "" for contracts from before owners: the key of the owner
     * index. ElectroDB needs every key attribute of an index with a condition
     * on every write, and `owner_id` may be absent.
     */
    owner_key: { type: "string", hidden: true, default: "", watch: ["owner_id"], set: (_, item) => item.owner_id ?? "" },
    /** A code of the reasons catalogue (settings). */
    termination_reason: { type: "string" },
    /** The most approvers any of its terms ever needed: a termination needs at least this many (contract/approval.ts). */
    approval_tier: { type: "number" },
    /** The termination in progress or completed; once set, the contract is never erased. */
    termination_id: { type: "string" },
    version: { type: "number", required: true },
    created_at: { type: "string", required: true, readOnly: true },
    updated_at: { type: "string", required: true },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["contract_id"] },
      sk: { field: "sk", composite: [] },
    },
    byClient: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["client_id"] },
      sk: { field: "gsi1sk", composite: ["end_date", "contract_id"] },
    },
    byStatus: {
      index: "gsi2",
      pk: { field: "gsi2pk", composite: ["status"] },
      sk: { field: "gsi2sk", composite: ["end_date", "contract_id"] },
    },
    byEndDate: {
      index: "gsi3",
      pk: { field: "gsi3pk", composite: [] },
      sk: { field: "gsi3sk", composite: ["end_date", "contract_id"] },
    },
    /** Sparse: only running contracts with a notice deadline, soonest first ("what must we decide soon?"). */
    byNoticeDeadline: {
      index: "gsi4",
      condition: hasNoticeDeadline,
      pk: { field: "gsi4pk", composite: [] },
      sk: { field: "gsi4sk", composite: ["notice_deadline", "contract_id"] },
    },
    /** The same contracts, per owner: what their calendar reads (one Query of their own, never the whole index above). */
    byOwner: {
      index: "gsi5",
      condition: (attr) => attr.owner_key !== "" && hasNoticeDeadline(attr),
      pk: { field: "gsi5pk", composite: ["owner_key"], casing: "none" },
      sk: { field: "gsi5sk", composite: ["notice_deadline", "contract_id"] },
    },
  },
});

/** A deleted contract's last state, kept so a delete can always be undone. */
export const DeletedContractEntity = entity({
  model: { entity: "deleted_contract", version: "1", service: "testex" },
  attributes: {
    contract_id: { type: "string", required: true, readOnly: true },
    contract: { type: "any", required: true },
    deleted_at: { type: "string", required: true },
    deleted_by: { type: "string", required: true },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["contract_id"] },
      sk: { field: "sk", composite: ["deleted_at"] },
    },
  },
});
