/**
 * `@testex/client`: the TESTEX API, typed from its OpenAPI document. Every
 * path, parameter, body and reply comes from `openapi.ts` (generated), so a
 * renamed field breaks the consumer's build, not its user.
 */
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { components, paths } from "./openapi";

export type { paths, components, operations } from "./openapi";
export { rules } from "./rules";
export type Schemas = components["schemas"];

export interface TestexClientOptions {
  /** Where the API is served, e.g. `https://api.example.com` (no trailing `/api`). */
  baseUrl: string;
  /** The bearer token for each request; called per request, so a refreshed token is used at once. */
  getToken?: () => string | undefined | null | Promise<string | undefined | null>;
  /** A fetch of your own (tests, instrumentation); the global one otherwise. */
  fetch?: (request: Request) => Promise<Response>;
}

/**
 * Replies as JSON (`application/json`, `application/problem+json`): the CSV and
 * XLSX downloads some lists also give are fetched by URL (`format=csv`), not parsed here.
 */
export type JsonMedia = `${string}/${string}json`;
export type TestexClient = Client<paths, JsonMedia>;

/** The typed client: `client.GET("/api/contracts/{id}", { params: { path: { id } } })` → `{ data, error, response }`. */
export function createTestexClient({ baseUrl, getToken, fetch }: TestexClientOptions): TestexClient {
  const client = createClient<paths, JsonMedia>({ baseUrl, ...(fetch ? { fetch } : {}) });
  if (getToken) {
    const bearer: Middleware = {
      async onRequest({ request }) {
        const token = await getToken();
        if (token) request.headers.set("Authorization", `Bearer ${token}`);
        return request;
      },
    };
    client.use(bearer);
  }
  return client;
}

/** The `If-Match` header naming the version you last read: updates and deletes refuse a stale one with 409. */
export const ifMatch = (version: number | { version: number }) => ({
  "If-Match": `"${typeof version === "number" ? version : version.version}"`,
});

/** The version an `ETag` reply header names (`"3"` → 3), or undefined when the reply has none. */
export function versionOf(response: Response): number | undefined {
  const match = /^(?:W\/)?"(\d+)"$/.exec(response.headers.get("etag") ?? "");
  return match ? Number(match[1]) : undefined;
}

/**
 * The `Idempotency-Key` header for a POST. Keep the key and send it again when
 * you retry the same request: the API answers the first reply again
 * (`Idempotent-Replayed: true`) instead of doing the work twice.
 */
export const idempotencyKey = (key: string = crypto.randomUUID()) => ({ "Idempotency-Key": key });

export type Problem = Schemas["Problem"];
export type ProblemCode = Problem["code"];

/** An error reply of the API (RFC 9457 problem details), typed by its stable `code`. */
export class ProblemError extends Error {
  readonly status: number;
  readonly code: ProblemCode;
  readonly problem: Problem;
  readonly response: Response;

  constructor(problem: Problem, response: Response) {
    super(`${problem.status} ${problem.code}: ${problem.detail}`);
    this.name = "ProblemError";
    this.status = problem.status;
    this.code = problem.code;
    this.problem = problem;
    this.response = response;
  }

  /** Narrows on the code, e.g. `if (error instanceof ProblemError && error.is("version.conflict"))`. */
  is<C extends ProblemCode>(code: C): this is ProblemError & { code: C } {
    return this.code === code;
  }
}

const isProblem = (body: unknown): body is Problem =>
  typeof body === "object" && body !== null && typeof (body as Problem).code === "string" && typeof (body as Problem).status === "number";

/** What every openapi-fetch call resolves to. */
export type Result<T> = { data: T; error?: never; response: Response } | { data?: never; error: unknown; response: Response };

/**
 * The data of a successful reply; throws a `ProblemError` for an error reply
 * (or a plain Error when something in between answered without a problem
 * document, e.g. a proxy's 502).
 */
export async function unwrap<R extends Result<unknown>>(call: R | Promise<R>): Promise<Exclude<R["data"], undefined>> {
  const { data, error, response } = await call;
  if (response.ok) return data as Exclude<R["data"], undefined>;
  if (isProblem(error)) throw new ProblemError(error, response);
  throw new Error(`${response.status} ${response.statusText} from ${response.url}`);
}

export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
}

/**
 * Every page of a list, following `next_cursor` until the last one:
 * `for await (const page of pages((cursor) => client.GET("/api/contracts", { params: { query: { cursor } } })))`.
 */
export async function* pages<R extends Result<Page<unknown>>>(fetchPage: (cursor: string | undefined) => Promise<R>): AsyncGenerator<Exclude<R["data"], undefined>> {
  let cursor: string | undefined;
  do {
    const page = await unwrap(fetchPage(cursor));
    yield page;
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
}

type ItemOf<R extends Result<Page<unknown>>> = Exclude<R["data"], undefined>["items"][number];

/** Every item of a list, page after page. */
export async function* items<R extends Result<Page<unknown>>>(fetchPage: (cursor: string | undefined) => Promise<R>): AsyncGenerator<ItemOf<R>> {
  for await (const page of pages(fetchPage)) {
    for (const item of page.items) yield item as ItemOf<R>;
  }
}
