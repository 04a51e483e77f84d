/** Reading terminations: one contract's, lists, the report, the reasons catalogue and the letter. */
import * as Contract from "../contract";
import { withCursor, type Page } from "../db/cursor";
import { TerminationEntity } from "./entity";
import * as File from "../file";
import { parse } from "../validation";
import { OPEN_TERMINATION_STATUSES, TERMINATION_STATUSES, type TerminationStatus } from "./lifecycle";
import { letterFileId } from "./letter";
import { addDays } from "../dates";
import { labelOf, reasons } from "./policy";
import { ListQuery, present, ReportQuery, type Reason, type Report, type Stored, type Termination } from "./schemas";
import { latestOf } from "./write";

/** The contract's current or most recent termination. */
export async function current(contractId: string): Promise<Termination> {
  return present(await latestOf(await Contract.load(contractId)));
}

/** Terminations by status (default: the open ones) whose effective date is on or before `effective_before`. */
export async function list(raw: ListQuery): Promise<Page<Termination>> {
  const query = parse(ListQuery, raw);
  const before = query.effective_before && { effective_date: addDays(query.effective_before, 1) };
  const terminations = TerminationEntity.query;
  const status = query.status;
  const result = await withCursor(query.cursor, (cursor) =>
    status
      ? (before ? terminations.byStatus({ status }).lt(before) : terminations.byStatus({ status })).go({ limit: query.limit, cursor })
      : (before ? terminations.byEffectiveDate({}).lt(before) : terminations.byEffectiveDate({}))
          .where(({ status }, { eq }) => OPEN_TERMINATION_STATUSES.map((open: TerminationStatus) => eq(status, open)).join(" OR "))
          // Filtered: `count` reads on until the page is full, so a page is never short while more match.
          .go({ count: query.limit, cursor }),
  );
  return { items: result.data.map(present), next_cursor: result.cursor };
}

/** The stage's reasons catalogue, as the API shows it. */
export const reasonCatalogue = (): Reason[] =>
  reasons().map((r) => ({ code: r.code, label: r.label, short_notice: r.shortNotice, comment_required: r.commentRequired, end_of_term: r.endOfTerm ?? false }));

const tally = <K extends string>(counts: Map<K, number>, key: K) => counts.set(key, (counts.get(key) ?? 0) + 1);

/**
 * Terminations effective between `from` and `to` (inclusive), counted by
 * reason, status and month: one Query on the effective-date index, read in
 * pages of only the attributes counted.
 */
export async function report(raw: ReportQuery): Promise<Report> {
  const { from, to } = parse(ReportQuery, raw);
  const byReason = new Map<string, number>();
  const byStatus = new Map<TerminationStatus, number>();
  const byMonth = new Map<string, number>();
  let total = 0;
  let cursor: string | null = null;
  do {
    const page: { data: Pick<Stored, "reason" | "status" | "effective_date">[]; cursor: string | null } = await TerminationEntity.query
      .byEffectiveDate({})
      .between({ effective_date: from }, { effective_date: addDays(to, 1) })
      .go({ cursor, limit: 500, attributes: ["reason", "status", "effective_date"] });
    for (const termination of page.data) {
      total++;
      tally(byReason, termination.reason);
      tally(byStatus, termination.status);
      tally(byMonth, termination.effective_date.slice(0, 7));
    }
    cursor = page.cursor;
  } while (cursor);
  return {
    from,
    to,
    total,
    by_reason: [...byReason].sort(([a], [b]) => a.localeCompare(b)).map(([reason, count]) => ({ reason, label: labelOf(reason), count })),
    by_status: TERMINATION_STATUSES.filter((s) => byStatus.has(s)).map((status) => ({ status, count: byStatus.get(status)! })),
    by_month: [...byMonth].sort(([a], [b]) => a.localeCompare(b)).map(([month, count]) => ({ month, count })),
  };
}

/** A download link for the termination letter of the contract's current or latest termination. */
export async function letter(contractId: string): Promise<File.DownloadLink> {
  const contract = await Contract.load(contractId);
  const termination = await latestOf(contract);
  return File.downloadLink(contract.contract_id, letterFileId(termination.termination_id));
}
