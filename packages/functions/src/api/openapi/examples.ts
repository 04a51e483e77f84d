/**
 * Examples for the document, recorded from a real run of the API (see
 * `examples.json` and the test that records it): one request body and one
 * success reply per operation, and the detail of each problem code.
 */
import recorded from "./examples.json";

export interface Examples {
  requestId: string;
  requests: Record<string, unknown>;
  replies: Record<string, { status: number; body: unknown }>;
  problems: Record<string, string>;
}

export const EXAMPLES: Examples = recorded;
