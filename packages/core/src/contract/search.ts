import { db } from "../db/service";
import * as Search from "../search";
import { parse } from "../validation";
import { SearchQuery, type Contract, type SearchResult } from "./index";

/** Candidates read per query word; past that, the reply says more matched. */
const CANDIDATES = 200;
const CLIENTS = 20;

/**
 * Contracts whose title or client's name has words starting with every word
 * of `q` ("acm sup" finds "Support" for "ACME Ltd"), ordered by end date.
 * Served by Queries on the word index and the client index: the longest word
 * of the query selects the candidates, the others narrow them.
 */
export async function search(raw: SearchQuery): Promise<SearchResult> {
  const query = parse(SearchQuery, raw);
  const terms = Search.words(query.q);
  const lead = terms.reduce((a, b) => (b.length > a.length ? b : a));

  const [byTitle, byName] = await Promise.all([
    Search.idsByPrefix("contract", lead, CANDIDATES),
    Search.idsByPrefix("client", lead, CLIENTS),
  ]);
  const ofClients = await Promise.all(
    byName.ids.map((client_id) => db.entities.contract.query.byClient({ client_id }).go({ limit: CANDIDATES })),
  );
  const found = new Map<string, Contract>();
  for (const { data } of ofClients) for (const contract of data) found.set(contract.contract_id, contract);
  const missing = byTitle.ids.filter((id) => !found.has(id));
  if (missing.length > 0) {
    const { data } = await db.entities.contract.get(missing.map((contract_id) => ({ contract_id }))).go();
    for (const contract of data) found.set(contract.contract_id, contract);
  }

  const clientIds = [...new Set([...found.values()].map((contract) => contract.client_id))];
  const names = new Map<string, string>();
  if (clientIds.length > 0) {
    const { data } = await db.entities.client.get(clientIds.map((client_id) => ({ client_id }))).go({ attributes: ["client_id", "name"] });
    for (const client of data) names.set(client.client_id, client.name);
  }

  const matches = [...found.values()]
    .map((contract) => ({ ...contract, client_name: names.get(contract.client_id) ?? "" }))
    .filter((match) => Search.matchesAll(terms, `${match.title} ${match.client_name}`))
    .sort((a, b) => a.end_date.localeCompare(b.end_date) || a.contract_id.localeCompare(b.contract_id));
  const capped = byTitle.more || byName.more || ofClients.some((page) => page.cursor !== null);
  return { items: matches.slice(0, query.limit), truncated: capped || matches.length > query.limit };
}
