import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link, useSearchParams } from "react-router";
import { useCan, useMe } from "../me";
import { ClientName } from "../parts/clients";
import type { ContractView, TerminationView } from "../parts/contract";
import { Deadline } from "../parts/deadline";
import { Field } from "../parts/field";
import { addDays, day, today, words } from "../parts/format";
import { ErrorMessage, Loading } from "../parts/status";
import { Renew } from "../parts/status-actions";
import { approvalsSummary } from "../parts/termination";
import { contract, contracts, terminations } from "../queries";

const DEFAULT_DAYS = 60;
const SHOWN = 100;
/** Expired contracts stay on the list this long: long enough to notice one that should have been renewed. */
const RECENT_DAYS = 90;

/** What a contract with a notice deadline asks of the person, in words. */
export function neededAction(contract: Pick<ContractView, "renewal" | "end_date" | "notice_deadline">, on = today()): string {
  const missed = contract.notice_deadline !== undefined && contract.notice_deadline < on;
  if (contract.renewal === "AUTO") {
    return missed
      ? `The deadline passed: it renews after ${day(contract.end_date)} unless the other party agrees to end it. Terminate, or let it renew.`
      : `Terminate by the deadline, or let it renew after ${day(contract.end_date)}.`;
  }
  return missed
    ? `The deadline passed without a decision: renew it, or let it expire on ${day(contract.end_date)}.`
    : `Renew it, or let it expire on ${day(contract.end_date)}.`;
}

/**
 * The work list: what the signed-in person should act on, soonest first.
 * Every list is a Query on an index (notice deadlines from the sparse deadline
 * index; terminations and expired contracts by status), never a scan.
 */
export default function Home() {
  const [params, setParams] = useSearchParams();
  const days = Math.max(1, Math.min(3650, Number(params.get("days")) || DEFAULT_DAYS));
  const canApprove = useCan("approve");
  const canWrite = useCan("write");
  const me = useMe();
  const due = useQuery(contracts.list({ notice_deadline_before: addDays(today(), days), limit: SHOWN }));
  const open = useQuery(terminations.list({ status: "PENDING_APPROVAL", limit: SHOWN }));
  const expired = useQuery(contracts.list({ status: "EXPIRED", ending_after: addDays(today(), -RECENT_DAYS), limit: SHOWN }));
  const mine = me.data?.id;

  const missed = due.data?.items.filter((c) => c.notice_deadline! < today()) ?? [];
  const upcoming = due.data?.items.filter((c) => c.notice_deadline! >= today()) ?? [];
  const myRequests = open.data?.items.filter((t) => t.requested_by === mine) ?? [];
  const forMe = open.data?.items.filter((t) => t.requested_by !== mine && !t.decisions.some((d) => d.by === mine)) ?? [];

  return (
    <>
      <h1>Your work</h1>
      <form
        className="filters"
        aria-label="Deadline window"
        onSubmit={(event) => {
          event.preventDefault();
          const value = String(new FormData(event.currentTarget).get("days") ?? "");
          setParams(value && Number(value) !== DEFAULT_DAYS ? { days: value } : {});
        }}
      >
        <Field label="Notice deadlines in the next (days)">
          {(id) => <input id={id} name="days" type="number" min={1} max={3650} defaultValue={days} />}
        </Field>
        <div className="actions">
          <button type="submit">Show</button>
        </div>
      </form>
      <Section title="Missed notice deadlines" query={due} count={missed.length} empty="No deadline has passed without a decision.">
        <DeadlineList items={missed} canWrite={canWrite} label="Missed notice deadlines" />
      </Section>
      <Section title={`Notice deadlines in the next ${days} days`} query={due} count={upcoming.length} empty={`No notice deadline in the next ${days} days.`}>
        <DeadlineList items={upcoming} canWrite={canWrite} label={`Notice deadlines in the next ${days} days`} />
        {due.data?.next_cursor && (
          <p>
            <Link to={`/contracts?deadline_before=${addDays(today(), days)}`}>All contracts with a deadline by {day(addDays(today(), days))}</Link>
          </p>
        )}
      </Section>
      {canApprove && (
        <Section title="Approvals waiting for you" query={open} count={forMe.length} empty="Nothing is waiting for your decision.">
          <TerminationList items={forMe} label="Approvals waiting for you" />
        </Section>
      )}
      {canWrite && (
        <Section title="Your pending requests" query={open} count={myRequests.length} empty="You have no termination request waiting for approval.">
          <TerminationList items={myRequests} label="Your pending requests" />
        </Section>
      )}
      <Section title="Recently expired" query={expired} count={expired.data?.items.length ?? 0} empty={`No contract expired in the last ${RECENT_DAYS} days.`}>
        {expired.data && (
          <ul className="cards" aria-label="Recently expired">
            {expired.data.items.map((contract) => (
              <li key={contract.contract_id} className="card">
                <h3>
                  <Link to={`/contracts/${contract.contract_id}`}>{contract.title}</Link>
                </h3>
                <p>
                  <ClientName id={contract.client_id} />, expired after {day(contract.end_date)}.
                </p>
                {canWrite && contract.renewal !== "EVERGREEN" && (
                  <div className="actions">
                    <Renew contract={contract} />
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}

function Section({ title, query, count, empty, children }: { title: string; query: { error: unknown; data?: unknown }; count: number; empty: string; children: ReactNode }) {
  const id = `section-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {query.error ? <ErrorMessage error={query.error} /> : !query.data ? <Loading what={title.toLowerCase()} /> : count > 0 ? children : <p>{empty}</p>}
    </section>
  );
}

function DeadlineList({ items, canWrite, label }: { items: ContractView[]; canWrite: boolean; label: string }) {
  return (
    <ul className="cards" aria-label={label}>
      {items.map((contract) => (
        <li key={contract.contract_id} className="card">
          <h3>
            <Link to={`/contracts/${contract.contract_id}`}>{contract.title}</Link>
          </h3>
          <dl className="facts">
            <dt>Client</dt>
            <dd>
              <ClientName id={contract.client_id} />
            </dd>
            <dt>Notice deadline</dt>
            <dd>
              <Deadline contract={contract} />
            </dd>
            <dt>Ends</dt>
            <dd>{day(contract.end_date)}</dd>
            <dt>Status</dt>
            <dd>{words(contract.status)}</dd>
          </dl>
          <p>{neededAction(contract)}</p>
          {canWrite && (
            <div className="actions">
              {contract.renewal !== "AUTO" && <Renew contract={contract} />}
              <Link className="button" to={`/contracts/${contract.contract_id}/termination`} aria-label={`Terminate ${contract.title}`}>
                Terminate…
              </Link>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}

function TerminationList({ items, label }: { items: TerminationView[]; label: string }) {
  return (
    <ul className="cards" aria-label={label}>
      {items.map((termination) => (
        <li key={termination.termination_id} className="card">
          <h3>
            <Link to={`/contracts/${termination.contract_id}/termination`}>
              <Title id={termination.contract_id} />
            </Link>
          </h3>
          <p>
            {termination.reason_label}, effective {day(termination.effective_date)}. Approvals: {approvalsSummary(termination)}.
          </p>
        </li>
      ))}
    </ul>
  );
}

function Title({ id }: { id: string }) {
  const { data } = useQuery(contract.detail(id));
  return <>{data?.title ?? id}</>;
}
