import { useMutation, useQuery, useQueryClient, type UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { api, idempotencyKey, unwrap } from "../api";
import { useCan } from "../me";
import { moment, words } from "../parts/format";
import { ErrorMessage, Loaded } from "../parts/status";
import { admin } from "../queries";
import { useFocusResult } from "../parts/focus";

/** What kept failing and was parked: outbox events (replay their remaining effects) and notices (send them again). */
export default function Admin() {
  const isAdmin = useCan("admin");
  const queries = useQueryClient();
  const focus = useFocusResult();
  const events = useQuery(admin.deadEvents());
  const notices = useQuery(admin.deadNotices());
  const replay = useMutation({
    mutationFn: (eventId: string) =>
      unwrap(api.POST("/api/admin/dead-events/{event_id}/replay", { params: { path: { event_id: eventId } }, headers: idempotencyKey() })),
    onSuccess: () => focus("The event was sent on again."),
    onSettled: () => queries.invalidateQueries({ queryKey: admin.deadEvents().queryKey }),
  });
  const retry = useMutation({
    mutationFn: (id: string) => unwrap(api.POST("/api/admin/notifications/{id}/retry", { params: { path: { id } }, headers: idempotencyKey() })),
    onSuccess: () => focus("The notice is queued to be sent again."),
    onSettled: () => queries.invalidateQueries({ queryKey: admin.deadNotices().queryKey }),
  });
  if (!isAdmin) return <p>This page is for admins.</p>;
  return (
    <>
      <div className="title-row">
        <h1>Admin</h1>
        <span>
          <Link to="/admin/policy">Termination policy</Link> · <Link to="/admin/webhooks">Webhooks</Link>
        </span>
      </div>
      <Parked
        title="Dead events"
        query={events}
        columns={["Event", "Contract", "Done", "Last error", "Parked"]}
        row={(event) => ({
          key: event.event_id,
          cells: [
            event.type,
            <Link to={`/contracts/${event.contract_id}`}>{event.contract_id}</Link>,
            event.effects_done.join(", ") || "nothing yet",
            event.last_error ?? "—",
            moment(event.updated_at),
          ],
          action: (
            <button
              type="button"
              disabled={replay.isPending}
              onClick={() => replay.mutate(event.event_id)}
              aria-label={`Replay ${event.type} of ${event.contract_id}`}
            >
              Replay
            </button>
          ),
        })}
        error={replay.error}
      />
      <Parked
        title="Dead notices"
        query={notices}
        columns={["Notice", "To", "Attempts", "Last error", "Failed"]}
        row={(notice) => ({
          key: notice.notification_id,
          cells: [
            words(notice.template.replace(/-/g, "_")),
            notice.to.join(", "),
            notice.attempts,
            notice.last_error_code ?? "—",
            moment(notice.updated_at),
          ],
          action: (
            <button
              type="button"
              disabled={retry.isPending}
              onClick={() => retry.mutate(notice.notification_id)}
              aria-label={`Retry ${notice.template} to ${notice.to.join(", ")}`}
            >
              Retry
            </button>
          ),
        })}
        error={retry.error}
      />
    </>
  );
}

interface ParkedProps<T> {
  title: string;
  query: UseQueryResult<{ items: T[] }>;
  columns: string[];
  row: (item: T) => { key: string; cells: ReactNode[]; action: ReactNode };
  error: unknown;
}

/** One table of parked work, each row with the action that sends it on again. */
function Parked<T>({ title, query, columns, row, error }: ParkedProps<T>) {
  const id = title.toLowerCase().replace(/\s+/g, "-");
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <Loaded query={query} what={title.toLowerCase()}>
        {({ items }) =>
          items.length === 0 ? (
            <p>No {title.toLowerCase()}.</p>
          ) : (
            <table>
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  {columns.map((column) => (
                    <th key={column} scope="col">
                      {column}
                    </th>
                  ))}
                  <th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {items.map(row).map(({ key, cells, action }) => (
                  <tr key={key}>
                    {cells.map((cell, i) => (
                      <td key={i}>{cell}</td>
                    ))}
                    <td>{action}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
      <ErrorMessage error={error} />
    </section>
  );
}
