/**
 * 2. DynamoDB cost per route: the commands one API request sends, counted
 * by a middleware on the shared client while requests run one at a time,
 * and the capacity units DynamoDB Local reports for them (table and global
 * indexes apart), which is what the index projections change.
 */
import { countCommands } from "@testex/core/db/command-count";
import { dynamo } from "@testex/core/db/dynamo";
import { describeCapacity, measureCapacity } from "./lib/capacity";
import { clientInput, contractInput, isMissingRoute, today, type As, type Reply, type Request } from "./lib/http";
import { notMeasured, type Row } from "./lib/report";

const CAPACITY = "2 DynamoDB capacity units";

type Kind = "read" | "list" | "change";

const TARGETS: Record<Kind, string> = {
  read: "1 Get/Query",
  list: "1 Query",
  change: "1 TransactWrite (+1 Get for the before-image)",
};

const READS = new Set(["GetItem", "Query"]);

function meets(kind: Kind, counts: Record<string, number>): boolean {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (kind === "read") return total === 1 && [...READS].some((op) => counts[op] === 1);
  if (kind === "list") return total === 1 && counts.Query === 1;
  const others = total - (counts.TransactWriteItems ?? 0) - (counts.GetItem ?? 0);
  return counts.TransactWriteItems === 1 && (counts.GetItem ?? 0) <= 1 && others === 0;
}

const describe = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([op, n]) => `${op} ${n}`)
    .join(" + ") || "none";

interface Probe {
  route: string;
  kind: Kind;
  run: () => Promise<Reply>;
  /** Statuses that mean the route did its job. */
  ok: number[];
  /** Measured for capacity only: its command count has no target. */
  capacityOnly?: true;
}

export async function measureDynamoCost(request: Request): Promise<{ rows: Row[]; scans: number; details: Record<string, unknown> }> {
  const section = "2 DynamoDB cost";
  const client = (await request("POST", "/api/clients", { body: clientInput() })).body;
  const spare = (await request("POST", "/api/clients", { body: clientInput() })).body;
  const contract = (await request("POST", "/api/contracts", { body: contractInput(client.client_id) })).body;
  const doomed = (await request("POST", "/api/contracts", { body: contractInput(client.client_id) })).body;
  const toEnd = (await request("POST", "/api/contracts", { body: contractInput(client.client_id) })).body;
  // Worth more than any approval threshold, so its termination waits for an approver.
  const toApprove = (await request("POST", "/api/contracts", { body: contractInput(client.client_id, 9_000_000) })).body;
  const id = contract.contract_id;
  const as = (role: As) => ({ as: role });

  const probes: Probe[] = [
    { route: "GET /api/contracts/{id}", kind: "read", ok: [200], run: () => request("GET", `/api/contracts/${id}`, as("viewer")) },
    { route: "GET /api/contracts (page)", kind: "list", ok: [200], run: () => request("GET", "/api/contracts?limit=50", as("viewer")) },
    { route: "GET /api/contracts?status=", kind: "list", ok: [200], run: () => request("GET", "/api/contracts?status=ACTIVE&limit=50", as("viewer")) },
    { route: "GET /api/contracts?client_id=", kind: "list", ok: [200], run: () => request("GET", `/api/contracts?client_id=${client.client_id}`, as("viewer")) },
    { route: "GET /api/contracts/{id}/audit", kind: "list", ok: [200], run: () => request("GET", `/api/contracts/${id}/audit`, as("viewer")) },
    { route: "GET /api/clients/{id}", kind: "read", ok: [200], run: () => request("GET", `/api/clients/${client.client_id}`, as("viewer")) },
    { route: "GET /api/clients (page)", kind: "list", ok: [200], run: () => request("GET", "/api/clients?limit=50", as("viewer")) },
    { route: "GET /api/clients?email=", kind: "read", ok: [200], run: () => request("GET", `/api/clients?email=${encodeURIComponent(client.email)}`, as("viewer")) },
    { route: "GET /api/contracts?notice_deadline_before=", kind: "list", ok: [200], capacityOnly: true, run: () => request("GET", `/api/contracts?notice_deadline_before=2099-12-31&limit=50`, as("viewer")) },
    { route: "GET /api/contracts/search?q=", kind: "list", ok: [200], capacityOnly: true, run: () => request("GET", "/api/contracts/search?q=bench&limit=20", as("viewer")) },
    { route: "GET /api/audit?actor=", kind: "list", ok: [200], run: () => request("GET", "/api/audit?actor=bench-editor", as("viewer")) },
    { route: "POST /api/clients", kind: "change", ok: [201], run: () => request("POST", "/api/clients", { body: clientInput() }) },
    { route: "PUT /api/clients/{id}", kind: "change", ok: [200], run: () => request("PUT", `/api/clients/${client.client_id}`, { body: { name: "Renamed Ltd" }, headers: { "if-match": '"1"' } }) },
    { route: "DELETE /api/clients/{id}", kind: "change", ok: [204], run: () => request("DELETE", `/api/clients/${spare.client_id}`, { as: "admin", headers: { "if-match": '"1"' } }) },
    { route: "POST /api/contracts", kind: "change", ok: [201], run: () => request("POST", "/api/contracts", { body: contractInput(client.client_id) }) },
    { route: "PUT /api/contracts/{id}", kind: "change", ok: [200], run: () => request("PUT", `/api/contracts/${id}`, { body: { title: "Renamed" }, headers: { "if-match": '"1"' } }) },
    { route: "DELETE /api/contracts/{id}", kind: "change", ok: [204], run: () => request("DELETE", `/api/contracts/${doomed.contract_id}`, { as: "admin", headers: { "if-match": '"1"' } }) },
    {
      route: "POST /api/contracts/{id}/termination",
      kind: "change",
      ok: [200, 201, 202],
      run: () => request("POST", `/api/contracts/${toEnd.contract_id}/termination`, { body: { reason: "MUTUAL_AGREEMENT", effective_date: today() } }),
    },
    {
      route: "POST /api/contracts/{id}/termination/approve",
      kind: "change",
      ok: [200, 201, 202],
      run: async () => {
        const asked = await request("POST", `/api/contracts/${toApprove.contract_id}/termination`, { body: { reason: "MUTUAL_AGREEMENT", effective_date: today() } });
        if (isMissingRoute(asked)) return asked;
        count.reset();
        capacity.reset();
        return request("POST", `/api/contracts/${toApprove.contract_id}/termination/approve`, { as: "approver", body: {} });
      },
    },
    {
      // What a calendar polls every few hours per person: the secret's record and Queries of that person's own keys.
      route: "GET /calendar/{secret}.ics",
      kind: "read",
      ok: [200],
      capacityOnly: true,
      run: async () => {
        const feed = await request("POST", "/api/me/calendar");
        if (isMissingRoute(feed)) return feed;
        count.reset();
        capacity.reset();
        return request("GET", new URL(feed.body.url).pathname);
      },
    },
    { route: "GET /api/terminations?status=", kind: "list", ok: [200], capacityOnly: true, run: () => request("GET", "/api/terminations?status=PENDING_APPROVAL&limit=50", as("viewer")) },
    { route: "GET /api/terminations (page)", kind: "list", ok: [200], capacityOnly: true, run: () => request("GET", "/api/terminations?limit=50", as("viewer")) },
    {
      route: "GET /api/reports/terminations",
      kind: "list",
      ok: [200],
      capacityOnly: true,
      run: () => request("GET", `/api/reports/terminations?from=${today().slice(0, 4)}-01-01&to=${today().slice(0, 4)}-12-31`, as("viewer")),
    },
  ];

  const count = countCommands();
  const capacity = measureCapacity(dynamo);
  const rows: Row[] = [];
  const capacityRows: Row[] = [];
  const details: Record<string, unknown> = {};
  let scans = 0;
  try {
    for (const probe of probes) {
      count.reset();
      capacity.reset();
      const reply = await probe.run();
      const counts = { ...count.counts };
      const units = { ...capacity.total };
      scans += counts.Scan ?? 0;
      details[probe.route] = { status: reply.status, counts, capacity: units };
      if (probe.ok.includes(reply.status)) capacityRows.push({ section: CAPACITY, item: probe.route, figure: describeCapacity(units), target: "measured", pass: null });
      if (probe.capacityOnly) {
        if (!probe.ok.includes(reply.status)) capacityRows.push({ section: CAPACITY, item: probe.route, figure: `HTTP ${reply.status} ${reply.body?.code ?? ""}`, target: "measured", pass: false, note: "the request itself failed" });
      } else if (isMissingRoute(reply)) {
        rows.push(notMeasured(section, probe.route, TARGETS[probe.kind], "route not in this build"));
      } else if (!probe.ok.includes(reply.status)) {
        rows.push({ section, item: probe.route, figure: `HTTP ${reply.status} ${reply.body?.code ?? ""}`, target: TARGETS[probe.kind], pass: false, note: "the request itself failed" });
      } else {
        rows.push({ section, item: probe.route, figure: describe(counts), target: TARGETS[probe.kind], pass: meets(probe.kind, counts) });
      }
    }
  } finally {
    count.stop();
    capacity.stop();
  }
  return { rows: [...rows, ...capacityRows], scans, details };
}
