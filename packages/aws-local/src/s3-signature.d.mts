// Types of s3-signature.mjs (plain JavaScript, so the S3 stand-in starts with bare node), for its TypeScript callers.
export class Refusal extends Error {
  constructor(status: number, code: string, message: string);
  status: number;
  code: string;
}
export interface SignedRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string | string[] | undefined>;
  body?: string | Uint8Array;
}
export function parseQuery(search: string): Record<string, string | string[]>;
export function signatureKind(headers: SignedRequest["headers"], query: SignedRequest["query"]): "header" | "query" | null;
export function verifySignature(request: SignedRequest, secrets: Record<string, string>, now?: Date): Promise<{ payloadHash: string }>;
