// Checks an S3 request's Signature Version 4 the way S3 does: by computing it
// again, with the AWS SDK's own signer, from the request as it arrived, and
// comparing. Header-signed requests (the SDK's) and presigned URLs (the
// browser's uploads and downloads) both. Other services' JSON requests are
// checked the same way, their body hashed into the signature (`body`).
// Plain JavaScript: the S3 stand-in starts with bare node, without a TypeScript loader.
import { SignatureV4 } from "@smithy/signature-v4";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/** The SDK signer's hash interface over node:crypto. */
class Sha256 {
  constructor(secret) {
    this.hash = secret ? createHmac("sha256", secret) : createHash("sha256");
  }
  update(data) {
    this.hash.update(data);
  }
  async digest() {
    return new Uint8Array(this.hash.digest());
  }
}

/** How far a request's date may be from the clock, as S3 allows. */
const MAX_SKEW_MS = 15 * 60 * 1000;
const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
const PAYLOAD_HASH = "x-amz-content-sha256";

export class Refusal extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** `20261207T020000Z` → a Date. */
function amzDate(value) {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? "");
  if (!match) throw new Refusal(403, "AccessDenied", "The request's X-Amz-Date is missing or malformed.");
  const [, y, mo, d, h, mi, s] = match.map(Number);
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

/** `AKID/20261207/us-east-1/s3/aws4_request` → its parts. */
function credentialScope(value) {
  const [accessKeyId, date, region, service, terminator] = (value ?? "").split("/");
  if (!accessKeyId || !date || !region || !service || terminator !== "aws4_request") {
    throw new Refusal(403, "AuthorizationQueryParametersError", "The credential scope is malformed.");
  }
  return { accessKeyId, date, region, service };
}

/** The query as the signer takes it: decoded values, repeated keys as arrays. */
export function parseQuery(search) {
  const query = {};
  for (const pair of search.replace(/^\?/, "").split("&").filter(Boolean)) {
    const at = pair.indexOf("=");
    const key = decodeURIComponent(at === -1 ? pair : pair.slice(0, at));
    const value = at === -1 ? "" : decodeURIComponent(pair.slice(at + 1));
    query[key] = key in query ? [].concat(query[key], value) : value;
  }
  return query;
}

const sameSignature = (a, b) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * How a request is signed: `header` (Authorization), `query` (a presigned URL),
 * or null when it carries no signature at all.
 */
export function signatureKind(headers, query) {
  if (typeof headers.authorization === "string") return "header";
  if ("X-Amz-Signature" in query || "X-Amz-Algorithm" in query) return "query";
  return null;
}

/**
 * Throws a Refusal unless `request` ({ method, path, query, headers, body? }, path
 * still percent-encoded as sent, header names in lower case) carries a valid
 * signature by one of `secrets` (access key id → secret access key). With
 * `body` (a service other than S3, whose SDK signs the body's hash without
 * sending it as a header), the body is hashed as the signer hashed it.
 */
export async function verifySignature(request, secrets, now = new Date()) {
  const kind = signatureKind(request.headers, request.query);
  if (!kind) throw new Refusal(403, "AccessDenied", "Anonymous requests are not allowed: sign the request.");

  let scope, signedHeaders, signature, date;
  if (kind === "header") {
    const auth = /^AWS4-HMAC-SHA256 Credential=([^,]+),\s*SignedHeaders=([^,]+),\s*Signature=([0-9a-f]{64})$/.exec(request.headers.authorization.trim());
    if (!auth) throw new Refusal(400, "AuthorizationHeaderMalformed", "The Authorization header is not AWS Signature Version 4.");
    [scope, signedHeaders, signature] = [credentialScope(auth[1]), auth[2].split(";"), auth[3]];
    date = amzDate(request.headers["x-amz-date"]);
    if (Math.abs(now.getTime() - date.getTime()) > MAX_SKEW_MS) {
      throw new Refusal(403, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large.");
    }
    if (!request.headers[PAYLOAD_HASH] && request.body === undefined) throw new Refusal(400, "InvalidRequest", `Missing required header for this request: ${PAYLOAD_HASH}`);
  } else {
    if (request.query["X-Amz-Algorithm"] !== "AWS4-HMAC-SHA256") throw new Refusal(400, "AuthorizationQueryParametersError", "X-Amz-Algorithm must be AWS4-HMAC-SHA256.");
    [scope, signedHeaders, signature] = [credentialScope(request.query["X-Amz-Credential"]), String(request.query["X-Amz-SignedHeaders"] ?? "").split(";"), String(request.query["X-Amz-Signature"] ?? "")];
    date = amzDate(request.query["X-Amz-Date"]);
    const expires = Number(request.query["X-Amz-Expires"]);
    if (!Number.isInteger(expires) || expires < 1 || expires > 604_800) throw new Refusal(400, "AuthorizationQueryParametersError", "X-Amz-Expires must be between 1 and 604800 seconds.");
    if (now.getTime() > date.getTime() + expires * 1000) throw new Refusal(403, "AccessDenied", "Request has expired");
  }

  const secretAccessKey = secrets[scope.accessKeyId];
  if (secretAccessKey === undefined) throw new Refusal(403, "InvalidAccessKeyId", "The AWS access key Id you provided does not exist in our records.");
  if (!signedHeaders.includes("host")) throw new Refusal(403, "AccessDenied", "The host header must be signed.");

  // Exactly the headers the client says it signed, with the values that arrived.
  const headers = {};
  for (const name of signedHeaders) {
    const value = request.headers[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(",") : value;
  }
  const [hostname, port] = String(request.headers.host ?? "").split(":");
  const signer = new SignatureV4({ credentials: { accessKeyId: scope.accessKeyId, secretAccessKey }, region: scope.region, service: scope.service, sha256: Sha256, uriEscapePath: false });
  const signable = new Set(signedHeaders);
  const base = { method: request.method, protocol: "http:", hostname, port: port ? Number(port) : undefined, path: request.path };

  let expected;
  if (kind === "header") {
    const signed = await signer.sign({ ...base, query: request.query, headers, body: request.body }, { signingDate: date, signableHeaders: signable, signingRegion: scope.region, signingService: scope.service });
    expected = /Signature=([0-9a-f]{64})/.exec(signed.headers.authorization)?.[1] ?? "";
  } else {
    // A presigned request's payload is never signed; the signer reads that from this header, which is not itself part of the signature.
    const payload = signable.has(PAYLOAD_HASH) ? {} : { [PAYLOAD_HASH]: UNSIGNED_PAYLOAD };
    const { "X-Amz-Signature": _signature, ...query } = request.query;
    const presigned = await signer.presign(
      { ...base, query, headers: { ...headers, ...payload } },
      {
        signingDate: date,
        expiresIn: Number(request.query["X-Amz-Expires"]),
        signableHeaders: signable,
        unsignableHeaders: new Set(Object.keys(payload)),
        // Signed as headers, so they stay headers.
        unhoistableHeaders: new Set([...signedHeaders, PAYLOAD_HASH]),
        signingRegion: scope.region,
        signingService: scope.service,
      },
    );
    expected = String(presigned.query["X-Amz-Signature"] ?? "");
  }
  if (!sameSignature(expected, signature)) {
    throw new Refusal(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.");
  }
  return { payloadHash: kind === "header" ? request.headers[PAYLOAD_HASH] : UNSIGNED_PAYLOAD };
}
