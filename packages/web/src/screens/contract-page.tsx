import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { Link, useParams } from "react-router";
import { api } from "../api";
import { contract as contractQueries } from "../queries";
import { useCan } from "../me";
import { ClientName } from "../parts/clients";
import { Deadline } from "../parts/deadline";
import { Documents } from "../parts/documents";
import { ExportButtons } from "../parts/export";
import { day, money, words } from "../parts/format";
import { Notices } from "../parts/notices";
import { ErrorMessage, Loading } from "../parts/status";
import { TerminationPanel } from "../parts/termination";
import { Timeline } from "../parts/timeline";
import { Renew, renewable, StatusActions } from "../parts/status-actions";
import { RENEWAL_LABELS } from "../parts/renewal";


/** One contract: its terms, its termination, documents, notices, and who did what. */
export default function ContractPage({ focus }: { focus?: "termination" }) {
  const { id = "" } = useParams();
  const canWrite = useCan("write");
  const contract = useQuery(contractQueries.detail(id));
  const termination = useRef<HTMLHeadingElement>(null);
  const loaded = Boolean(contract.data);
  useEffect(() => {
    // Opened from a notice's link: the termination is what the person came for.
    if (focus === "termination" && loaded) {
      termination.current?.scrollIntoView();
      termination.current?.focus();
    }
  }, [focus, loaded]);

  if (contract.error) return <ErrorMessage error={contract.error} />;
  if (!contract.data) return <Loading what="the contract" />;
  const c = contract.data;
  const editable = c.status === "ACTIVE" || c.status === "SUSPENDED";

  return (
    <article aria-labelledby="contract-title">
      <div className="title-row">
        <h1 id="contract-title">{c.title}</h1>
        <span className={`badge status-${c.status.toLowerCase()}`}>{words(c.status)}</span>
      </div>
      {canWrite && (editable || renewable(c)) && (
        <div className="actions">
          {editable && (
            <Link className="button" to={`/contracts/${c.contract_id}/edit`}>
              Edit terms
            </Link>
          )}
          {renewable(c) && <Renew contract={c} />}
          {editable && <StatusActions contract={c} />}
        </div>
      )}
      <section aria-labelledby="terms">
        <h2 id="terms">Terms</h2>
        <dl className="facts">
          <dt>Client</dt>
          <dd>
            <Link to={`/clients/${c.client_id}`}>
              <ClientName id={c.client_id} />
            </Link>
          </dd>
          <dt>Type</dt>
          <dd>{words(c.contract_type)}</dd>
          <dt>Runs</dt>
          <dd>{c.end_date ? `${day(c.start_date)} to ${day(c.end_date)}` : `From ${day(c.start_date)}, until ended with notice`}</dd>
          <dt>Renewal</dt>
          <dd>{RENEWAL_LABELS[c.renewal]}{c.renewal === "AUTO" && c.renewal_term_months ? `, ${c.renewal_term_months} months at a time` : ""}</dd>
          {c.notice_deadline && (
            <>
              <dt>Notice deadline</dt>
              <dd>
                <Deadline contract={c} />
              </dd>
            </>
          )}
          <dt>Value</dt>
          <dd>{money(c.value, c.currency)}</dd>
          <dt>Notice period</dt>
          <dd>{c.notice_period_days} days</dd>
          <dt>Version</dt>
          <dd>{c.version}</dd>
        </dl>
      </section>
      <section aria-labelledby="termination">
        <h2 id="termination" ref={termination} tabIndex={-1}>
          Termination
        </h2>
        <TerminationPanel contract={c} />
      </section>
      <section aria-labelledby="documents">
        <h2 id="documents">Documents</h2>
        <Documents contractId={c.contract_id} />
      </section>
      <section aria-labelledby="notices">
        <h2 id="notices">Notices</h2>
        <Notices contractId={c.contract_id} />
      </section>
      <section aria-labelledby="timeline">
        <h2 id="timeline">Timeline</h2>
        <Timeline contractId={c.contract_id} />
        <ExportButtons
          list="audit"
          label="Export the audit trail"
          read={(format) => api.GET("/api/contracts/{id}/audit", { params: { path: { id: c.contract_id }, query: { format } }, parseAs: "blob" })}
        />
      </section>
    </article>
  );
}
