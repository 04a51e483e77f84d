import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { contract as contractQueries, terminations } from "../queries";
import { useMe } from "../me";
import { ClientName } from "../parts/clients";
import type { TerminationView } from "../parts/contract";
import { Decision } from "../parts/decision";
import { approvalsSummary, noticeBasis } from "../parts/termination";
import { age, day, money, words } from "../parts/format";
import { Pager, usePaging } from "../parts/paging";
import { Person } from "../parts/trail";
import { ErrorMessage, Loading } from "../parts/status";

/** The terminations waiting for this approver's decision: everyone's requests but their own. */
export default function Approvals() {
  const me = useMe();
  const paging = usePaging("approvals");
  const query = { status: "PENDING_APPROVAL" as const, limit: 50, ...(paging.cursor ? { cursor: paging.cursor } : {}) };
  const pending = useQuery(terminations.list(query));

  if (pending.error) return <ErrorMessage error={pending.error} />;
  if (!pending.data || !me.data) return <Loading what="the approvals" />;
  const mine = me.data.id;
  // Not their own requests, and not those they approved already (a second approver decides those).
  const waiting = pending.data.items.filter((termination) => termination.requested_by !== mine && !termination.decisions.some((d) => d.by === mine));
  return (
    <>
      <h1>Approvals</h1>
      <p>Terminations waiting for a decision. Your own requests are not here: someone else decides them.</p>
      {waiting.length === 0 ? (
        <p role="status">Nothing is waiting for you.</p>
      ) : (
        <ul className="cards" aria-label="Waiting for your decision">
          {waiting.map((termination) => (
            <Pending key={termination.termination_id} termination={termination} />
          ))}
        </ul>
      )}
      <Pager paging={paging} nextCursor={pending.data.next_cursor} label="Approvals" />
    </>
  );
}

function Pending({ termination }: { termination: TerminationView }) {
  const contract = useQuery(contractQueries.detail(termination.contract_id));
  const title = contract.data?.title ?? termination.contract_id;
  const headingId = `pending-${termination.contract_id}`;
  return (
    <li className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <Link to={`/contracts/${termination.contract_id}/termination`}>{title}</Link>
      </h2>
      <dl className="facts">
        <dt>Client</dt>
        <dd>{contract.data ? <ClientName id={contract.data.client_id} /> : "…"}</dd>
        <dt>Value</dt>
        <dd>{contract.data ? money(contract.data.value, contract.data.currency) : "…"}</dd>
        <dt>Reason</dt>
        <dd>
          {termination.reason_label}
          {termination.notes ? ` — ${termination.notes}` : ""}
        </dd>
        <dt>Message to the client</dt>
        <dd>{termination.client_message ?? "None"}</dd>
        <dt>Effective</dt>
        <dd>{day(termination.effective_date)}</dd>
        <dt>Notice basis</dt>
        <dd>{contract.data ? noticeBasis(termination, contract.data.notice_period_days) : "…"}</dd>
        <dt>Approvals</dt>
        <dd>{approvalsSummary(termination)}</dd>
        <dt>Requested by</dt>
        <dd>{termination.requested_by_name ?? <Person contractId={termination.contract_id} id={termination.requested_by} />}</dd>
        <dt>Waiting</dt>
        <dd>{age(termination.requested_at)}</dd>
      </dl>
      <Decision termination={termination} title={title} />
    </li>
  );
}
