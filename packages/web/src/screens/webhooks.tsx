import { rules } from "@testex/client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { api, idempotencyKey, unwrap } from "../api";
import { useCan } from "../me";
import { Field } from "../parts/field";
import { moment } from "../parts/format";
import { useFocusResult } from "../parts/focus";
import { ErrorMessage, Loaded } from "../parts/status";
import { webhooks } from "../queries";

/** The events a subscription may ask for, as the API document lists them. */
const EVENT_TYPES = rules.WebhookCreate.event_types.items.enum;
type EventType = (typeof EVENT_TYPES)[number];
const isEventType = (value: string): value is EventType => (EVENT_TYPES as readonly string[]).includes(value);

/** Webhook subscriptions: add one (its secret is shown once), rotate a secret, and read and replay a subscription's deliveries. */
export default function Webhooks() {
  const isAdmin = useCan("admin");
  const queries = useQueryClient();
  const focus = useFocusResult();
  const [params, setParams] = useSearchParams();
  const selected = params.get("subscription");
  const [secret, setSecret] = useState<{ id: string; secret: string } | null>(null);
  const list = useQuery(webhooks.list());
  const rotate = useMutation({
    mutationFn: (id: string) => unwrap(api.POST("/api/admin/webhooks/{id}/rotate", { params: { path: { id } }, body: { overlap_hours: 24 }, headers: idempotencyKey() })),
    onSuccess: (rotated) => {
      setSecret({ id: rotated.subscription_id, secret: rotated.secret });
      focus("A new secret was made; the previous one signs beside it for 24 hours.");
    },
    onSettled: () => queries.invalidateQueries({ queryKey: webhooks.list().queryKey }),
  });
  if (!isAdmin) return <p>This page is for admins.</p>;
  return (
    <>
      <div className="title-row">
        <h1>Webhooks</h1>
        <Link to="/admin">Admin</Link>
      </div>
      <NewSubscription onCreated={(id, made) => setSecret({ id, secret: made })} />
      {secret && (
        <section aria-labelledby="secret-heading" className="secret">
          <h2 id="secret-heading">Signing secret of {secret.id}</h2>
          <p>Copy it now to the receiver: it is not shown again.</p>
          <p>
            <code aria-label="Signing secret">{secret.secret}</code>
          </p>
        </section>
      )}
      <section aria-labelledby="subscriptions-heading">
        <h2 id="subscriptions-heading">Subscriptions</h2>
        <Loaded query={list} what="webhook subscriptions">
          {({ items }) =>
            items.length === 0 ? (
              <p>No subscriptions yet.</p>
            ) : (
              <table>
                <caption className="visually-hidden">Subscriptions</caption>
                <thead>
                  <tr>
                    <th scope="col">URL</th>
                    <th scope="col">Events</th>
                    <th scope="col">Secrets</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((s) => (
                    <tr key={s.subscription_id}>
                      <td>
                        {s.url}
                        {s.enabled ? "" : " (disabled)"}
                      </td>
                      <td>{s.event_types.join(", ")}</td>
                      <td>{s.secrets.map((k) => `…${k.hint}${k.expires_at ? ` until ${moment(k.expires_at)}` : ""}`).join(", ")}</td>
                      <td>
                        <button type="button" onClick={() => setParams({ subscription: s.subscription_id })} aria-label={`Deliveries to ${s.url}`}>
                          Deliveries
                        </button>{" "}
                        <button type="button" disabled={rotate.isPending} onClick={() => rotate.mutate(s.subscription_id)} aria-label={`Rotate secret of ${s.url}`}>
                          Rotate secret
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </Loaded>
        <ErrorMessage error={rotate.error} />
      </section>
      {selected && <Deliveries subscriptionId={selected} />}
    </>
  );
}

function NewSubscription({ onCreated }: { onCreated: (id: string, secret: string) => void }) {
  const queries = useQueryClient();
  const focus = useFocusResult();
  const create = useMutation({
    mutationFn: (body: { url: string; enabled: boolean; event_types: EventType[]; description?: string }) => unwrap(api.POST("/api/admin/webhooks", { body, headers: idempotencyKey() })),
    onSuccess: (created) => {
      onCreated(created.subscription_id, created.secret);
      focus("The subscription was added. Copy its signing secret now: it is not shown again.");
    },
    onSettled: () => queries.invalidateQueries({ queryKey: webhooks.list().queryKey }),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const description = String(form.get("description") ?? "").trim();
    create.mutate({ url: String(form.get("url") ?? ""), enabled: true, event_types: form.getAll("event_types").map(String).filter(isEventType), ...(description ? { description } : {}) });
  };
  return (
    <form className="stack" onSubmit={submit} aria-label="New webhook subscription">
      <h2>New subscription</h2>
      <Field label="Receiver URL" hint="https, reachable from the internet; deliveries are signed (Standard Webhooks).">
        {(id, hint) => <input id={id} name="url" type="url" required aria-describedby={hint} />}
      </Field>
      <Field label="Description (optional)">{(id) => <input id={id} name="description" maxLength={200} />}</Field>
      <fieldset>
        <legend>Events</legend>
        {EVENT_TYPES.map((type) => (
          <label key={type} className="choice">
            <input type="checkbox" name="event_types" value={type} /> {type}
          </label>
        ))}
      </fieldset>
      <ErrorMessage error={create.error} />
      <button type="submit" disabled={create.isPending}>
        Add subscription
      </button>
    </form>
  );
}

/** A subscription's delivery log, newest first, each ended delivery replayable. */
function Deliveries({ subscriptionId }: { subscriptionId: string }) {
  const queries = useQueryClient();
  const focus = useFocusResult();
  const log = useQuery(webhooks.deliveries(subscriptionId));
  const replay = useMutation({
    mutationFn: (deliveryId: string) =>
      unwrap(
        api.POST("/api/admin/webhooks/{id}/deliveries/{delivery_id}/replay", { params: { path: { id: subscriptionId, delivery_id: deliveryId } }, headers: idempotencyKey() }),
      ),
    onSuccess: () => focus("The delivery is queued to be sent again."),
    onSettled: () => queries.invalidateQueries({ queryKey: webhooks.deliveries(subscriptionId).queryKey }),
  });
  return (
    <section aria-labelledby="deliveries-heading">
      <h2 id="deliveries-heading">Deliveries of {subscriptionId}</h2>
      <Loaded query={log} what="deliveries">
        {({ items }) =>
          items.length === 0 ? (
            <p>No deliveries yet.</p>
          ) : (
            <table>
              <caption className="visually-hidden">Deliveries</caption>
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">Status</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Last answer</th>
                  <th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {items.map((d) => (
                  <tr key={d.delivery_id}>
                    <td>
                      {d.event_type}
                      <br />
                      {moment(d.created_at)}
                    </td>
                    <td>{d.status}</td>
                    <td>{d.attempts}</td>
                    <td>
                      {d.last_status_code ?? "—"}
                      {d.last_latency_ms === undefined ? "" : ` in ${d.last_latency_ms} ms`}
                      {d.last_error ? `: ${d.last_error}` : ""}
                    </td>
                    <td>
                      {d.status === "SUCCEEDED" || d.status === "DEAD" ? (
                        <button type="button" disabled={replay.isPending} onClick={() => replay.mutate(d.delivery_id)} aria-label={`Replay ${d.event_type} delivery ${d.delivery_id}`}>
                          Replay
                        </button>
                      ) : (
                        "being tried"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
      <ErrorMessage error={replay.error} />
    </section>
  );
}
