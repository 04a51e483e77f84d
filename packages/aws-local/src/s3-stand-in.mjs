// The local S3: s3rver, run as a library so its S3 event records (which its CLI
// drops) reach the parent over IPC the way S3 notifications reach the File
// Handler in AWS, behind a front that enforces what s3rver does not and S3 does:
// Signature Version 4 (headers and presigned URLs), the payload hash and
// `x-amz-checksum-*` of a body, and `If-None-Match: *` on writes. s3rver itself
// listens on a port of its own on 127.0.0.1 that nothing else is told about.
// Plain JavaScript: it starts with bare node, without a TypeScript loader.
import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { copyFile, mkdir, rename, rm } from "node:fs/promises";
import { createServer, request as forward } from "node:http";
import { dirname } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { crc32 } from "node:zlib";
import S3rver from "s3rver";
import FilesystemStore from "s3rver/lib/stores/filesystem.js";
import { parseQuery, Refusal, verifySignature } from "./s3-signature.mjs";

// S3 reads its own writes; s3rver 3.7.1 does not: it answers a PUT once its checksum stream
// ends, before the file is on disk, so a GET right after (a loaded machine makes it likely)
// reads an empty or partial object. Each object is written aside and renamed into place once
// complete: a reader sees the old object or the new one, never half of one. The draft's name
// does not end like an object's, so listings skip it.
FilesystemStore.prototype.putObject = async function putObject(object) {
  const objectPath = this.getResourcePath(object.bucket, object.key, "object");
  await mkdir(dirname(objectPath), { recursive: true });
  const draft = `${objectPath}.${randomUUID()}.draft`;
  const md5 = createHash("md5");
  let size = 0;
  const measure = new Transform({
    transform(chunk, _encoding, done) {
      md5.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  const content = Buffer.isBuffer(object.content) ? Readable.from([object.content]) : object.content;
  try {
    await pipeline(content, measure, createWriteStream(draft));
    await rename(draft, objectPath);
  } finally {
    await rm(draft, { force: true });
  }
  const digest = md5.digest("hex");
  await this.putMetadata(object.bucket, object.key, object.metadata, digest);
  return { size, md5: digest };
};

// S3's CopyObject leaves the target as it was when the copy fails. s3rver's does not: it copies
// the object, its metadata and its md5 one after the other, each by deleting the target's file
// first, so a copy whose source is deleted meanwhile leaves the target without its metadata,
// which s3rver then answers as missing. Two concurrent deletes of a document did exactly that to
// its archived copy. Here all three are copied aside first and renamed into place only once every
// copy succeeded.
FilesystemStore.prototype.copyObject = async function copyObject(srcBucket, srcKey, destBucket, destKey, replacementMetadata) {
  const parts = replacementMetadata ? ["object", "object.md5"] : ["object", "metadata.json", "object.md5"];
  const from = parts.map((part) => this.getResourcePath(srcBucket, srcKey, part));
  const to = parts.map((part) => this.getResourcePath(destBucket, destKey, part));
  if (from[0] !== to[0]) {
    await mkdir(dirname(to[0]), { recursive: true });
    const drafts = to.map((path) => `${path}.${randomUUID()}.draft`);
    try {
      await Promise.all(from.map((path, i) => copyFile(path, drafts[i])));
      for (const [i, draft] of drafts.entries()) await rename(draft, to[i]);
    } finally {
      await Promise.all(drafts.map((draft) => rm(draft, { force: true })));
    }
  }
  if (replacementMetadata) await this.putMetadata(destBucket, destKey, replacementMetadata);
  return this.getMetadata(destBucket, destKey);
};

/** Checksums a body may declare, as S3 computes them (base64 of the digest). */
const CHECKSUMS = {
  sha256: (body) => createHash("sha256").update(body).digest("base64"),
  sha1: (body) => createHash("sha1").update(body).digest("base64"),
  crc32: (body) => {
    const digest = Buffer.alloc(4);
    digest.writeUInt32BE(crc32(body));
    return digest.toString("base64");
  },
};

/** The body's declared payload hash, checksums and Content-MD5, each against the bytes that arrived. */
function checkBody(headers, body, payloadHash) {
  if (/^[0-9a-f]{64}$/.test(payloadHash) && createHash("sha256").update(body).digest("hex") !== payloadHash) {
    throw new Refusal(400, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.");
  }
  for (const [name, declared] of Object.entries(headers)) {
    const algorithm = /^x-amz-checksum-(.+)$/.exec(name)?.[1];
    if (!algorithm || algorithm === "type" || algorithm === "algorithm") continue;
    const compute = CHECKSUMS[algorithm];
    if (!compute) throw new Refusal(400, "InvalidRequest", `This local S3 checks ${Object.keys(CHECKSUMS).join(", ")} checksums only, not ${algorithm}.`);
    if (compute(body) !== declared) throw new Refusal(400, "BadDigest", `The ${algorithm.toUpperCase()} you specified did not match the calculated checksum.`);
  }
  const md5 = headers["content-md5"];
  if (md5 !== undefined && createHash("md5").update(body).digest("base64") !== md5) {
    throw new Refusal(400, "BadDigest", "The Content-MD5 you specified did not match what we received.");
  }
}

/** Writes to one key, one at a time: `If-None-Match: *` is decided and acted on with nothing in between. */
const writing = new Map();
async function oneWriterPerKey(key, write) {
  const before = writing.get(key) ?? Promise.resolve();
  let release;
  const mine = new Promise((resolve) => (release = resolve));
  const chain = before.then(() => mine);
  writing.set(key, chain);
  await before;
  try {
    return await write();
  } finally {
    release();
    if (writing.get(key) === chain) writing.delete(key);
  }
}

function collect(stream) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    stream.on("data", (chunk) => chunks.push(chunk));
    stream.once("end", () => resolve(Buffer.concat(chunks)));
    stream.once("error", reject);
  });
}

const xmlEscape = (text) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

function refuse(request, response, { status, code, message }) {
  const requestId = randomUUID().replace(/-/g, "").slice(0, 16).toUpperCase();
  const body =
    request.method === "HEAD"
      ? ""
      : `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message><Resource>${xmlEscape(request.url.split("?")[0])}</Resource><RequestId>${requestId}</RequestId></Error>`;
  response.writeHead(status, { "content-type": "application/xml", "x-amz-request-id": requestId, "content-length": Buffer.byteLength(body) });
  response.end(body);
}

const [directory, port, credentials] = process.argv.slice(2);
/** Access key id → secret: who may call this S3. */
const secrets = JSON.parse(credentials ?? '{"S3RVER":"S3RVER"}');

const backend = new S3rver({ directory, address: "127.0.0.1", port: 0, silent: true, vhostBuckets: false });
backend.on("event", (event) => process.send?.({ type: "s3-event", event }));
const { port: backendPort } = await backend.run();

function pass(request, body, response) {
  const headers = { ...request.headers };
  // The body is complete already: nothing to continue, nothing chunked.
  delete headers.expect;
  delete headers["transfer-encoding"];
  if (body) headers["content-length"] = String(body.length);
  return new Promise((resolve, reject) => {
    const outgoing = forward({ host: "127.0.0.1", port: backendPort, method: request.method, path: request.url, headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      pipeline(answer, response).then(resolve, reject);
    });
    outgoing.once("error", reject);
    outgoing.end(body);
  });
}

async function exists(path) {
  const answer = await fetch(`http://127.0.0.1:${backendPort}${path}`, { method: "HEAD" });
  return answer.status === 200;
}

async function handle(request, response) {
  // CORS preflights carry no credentials, in S3 too; s3rver answers them from the bucket's rules.
  if (request.method === "OPTIONS") return pass(request, undefined, response);
  const body = await collect(request);
  const [path, search = ""] = request.url.split(/\?(.*)/s);
  const { payloadHash } = await verifySignature({ method: request.method, path, query: parseQuery(search), headers: request.headers }, secrets);
  checkBody(request.headers, body, payloadHash);
  if (request.method !== "PUT" && request.method !== "POST") return pass(request, body, response);
  return oneWriterPerKey(path, async () => {
    const condition = request.headers["if-none-match"];
    if (condition !== undefined && condition !== "*") throw new Refusal(501, "NotImplemented", "Only If-None-Match: * is supported on writes.");
    if (condition === "*" && (await exists(path))) throw new Refusal(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
    return pass(request, body, response);
  });
}

const front = createServer((request, response) => {
  handle(request, response).catch((error) => {
    if (response.headersSent) return response.destroy(error);
    if (error instanceof Refusal) return refuse(request, response, error);
    refuse(request, response, { status: 500, code: "InternalError", message: String(error?.message ?? error) });
  });
});
await new Promise((resolve, reject) => {
  front.once("error", reject);
  front.listen(Number(port), "127.0.0.1", resolve);
});
// What the parent waits for (listeningLine in process.ts): this process, not whatever else answers on the port, is serving.
console.log(`listening on http://127.0.0.1:${port}`);
// Without its parent nobody needs it.
process.on("disconnect", () => process.exit(0));
