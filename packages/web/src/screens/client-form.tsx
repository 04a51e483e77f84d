import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { useNavigate, useParams } from "react-router";
import { api, idempotencyKey, ifMatch, unwrap } from "../api";
import { useCan } from "../me";
import { useClient } from "../parts/clients";
import { Conflict, isConflict } from "../parts/conflict";
import type { ClientView } from "../parts/contract";
import { Field } from "../parts/field";
import { ErrorMessage, Loading } from "../parts/status";
import { refresh } from "../queries";

/** Add a client, or change one (naming the version read, so nobody's change is overwritten). */
export default function ClientForm() {
  const { id } = useParams();
  const canWrite = useCan("write");
  const existing = useClient(id);
  if (!canWrite) return <p>Your role cannot change clients.</p>;
  if (!id) return <Editor />;
  if (existing.error) return <ErrorMessage error={existing.error} />;
  if (!existing.data) return <Loading what="the client" />;
  return <Editor key={existing.data.version} client={existing.data} reload={() => void existing.refetch()} />;
}

function Editor({ client, reload }: { client?: ClientView; reload?: () => void }) {
  const navigate = useNavigate();
  const queries = useQueryClient();
  const save = useMutation({
    mutationFn: (fields: { name: string; email: string; phone?: string; address?: string; status: "ACTIVE" | "INACTIVE" }) =>
      client
        ? unwrap(api.PUT("/api/clients/{id}", { params: { path: { id: client.client_id } }, body: fields, headers: ifMatch(client.version) }))
        : unwrap(api.POST("/api/clients", { body: fields, headers: idempotencyKey() })),
    onSuccess: (saved) => {
      void refresh.client(queries, saved.client_id);
      navigate(`/clients/${saved.client_id}`);
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    save.mutate({
      name: text("name"),
      email: text("email"),
      ...(text("phone") ? { phone: text("phone") } : {}),
      ...(text("address") ? { address: text("address") } : {}),
      status: text("status") as "ACTIVE" | "INACTIVE",
    });
  };
  return (
    <>
      <h1>{client ? `Edit ${client.name}` : "New client"}</h1>
      <form className="stack" onSubmit={submit} aria-label={client ? "Edit client" : "New client"}>
        <Field label="Name">{(id) => <input id={id} name="name" required maxLength={200} defaultValue={client?.name} />}</Field>
        <Field label="E-mail">{(id) => <input id={id} name="email" type="email" required defaultValue={client?.email} />}</Field>
        <Field label="Phone (optional)">{(id) => <input id={id} name="phone" type="tel" defaultValue={client?.phone} />}</Field>
        <Field label="Address (optional)">
          {(id) => <textarea id={id} name="address" rows={3} maxLength={500} defaultValue={client?.address} />}
        </Field>
        <Field label="Status">
          {(id) => (
            <select id={id} name="status" defaultValue={client?.status ?? "ACTIVE"}>
              <option value="ACTIVE">active</option>
              <option value="INACTIVE">inactive</option>
            </select>
          )}
        </Field>
        <div className="actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {client ? "Save changes" : "Create client"}
          </button>
          <button type="button" onClick={() => navigate(-1)}>
            Cancel
          </button>
        </div>
        {client && isConflict(save.error) ? (
          <Conflict kind="client" id={client.client_id} onReload={() => reload?.()} />
        ) : (
          <ErrorMessage error={save.error} />
        )}
      </form>
    </>
  );
}
