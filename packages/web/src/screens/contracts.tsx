import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { rules } from "@testex/client";
import type { FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { api } from "../api";
import { useCan } from "../me";
import { ClientName, useClientChoices } from "../parts/clients";
import { Field } from "../parts/field";
import { addDays, day, money, today, words } from "../parts/format";
import { Deadline } from "../parts/deadline";
import { ExportButtons } from "../parts/export";
import { Pager, usePaging } from "../parts/paging";
import { ErrorMessage, Loading } from "../parts/status";
import { contracts, type ContractListQuery } from "../queries";

/** Every status the API document names: a new one appears here by itself. */
const STATUSES = rules.Contract.status.enum;
type Status = (typeof STATUSES)[number];
const PAGE = 20;
/** With no filter, the list is every running contract's deadline: the next hundred years are all of them. */
const ANY_DEADLINE_YEARS = 100;

/**
 * Contracts: by default the running ones, the soonest notice deadline first
 * (what is due); filtered by deadline, status, client and end-date window,
 * paged; or found by words of the title or client name.
 */
export default function Contracts() {
  const [params, setParams] = useSearchParams();
  const filters = {
    q: params.get("q") ?? "",
    status: (params.get("status") ?? "") as Status | "",
    client_id: params.get("client_id") ?? "",
    ending_after: params.get("ending_after") ?? "",
    ending_before: params.get("ending_before") ?? "",
    deadline_before: params.get("deadline_before") ?? "",
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
          <div className="actions">
            <Link className="button" to="/contracts/import">
              Import contracts
            </Link>
            <Link className="button primary" to="/contracts/new">
              New contract
            </Link>
          </div>
        )}
      </div>
      <form role="search" aria-label="Contracts" className="filters" onSubmit={apply}>
        <Input label="Search title or client" name="q" type="search" defaultValue={filters.q} />
        <Input label="Notice deadline on or before" name="deadline_before" type="date" defaultValue={filters.deadline_before} />
        <StatusFilter value={filters.status} />
        <ClientFilter value={filters.client_id} />
        <Input label="Ending on or after" name="ending_after" type="date" defaultValue={filters.ending_after} />
        <Input label="Ending on or before" name="ending_before" type="date" defaultValue={filters.ending_before} />
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

function Input({ label, ...input }: { label: string; name: string; type: string; defaultValue: string }) {
  return <Field label={label}>{(id) => <input id={id} {...input} />}</Field>;
}

function StatusFilter({ value }: { value: string }) {
  return (
    <Field label="Status">
      {(id) => (
        <select id={id} name="status" defaultValue={value}>
          <option value="">Any</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {words(status)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function ClientFilter({ value }: { value: string }) {
  const clients = useClientChoices();
  return (
    <Field label="Client">
      {(id) => (
        <select id={id} name="client_id" defaultValue={value} key={clients.data ? "loaded" : "loading"}>
          <option value="">Any</option>
          {clients.data?.items.map((client) => (
            <option key={client.client_id} value={client.client_id}>
              {client.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

type Filters = { q: string; status: Status | ""; client_id: string; ending_after: string; ending_before: string; deadline_before: string };

/** The export of exactly what the filters show: the list's query, every row instead of a page. */
export function exportQuery(filters: Omit<Filters, "q">): ContractListQuery {
  const { limit: _limit, cursor: _cursor, ...query } = listQuery(filters);
  return query;
}

/**
 * The API's query for the filters. The notice-deadline index holds running
 * contracts only, soonest first; it serves the default list and the deadline
 * filter (with a status of ACTIVE or SUSPENDED at most). Other filters read
 * the end-date indexes.
 */
export function listQuery(filters: Omit<Filters, "q">, cursor?: string): ContractListQuery {
  const page = { limit: PAGE, ...(cursor ? { cursor } : {}) };
  const byEnd = filters.client_id || filters.ending_after || filters.ending_before;
  const running = !filters.status || filters.status === "ACTIVE" || filters.status === "SUSPENDED";
  if (!byEnd && running && (filters.deadline_before || !filters.status)) {
    return {
      ...page,
      notice_deadline_before: filters.deadline_before || addDays(today(), ANY_DEADLINE_YEARS * 365),
      ...(filters.status ? { status: filters.status } : {}),
    };
  }
  return {
    ...page,
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.client_id ? { client_id: filters.client_id } : {}),
    ...(filters.ending_after ? { ending_after: filters.ending_after } : {}),
    ...(filters.ending_before ? { ending_before: filters.ending_before } : {}),
  };
}

function ContractPages({ filters, paging }: { filters: Filters; paging: ReturnType<typeof usePaging> }) {
  const query = listQuery(filters, paging.cursor);
  const list = useQuery({ ...contracts.list(query), placeholderData: keepPreviousData });
  if (list.error) return <ErrorMessage error={list.error} />;
  if (!list.data) return <Loading what="contracts" />;
  return (
    <>
      {query.notice_deadline_before && !filters.deadline_before && (
        <p className="note">Running contracts, the soonest notice deadline first. Choose a status to see open-ended and ended ones.</p>
      )}
      {filters.deadline_before && query.notice_deadline_before === undefined && (
        <p className="note">The notice deadline filter applies to running contracts alone, without a client or end-date filter.</p>
      )}
      <ContractTable rows={list.data.items.map((contract) => ({ contract }))} />
      <Pager paging={paging} nextCursor={list.data.next_cursor} label="Contracts" />
      {list.data.items.length > 0 && (
        <ExportButtons
          list="contracts"
          label="Export these contracts"
          read={(format) => api.GET("/api/contracts", { params: { query: { ...exportQuery(filters), format } }, parseAs: "blob" })}
        />
      )}
    </>
  );
}

function SearchResults(filters: Filters) {
  const found = useQuery(contracts.search(filters.q));
  if (found.error) return <ErrorMessage error={found.error} />;
  if (!found.data) return <Loading what="matching contracts" />;
  // The search answers by words; the other filters narrow its matches here.
  const rows = found.data.items.filter(
    (match) =>
      (!filters.status || match.status === filters.status) &&
      (!filters.client_id || match.client_id === filters.client_id) &&
      // No end date (EVERGREEN): it ends after any date a filter names, and has no notice deadline.
      (!filters.ending_after || match.end_date === undefined || match.end_date >= filters.ending_after) &&
      (!filters.ending_before || (match.end_date !== undefined && match.end_date <= filters.ending_before)) &&
      (!filters.deadline_before || (match.notice_deadline !== undefined && match.notice_deadline <= filters.deadline_before)),
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

interface Row {
  contract: {
    contract_id: string;
    client_id: string;
    title: string;
    status: string;
    end_date?: string;
    notice_deadline?: string;
    value: number | string;
    currency: string;
  };
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
          <th scope="col">Notice deadline</th>
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
            <td>
              <Deadline contract={contract} />
            </td>
            <td>{day(contract.end_date)}</td>
            <td className="number">{money(contract.value, contract.currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
