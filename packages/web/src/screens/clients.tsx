import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api } from "../api";
import { useCan } from "../me";
import { ExportButtons } from "../parts/export";
import { moment, words } from "../parts/format";
import { Pager, usePaging } from "../parts/paging";
import { ErrorMessage, Loading } from "../parts/status";
import { clients } from "../queries";

/** Clients, newest first, a page at a time. */
export default function Clients() {
  const canWrite = useCan("write");
  const paging = usePaging("clients");
  const query = { limit: 20, ...(paging.cursor ? { cursor: paging.cursor } : {}) };
  const list = useQuery({ ...clients.list(query), placeholderData: keepPreviousData });
  return (
    <>
      <div className="title-row">
        <h1>Clients</h1>
        {canWrite && (
          <Link className="button primary" to="/clients/new">
            New client
          </Link>
        )}
      </div>
      {list.error ? (
        <ErrorMessage error={list.error} />
      ) : !list.data ? (
        <Loading what="clients" />
      ) : list.data.items.length === 0 ? (
        <p>No clients yet.</p>
      ) : (
        <>
          <table>
            <caption className="visually-hidden">Clients</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">E-mail</th>
                <th scope="col">Status</th>
                <th scope="col">Added</th>
                {canWrite && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((client) => (
                <tr key={client.client_id}>
                  <td>
                    <Link to={`/clients/${client.client_id}`}>{client.name}</Link>
                  </td>
                  <td>{client.email}</td>
                  <td>{words(client.status)}</td>
                  <td>{moment(client.created_at)}</td>
                  {canWrite && (
                    <td>
                      <Link to={`/clients/${client.client_id}/edit`} aria-label={`Edit ${client.name}`}>
                        Edit
                      </Link>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          <Pager paging={paging} nextCursor={list.data.next_cursor} label="Clients" />
          <ExportButtons list="clients" label="Export every client" read={(format) => api.GET("/api/clients", { params: { query: { format } }, parseAs: "blob" })} />
        </>
      )}
    </>
  );
}
