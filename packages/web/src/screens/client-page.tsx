import { useQueries, useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { useCan } from "../me";
import { useClient } from "../parts/clients";
import { Deadline } from "../parts/deadline";
import { day, moment, money, words } from "../parts/format";
import { ErrorMessage, Loaded, Loading } from "../parts/status";
import { contract, contracts } from "../queries";

/** One client: how to reach them, their contracts, and the notices sent to them. */
export default function ClientPage() {
  const { id = "" } = useParams();
  const canWrite = useCan("write");
  const client = useClient(id);
  const list = useQuery(contracts.list({ client_id: id, limit: 50 }));
  if (client.error) return <ErrorMessage error={client.error} />;
  if (!client.data) return <Loading what="the client" />;
  const c = client.data;
  return (
    <article aria-labelledby="client-name">
      <div className="title-row">
        <h1 id="client-name">{c.name}</h1>
        <span className={`badge status-${c.status.toLowerCase()}`}>{words(c.status)}</span>
      </div>
      {canWrite && (
        <div className="actions">
          <Link className="button" to={`/clients/${c.client_id}/edit`}>
            Edit client
          </Link>
        </div>
      )}
      <section aria-labelledby="contacts">
        <h2 id="contacts">Contacts</h2>
        <dl className="facts">
          <dt>E-mail</dt>
          <dd>
            <a href={`mailto:${c.email}`}>{c.email}</a>
          </dd>
          <dt>Phone</dt>
          <dd>{c.phone ?? "—"}</dd>
          <dt>Address</dt>
          <dd className="address">{c.address ?? "—"}</dd>
        </dl>
      </section>
      <section aria-labelledby="client-contracts">
        <h2 id="client-contracts">Contracts</h2>
        <Loaded query={list} what="the contracts">
          {({ items }) =>
            items.length === 0 ? (
              <p>No contracts yet.</p>
            ) : (
              <ul className="cards" aria-label="Contracts">
                {items.map((k) => (
                  <li key={k.contract_id} className="card">
                    <h3>
                      <Link to={`/contracts/${k.contract_id}`}>{k.title}</Link>
                    </h3>
                    <p>
                      {words(k.status)}, {money(k.value, k.currency)}, {k.end_date ? `ends ${day(k.end_date)}` : "open-ended"}; notice deadline{" "}
                      <Deadline contract={k} />.
                    </p>
                  </li>
                ))}
              </ul>
            )
          }
        </Loaded>
      </section>
      <section aria-labelledby="client-notices">
        <h2 id="client-notices">Notices</h2>
        {list.data ? <ClientNotices email={c.email} contractIds={list.data.items.map((k) => k.contract_id)} /> : <Loading what="the notices" />}
      </section>
    </article>
  );
}

/** The notices of the client's contracts that went to the client (not those to approvers or the requester). */
function ClientNotices({ email, contractIds }: { email: string; contractIds: string[] }) {
  const results = useQueries({ queries: contractIds.map((id) => contract.notices(id)) });
  if (results.some((r) => r.isPending)) return <Loading what="the notices" />;
  const notices = results
    .flatMap((r) => r.data?.items ?? [])
    .filter((n) => n.to.some((to) => to.toLowerCase() === email.toLowerCase()))
    .sort((a, b) => b.created_at.localeCompare(a.created_at));
  if (notices.length === 0) return <p>No notices sent to this client.</p>;
  return (
    <ul className="list" aria-label="Notices to the client">
      {notices.map((n) => (
        <li key={n.notification_id}>
          <span>
            {words(n.template.replace(/-/g, "_"))} about <Link to={`/contracts/${n.contract_id}`}>{n.contract_id}</Link>, {words(n.delivery_status ?? n.status)},{" "}
            {moment(n.sent_at ?? n.created_at)}
          </span>
        </li>
      ))}
    </ul>
  );
}
