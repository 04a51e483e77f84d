/**
 * The termination letter: what it says (its props, checked here like a
 * notice's), where it is kept, and the builder the processor calls. The PDF
 * itself is rendered by packages/emails, injected by the processor, so core
 * (and the API) never load the PDF renderer.
 */
import { createHash } from "node:crypto";
import * as v from "valibot";
import { settings } from "../config";
import { ContractId, Email, IsoDate, Text } from "../schema";
import type { TerminationFacts } from "./events";

/** One letter per termination, always the same id: storing it again finds it there. */
export const letterFileId = (terminationId: string) =>
  `FI${createHash("sha256").update(`termination-letter\n${terminationId}`).digest("hex").slice(0, 24).toUpperCase()}`;

export const letterFilename = (contractId: string) => `termination-letter-${contractId}.pdf`;

/** The letter before it is sent, as the console downloads it and an approval request attaches it. */
export const LETTER_PREVIEW_FILENAME = "termination-letter-preview.pdf";

const Party = v.strictObject({ name: Text(200), email: v.optional(Email), address: v.optional(Text(500)) });

/** The sender, as the stage's letterhead names it. */
const Issuer = v.strictObject({
  legal_entity: Text(200),
  address: v.array(Text(200)),
  registration: v.optional(Text(300)),
  signatory: v.strictObject({ name: Text(200), title: Text(200) }),
});

export const LetterProps = v.strictObject({
  termination_id: Text(40),
  /** The day the letter was written: the day the effective date was fixed. */
  letter_date: IsoDate,
  issuer: Issuer,
  client: Party,
  contract_id: ContractId,
  contract_title: Text(200),
  reason: Text(500),
  effective_date: IsoDate,
  notice_basis: v.picklist(["NOTICE_PERIOD", "SHORT_NOTICE"]),
  notice_period_days: v.pipe(v.number(), v.integer(), v.minValue(0)),
  client_message: v.optional(Text(2000)),
  /** People by name (their e-mail only where no name is known). */
  requested_by: Text(254),
  approved_by: v.array(Text(254)),
});
export type LetterProps = v.InferOutput<typeof LetterProps>;

/** Renders the letter's PDF; the processor passes the one from packages/emails. */
export type LetterRenderer = (props: LetterProps) => Promise<Uint8Array>;

/** The sender of letters, from the stage's letterhead settings. */
export function issuer(): v.InferOutput<typeof Issuer> {
  const { legalEntity, address, registration, signatory } = settings().letterhead;
  return { legal_entity: legalEntity, address, ...(registration ? { registration } : {}), signatory };
}

/** The letter's content, from the event that fixed the date and the client as of that moment. */
export function letterProps(facts: TerminationFacts, client: { name: string; email: string; address?: string }, writtenAt: string): LetterProps {
  const { contract, termination } = facts;
  const person = (p?: { id: string; email?: string; name?: string }) => p?.name ?? p?.email ?? p?.id ?? "";
  return v.parse(LetterProps, {
    termination_id: termination.termination_id,
    letter_date: writtenAt.slice(0, 10),
    issuer: issuer(),
    client: { name: client.name, email: client.email, ...(client.address ? { address: client.address } : {}) },
    contract_id: contract.contract_id,
    contract_title: contract.title,
    reason: termination.reason_label,
    effective_date: termination.effective_date,
    notice_basis: termination.notice_basis ?? "NOTICE_PERIOD",
    notice_period_days: contract.notice_period_days ?? 0,
    ...(termination.client_message ? { client_message: termination.client_message } : {}),
    requested_by: person(facts.requester) || termination.requested_by || "",
    approved_by: facts.approvers.map(person),
  });
}
