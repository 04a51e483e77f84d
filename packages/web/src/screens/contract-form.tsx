import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { rules } from "@testex/client";
import { useState, type FormEvent } from "react";
import { useNavigate, useParams } from "react-router";
import { api, idempotencyKey, ifMatch, unwrap } from "../api";
import { useCan } from "../me";
import { useClientChoices } from "../parts/clients";
import { Conflict, isConflict } from "../parts/conflict";
import type { ContractView } from "../parts/contract";
import { Field } from "../parts/field";
import { words } from "../parts/format";
import { RENEWAL_LABELS } from "../parts/renewal";
import { ErrorMessage, Loading } from "../parts/status";
import { contract as contractQueries, refresh } from "../queries";

/** Choices and limits from the API document, never copied by hand. */
const FIELDS = rules.ContractCreate;
const TYPES = FIELDS.contract_type.enum;
type ContractType = (typeof TYPES)[number];
const RENEWALS = FIELDS.renewal.enum;
type Renewal = (typeof RENEWALS)[number];

/** Create a contract, or change the terms of one (naming the version read, so nobody's change is overwritten). */
export default function ContractForm() {
  const { id } = useParams();
  const canWrite = useCan("write");
  const existing = useQuery({ ...contractQueries.detail(id ?? ""), enabled: Boolean(id) });
  if (!canWrite) return <p>Your role cannot change contracts.</p>;
  if (!id) return <Editor />;
  if (existing.error) return <ErrorMessage error={existing.error} />;
  if (!existing.data) return <Loading what="the contract" />;
  // A reloaded version is a new form: the person sees what is saved now.
  return <Editor key={existing.data.version} contract={existing.data} reload={() => void existing.refetch()} />;
}

function Editor({ contract, reload }: { contract?: ContractView; reload?: () => void }) {
  const navigate = useNavigate();
  const queries = useQueryClient();
  const clients = useClientChoices();
  const [renewal, setRenewal] = useState<Renewal>(contract?.renewal ?? "NONE");
  const save = useMutation({
    mutationFn: async (terms: Terms) => {
      if (!contract) {
        return unwrap(api.POST("/api/contracts", { body: terms, headers: idempotencyKey() }));
      }
      const { client_id: _fixed, ...changes } = terms;
      return unwrap(
        api.PUT("/api/contracts/{id}", { params: { path: { id: contract.contract_id } }, body: changes, headers: ifMatch(contract.version) }),
      );
    },
    onSuccess: (saved) => {
      void refresh.contract(queries, saved.contract_id);
      navigate(`/contracts/${saved.contract_id}`);
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    save.mutate({
      client_id: contract?.client_id ?? text("client_id"),
      title: text("title"),
      contract_type: text("contract_type") as ContractType,
      start_date: text("start_date"),
      // EVERGREEN takes no end date and no renewal term; the others say how long they run.
      ...(renewal === "EVERGREEN" ? {} : { end_date: text("end_date") }),
      value: Number(text("value")),
      currency: text("currency").toUpperCase(),
      notice_period_days: Number(text("notice_period_days")),
      renewal,
      ...(renewal !== "EVERGREEN" && text("renewal_term_months") ? { renewal_term_months: Number(text("renewal_term_months")) } : {}),
    });
  };

  return (
    <>
      <h1>{contract ? `Edit ${contract.title}` : "New contract"}</h1>
      <form className="stack" onSubmit={submit} aria-label={contract ? "Edit contract" : "New contract"}>
        {!contract && (
          <Field label="Client">
            {(id) => (
              <select id={id} name="client_id" required defaultValue="">
                <option value="" disabled>
                  Choose a client
                </option>
                {clients.data?.items
                  .filter((client) => client.status === "ACTIVE")
                  .map((client) => (
                    <option key={client.client_id} value={client.client_id}>
                      {client.name}
                    </option>
                  ))}
              </select>
            )}
          </Field>
        )}
        <Field label="Title">{(id) => <input id={id} name="title" required maxLength={FIELDS.title.maxLength} defaultValue={contract?.title} />}</Field>
        <Field label="Type">
          {(id) => (
            <select id={id} name="contract_type" defaultValue={contract?.contract_type ?? "SERVICE"}>
              {TYPES.map((type) => (
                <option key={type} value={type}>
                  {words(type)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Starts">{(id) => <input id={id} name="start_date" type="date" required defaultValue={contract?.start_date} />}</Field>
        <Field label="Renewal">
          {(id) => (
            <select id={id} name="renewal" value={renewal} onChange={(event) => setRenewal(event.target.value as Renewal)}>
              {RENEWALS.map((kind) => (
                <option key={kind} value={kind}>
                  {RENEWAL_LABELS[kind]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {renewal !== "EVERGREEN" && (
          <>
            <Field label="Ends">{(id) => <input id={id} name="end_date" type="date" required defaultValue={contract?.end_date} />}</Field>
            <Field
              label={renewal === "AUTO" ? "Renewal term (months)" : "Renewal term (months, optional)"}
              hint={renewal === "AUTO" ? "Each renewal runs this long." : "How long a renewal by hand runs, unless chosen then."}
            >
              {(id, hint) => (
                <input
                  id={id}
                  name="renewal_term_months"
                  type="number"
                  min={FIELDS.renewal_term_months.minimum}
                  max={FIELDS.renewal_term_months.maximum}
                  step={1}
                  required={renewal === "AUTO"}
                  aria-describedby={hint}
                  defaultValue={contract?.renewal_term_months ?? (renewal === "AUTO" ? 12 : undefined)}
                />
              )}
            </Field>
          </>
        )}
        <Field label="Value">
          {(id) => (
            <input
              id={id}
              name="value"
              type="number"
              min={FIELDS.value.minimum}
              max={FIELDS.value.maximum}
              step={FIELDS.value.multipleOf}
              required
              defaultValue={contract?.value}
            />
          )}
        </Field>
        <Field label="Currency (ISO 4217)">
          {(id) => <input id={id} name="currency" required pattern="[A-Za-z]{3}" maxLength={3} defaultValue={contract?.currency ?? "EUR"} />}
        </Field>
        <Field label="Notice period (days)">
          {(id) => (
            <input
              id={id}
              name="notice_period_days"
              type="number"
              min={FIELDS.notice_period_days.minimum}
              max={FIELDS.notice_period_days.maximum}
              step={1}
              required
              defaultValue={contract?.notice_period_days ?? 30}
            />
          )}
        </Field>
        <div className="actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {contract ? "Save changes" : "Create contract"}
          </button>
          <button type="button" onClick={() => navigate(-1)}>
            Cancel
          </button>
        </div>
        {contract && isConflict(save.error) ? (
          <Conflict kind="contract" id={contract.contract_id} onReload={() => reload?.()} />
        ) : (
          <ErrorMessage error={save.error} />
        )}
      </form>
    </>
  );
}

interface Terms {
  client_id: string;
  title: string;
  contract_type: ContractType;
  start_date: string;
  end_date?: string;
  value: number;
  currency: string;
  notice_period_days: number;
  renewal: Renewal;
  renewal_term_months?: number;
}
