import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { api, unwrap } from "../api";
import { useCan } from "../me";
import { ClientName, useClientChoices } from "../parts/clients";
import { day, money, words } from "../parts/format";
import { Pager, usePaging } from "../parts/paging";
import { ErrorMessage, Loading } from "../parts/status";

const STATUSES = ["ACTIVE", "SUSPENDED", "PENDING_TERMINATION", "TERMINATED"] as const;
type Status = (typeof STATUSES)[number];
const PAGE = 20;

/** Contracts: filtered by status, client and end-date window, paged; or found by words of the title or client name. */
export default function Contracts() {
  const [params, setParams] = useSearchParams();
  const filters = {
    q: params.get("q") ?? "",
    status: (params.get("status") ?? "") as Status | "",
    client_id: params.get("client_id") ?? "",
    ending_after: params.get("ending_after") ?? "",
    ending_before: params.get("ending_before") ?? "",
  };
  const paging = usePaging(params.toString());
  const canWrite = useCan("write");

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const [key, value] of form) if (typeof value === "string" && value.trim()) next.set(key, value.trim());
    setParams(next);
  };

  return (
    <>
      <div className="title-row">
        <h1>Contracts</h1>
        {canWrite && (
          <Link className="button primary" to="/contracts/new">
            New contract
          </Link>
        )}
      </div>
      <form role="search" aria-label="Contracts" className="filters" onSubmit={apply}>
        <Field label="Search title or client" name="q" type="search" defaultValue={filters.q} />
        <StatusFilter value={filters.status} />
        <ClientFilter value={filters.client_id} />
        <Field label="Ending on or after" name="ending_after" type="date" defaultValue={filters.ending_after} />
        <Field label="Ending on or before" name="ending_before" type="date" defaultValue={filters.ending_before} />
        <div className="actions">
          <button type="submit" className="primary">
            Apply
          </button>
          <button type="button" onClick={() => setParams(new URLSearchParams())}>
            Clear
          </button>
        </div>
      </form>
      {filters.q ? <SearchResults {...filters} /> : <ContractPages filters={filters} paging={paging} />}
    </>
  );
}

function Field({ label, ...input }: { label: string; name: string; type: string; defaultValue: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} {...input} />
    </div>
  );
}

function StatusFilter({ value }: { value: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Status</label>
      <select id={id} name="status" defaultValue={value}>
        <option value="">Any</option>
        {STATUSES.map((status) => (
          <option key={status} value={status}>
            {words(status)}
          </option>
        ))}
      </select>
    </div>
  );
}

function ClientFilter({ value }: { value: string }) {
  const id = useId();
  const clients = useClientChoices();
  return (
    <div className="field">
      <label htmlFor={id}>Client</label>
      <select id={id} name="client_id" defaultValue={value} key={clients.data ? "loaded" : "loading"}>
        <option value="">Any</option>
        {clients.data?.items.map((client) => (
          <option key={client.client_id} value={client.client_id}>
            {client.name}
          </option>
        ))}
      </select>
    </div>
  );
}

type Filters = { q: string; status: Status | ""; client_id: string; ending_after: string; ending_before: string };

function ContractPages({ filters, paging }: { filters: Filters; paging: ReturnType<typeof usePaging> }) {
  const query = {
    limit: PAGE,
    ...(paging.cursor ? { cursor: paging.cursor } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.client_id ? { client_id: filters.client_id } : {}),
    ...(filters.ending_after ? { ending_after: filters.ending_after } : {}),
    ...(filters.ending_before ? { ending_before: filters.ending_before } : {}),
  };
  const list = useQuery({
    queryKey: ["contracts", query],
    queryFn: () => unwrap(api.GET("/api/contracts", { params: { query } })),
    placeholderData: keepPreviousData,
  });
  if (list.error) return <ErrorMessage error={list.error} />;
  if (!list.data) return <Loading what="contracts" />;
  return (
    <>
      <ContractTable rows={list.data.items.map((contract) => ({ contract }))} />
      <Pager paging={paging} nextCursor={list.data.next_cursor} label="Contracts" />
    </>
  );
}

function SearchResults(filters: Filters) {
  const found = useQuery({
    queryKey: ["contracts", "search", filters.q],
    queryFn: () => unwrap(api.GET("/api/contracts/search", { params: { query: { q: filters.q, limit: 100 } } })),
  });
  if (found.error) return <ErrorMessage error={found.error} />;
  if (!found.data) return <Loading what="matching contracts" />;
  // The search answers by words; the other filters narrow its matches here.
  const rows = found.data.items.filter(
    (match) =>
      (!filters.status || match.status === filters.status) &&
      (!filters.client_id || match.client_id === filters.client_id) &&
      (!filters.ending_after || (match.end_date ?? OPEN_END) >= filters.ending_after) &&
      (!filters.ending_before || (match.end_date !== undefined && match.end_date <= filters.ending_before)),
  );
  return (
    <>
      <p role="status">
        {rows.length} contract{rows.length === 1 ? "" : "s"} found{found.data.truncated ? "; more matched, so add a word to narrow the search" : ""}.
      </p>
      <ContractTable rows={rows.map(({ client_name, ...contract }) => ({ contract, clientName: client_name }))} />
    </>
  );
}

/** An EVERGREEN contract has no end date: it ends after any date a filter names. */
const OPEN_END = "9999-12-31";

interface Row {
  contract: { contract_id: string; client_id: string; title: string; status: string; end_date?: string; value: number | string; currency: string };
  clientName?: string;
}

function ContractTable({ rows }: { rows: Row[] }) {
  if (rows.length === 0) return <p>No contracts match.</p>;
  return (
    <table>
      <caption className="visually-hidden">Contracts</caption>
      <thead>
        <tr>
          <th scope="col">Title</th>
          <th scope="col">Client</th>
          <th scope="col">Status</th>
          <th scope="col">Ends</th>
          <th scope="col" className="number">
            Value
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ contract, clientName }) => (
          <tr key={contract.contract_id}>
            <td>
              <Link to={`/contracts/${contract.contract_id}`}>{contract.title}</Link>
            </td>
            <td>{clientName ?? <ClientName id={contract.client_id} />}</td>
            <td>{words(contract.status)}</td>
            <td>{day(contract.end_date)}</td>
            <td className="number">{money(contract.value, contract.currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
