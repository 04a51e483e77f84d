import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { Resource } from "sst";
import { describe, expect, it, vi } from "vitest";
import { File } from "@testex/core";
import { db } from "@testex/core/entities";
import { elf, exe, office, pdf, pdfOfSize, sha256, text } from "#test/samples";
import { as, uniqueEmail } from "#test/fixtures";
import { call, type Caller } from "#test/api";
import { handler } from "../src/file-handler";

const s3 = new S3Client({ forcePathStyle: true });
const PDF = "application/pdf";

async function newContract(): Promise<string> {
  const client = await call("POST", "/api/clients", { as: "editor", body: { name: "Acme", email: uniqueEmail() } });
  const contract = await call("POST", "/api/contracts", {
    as: "editor",
    body: { client_id: client.body.client_id, title: "Supply", contract_type: "SUPPLY", start_date: "2026-01-01", end_date: "2027-12-31", value: 1000 },
  });
  expect(contract.status).toBe(201);
  return contract.body.contract_id;
}

async function setContractStatus(contractId: string, status: "PENDING_TERMINATION" | "TERMINATED") {
  const { data } = await db.entities.contract.get({ contract_id: contractId }).go();
  await db.entities.contract.put({ ...data!, status }).go();
}

const filesOf = (contractId: string) => `/api/contracts/${contractId}/files`;

function grant(contractId: string, bytes: Buffer, declared: Record<string, unknown> = {}, as: Caller = "editor") {
  return call("POST", filesOf(contractId), {
    as,
    body: { filename: "contract.pdf", content_type: PDF, size: bytes.length, sha256: sha256(bytes), ...declared },
  });
}

/** Runs `fn` with the clock ten minutes back (longer than any link or grant lives). */
async function tenMinutesAgo<T>(fn: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() - 10 * 60_000 });
  try {
    return await fn();
  } finally {
    vi.useRealTimers();
  }
}

const grantedTenMinutesAgo = (contractId: string, bytes: Buffer) => tenMinutesAgo(() => grant(contractId, bytes));

/** Sends the bytes the way a client does with the granted request: plain fetch, the signed headers as given. */
const send = (upload: File.SignedRequest, bytes: Buffer) => fetch(upload.url, { method: upload.method, headers: upload.headers, body: bytes });

/** What S3 tells the File Handler when an object lands in the files bucket. */
const landed = (key: string, bucket = Resource.Files.name) =>
  handler({ Records: [{ eventName: "ObjectCreated:Put", s3: { bucket: { name: bucket }, object: { key } } }] });

/** Grants, sends and lets the File Handler check one document; returns the file as the API then shows it. */
async function upload(contractId: string, bytes: Buffer, declared: Record<string, unknown> = {}) {
  const granted = await grant(contractId, bytes, declared);
  expect(granted.status).toBe(201);
  expect((await send(granted.body.upload, bytes)).status).toBe(200);
  await landed(File.objectKey(contractId, granted.body.file.file_id));
  return File.get(contractId, granted.body.file.file_id);
}

async function objectIn(bucket: string, key: string): Promise<Buffer | null> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return Buffer.from(await object.Body!.transformToByteArray());
  } catch {
    return null;
  }
}

async function download(contractId: string, fileId: string, as: Caller = "viewer") {
  const link = await call("GET", `${filesOf(contractId)}/${fileId}`, { as });
  expect(link.status).toBe(200);
  const response = await fetch(link.body.download.url);
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe("uploading a document straight to S3", () => {
  it("round-trips a PDF byte for byte through the granted upload and the download link", async () => {
    const contractId = await newContract();
    const document = pdf("Signed agreement");
    const file = await upload(contractId, document, { filename: "Agreement – final.pdf" });
    expect(file.status).toBe("AVAILABLE");

    const { response, bytes } = await download(contractId, file.file_id);
    expect(response.status).toBe(200);
    expect(bytes.equals(document)).toBe(true);
    expect(response.headers.get("content-type")).toBe(PDF);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="Agreement _ final.pdf"; filename*=UTF-8''Agreement%20%E2%80%93%20final.pdf`);
  });

  it("binds the granted upload to this contract's generated key and signs type, exact size, checksum and If-None-Match", async () => {
    const contractId = await newContract();
    const document = pdf();
    const { body } = await grant(contractId, document, { filename: "../../contracts/CTOTHER0000/FIVICTIM0000.pdf" });
    const url = new URL(body.upload.url);

    expect(decodeURIComponent(url.pathname)).toBe(`/${Resource.Files.name}/contracts/${contractId}/${body.file.file_id}`);
    expect(url.searchParams.get("X-Amz-SignedHeaders")!.split(";")).toEqual(["content-length", "content-type", "host", "if-none-match", "x-amz-checksum-sha256"]);
    expect(Number(url.searchParams.get("X-Amz-Expires"))).toBeLessThanOrEqual(300);
    expect(body.upload.headers).toEqual({
      "content-type": PDF,
      "content-length": String(document.length),
      "x-amz-checksum-sha256": Buffer.from(sha256(document), "hex").toString("base64"),
      "if-none-match": "*",
    });
    expect(body.file).toMatchObject({ filename: "FIVICTIM0000.pdf", status: "PENDING", uploaded_by: "user-editor" });
  });

  it("refuses a key or path chosen by the client (the body has no such field)", async () => {
    const contractId = await newContract();
    const reply = await grant(contractId, pdf(), { key: "contracts/CTOTHER0000/FIVICTIM0000" });
    expect(reply.status).toBe(422);
  });

  it("deletes an object that lands at a key nobody was granted (e.g. another contract's)", async () => {
    const mine = await newContract();
    const theirs = await newContract();
    const { body } = await grant(mine, pdf());
    const foreignKey = File.objectKey(theirs, body.file.file_id);
    await s3.send(new PutObjectCommand({ Bucket: Resource.Files.name, Key: foreignKey, Body: pdf(), ContentType: PDF }));

    await landed(foreignKey);

    expect(await objectIn(Resource.Files.name, foreignKey)).toBeNull();
    expect((await File.get(mine, body.file.file_id)).status).toBe("PENDING");
  });

  it("rejects a .pdf that is really a Linux executable and deletes the object", async () => {
    const contractId = await newContract();
    const file = await upload(contractId, elf(), { filename: "invoice.pdf" });
    expect(file).toMatchObject({ status: "REJECTED", rejection_reason: expect.stringContaining("content_type_mismatch") });
    expect(await objectIn(Resource.Files.name, File.objectKey(contractId, file.file_id))).toBeNull();
  });

  it("rejects a Windows executable declared as a PDF", async () => {
    const contractId = await newContract();
    expect((await upload(contractId, exe())).status).toBe("REJECTED");
  });

  it("rejects an object whose size is not the declared size", async () => {
    const contractId = await newContract();
    const document = pdf();
    const { body } = await grant(contractId, document);
    // Written past the grant, by someone who holds the bucket's credentials: the File Handler is what catches it.
    await s3.send(new PutObjectCommand({ Bucket: Resource.Files.name, Key: File.objectKey(contractId, body.file.file_id), Body: pdf("longer text"), ContentType: PDF }));
    await landed(File.objectKey(contractId, body.file.file_id));
    expect(await File.get(contractId, body.file.file_id)).toMatchObject({ status: "REJECTED", rejection_reason: expect.stringContaining("size_mismatch") });
  });

  it("keeps a verified document intact when its upload URL is used again: S3 refuses the second PUT, with the same bytes or others", async () => {
    const contractId = await newContract();
    const document = pdf("Signed agreement");
    const { body } = await grant(contractId, document);
    const key = File.objectKey(contractId, body.file.file_id);
    expect((await send(body.upload, document)).status).toBe(200);
    await landed(key);
    expect(await File.get(contractId, body.file.file_id)).toMatchObject({ status: "AVAILABLE" });

    const again = await send(body.upload, document);
    expect(again.status).toBe(412);
    expect(await again.text()).toContain("<Code>PreconditionFailed</Code>");
    expect((await send(body.upload, pdf("Forged agreement"))).status).not.toBe(200);
    await landed(key);

    expect(await File.get(contractId, body.file.file_id)).toMatchObject({ status: "AVAILABLE" });
    expect((await download(contractId, body.file.file_id)).bytes.equals(document)).toBe(true);
  });

  it("withdraws a verified document that a write past its grant replaced, and keeps one that lands again unchanged", async () => {
    const contractId = await newContract();
    const document = pdf("Signed agreement");
    const { body } = await grant(contractId, document);
    const key = File.objectKey(contractId, body.file.file_id);
    await send(body.upload, document);
    await landed(key);
    await landed(key);
    expect(await File.get(contractId, body.file.file_id)).toMatchObject({ status: "AVAILABLE" });

    // Only someone with the bucket's credentials can still write there; what they wrote is never served as the verified document.
    await s3.send(new PutObjectCommand({ Bucket: Resource.Files.name, Key: key, Body: pdf("Forged agreement"), ContentType: PDF }));
    await landed(key);
    expect(await File.get(contractId, body.file.file_id)).toMatchObject({
      status: "REJECTED",
      rejection_reason: "replaced_after_verification: checksum_mismatch",
    });
  });

  it("has S3 refuse bytes that do not match the signed checksum with 400 BadDigest, so nothing lands", async () => {
    const contractId = await newContract();
    const { body } = await grant(contractId, pdf("AAAA"));
    const refused = await send(body.upload, pdf("BBBB"));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("<Code>BadDigest</Code>");
    expect(await objectIn(Resource.Files.name, File.objectKey(contractId, body.file.file_id))).toBeNull();
  });

  it("rejects an object whose SHA-256 is not the declared one", async () => {
    const contractId = await newContract();
    const { body } = await grant(contractId, pdf("AAAA"));
    const key = File.objectKey(contractId, body.file.file_id);
    await s3.send(new PutObjectCommand({ Bucket: Resource.Files.name, Key: key, Body: pdf("BBBB"), ContentType: PDF }));
    await landed(key);
    expect(await File.get(contractId, body.file.file_id)).toMatchObject({ status: "REJECTED", rejection_reason: "checksum_mismatch" });
  });

  it("has S3 refuse a tampered upload URL (another key) with 403 SignatureDoesNotMatch", async () => {
    const contractId = await newContract();
    const { body } = await grant(contractId, pdf());
    const other = await grant(contractId, pdf());
    const tampered = body.upload.url.replace(body.file.file_id, other.body.file.file_id);
    const refused = await send({ ...body.upload, url: tampered }, pdf());
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("<Code>SignatureDoesNotMatch</Code>");
  });

  it("accepts an Office document only as the type its package declares", async () => {
    const contractId = await newContract();
    const docx = office("docx");
    const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    expect((await upload(contractId, docx, { filename: "letter.docx", content_type: DOCX })).status).toBe("AVAILABLE");
    expect((await upload(contractId, docx, { filename: "sheet.xlsx", content_type: XLSX })).status).toBe("REJECTED");
  });

  it("refuses a declared size above the stage's limit with 413", async () => {
    const contractId = await newContract();
    const reply = await grant(contractId, pdf(), { size: 25 * 1024 * 1024 + 1 });
    expect(reply.status).toBe(413);
    expect(reply.body.max_bytes).toBe(25 * 1024 * 1024);
  });

  it("refuses a content type the stage does not accept with 415", async () => {
    const contractId = await newContract();
    const reply = await grant(contractId, pdf(), { filename: "setup.exe", content_type: "application/x-msdownload" });
    expect(reply.status).toBe(415);
  });

  it("refuses an upload for a contract that does not exist with 404", async () => {
    expect((await grant("CT0000NOSUCH", pdf())).status).toBe(404);
  });

  it("does not let a viewer upload", async () => {
    const contractId = await newContract();
    expect((await grant(contractId, pdf(), {}, "viewer")).status).toBe(403);
  });

  it("takes a 10 MB document through a granted upload", async () => {
    const contractId = await newContract();
    const document = pdfOfSize(10 * 1024 * 1024);
    const file = await upload(contractId, document, { filename: "scan.pdf" });
    expect(file.status).toBe("AVAILABLE");
    expect((await download(contractId, file.file_id)).bytes.equals(document)).toBe(true);
  });

  it("settles an upload whose notification was lost when pending uploads are reconciled", async () => {
    const contractId = await newContract();
    const document = pdf();
    const { body } = await grant(contractId, document);
    await send(body.upload, document);

    await as({ id: "system:test", roles: ["system"] }, () => File.reconcilePending());

    expect((await File.get(contractId, body.file.file_id)).status).toBe("AVAILABLE");
  });

  it("gives up an upload that never arrived once its grant has expired", async () => {
    const contractId = await newContract();
    const { body } = await grantedTenMinutesAgo(contractId, pdf());
    await as({ id: "system:test", roles: ["system"] }, () => File.reconcilePending());
    expect(await File.get(contractId, body.file.file_id)).toMatchObject({ status: "REJECTED", rejection_reason: "not_uploaded" });
  });

  it("ignores notifications from other buckets", async () => {
    const contractId = await newContract();
    const { body } = await grant(contractId, pdf());
    await landed(File.objectKey(contractId, body.file.file_id), Resource.Archives.name);
    expect((await File.get(contractId, body.file.file_id)).status).toBe("PENDING");
  });
});

describe("uploading a small document through the API (multipart)", () => {
  const form = (bytes: Buffer, filename: string, type: string) => {
    const data = new FormData();
    data.set("file", new Blob([bytes], { type }), filename);
    return data;
  };

  it("stores it and answers with the file already AVAILABLE", async () => {
    const contractId = await newContract();
    const document = pdf();
    const reply = await call("POST", filesOf(contractId), { as: "editor", raw: form(document, "notice.pdf", PDF) });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ filename: "notice.pdf", content_type: PDF, size: document.length, sha256: sha256(document), status: "AVAILABLE" });
    expect((await download(contractId, reply.body.file_id)).bytes.equals(document)).toBe(true);
  });

  it("stores the exact bytes when the upload carries an Idempotency-Key", async () => {
    const contractId = await newContract();
    const document = Buffer.concat([pdf(), Buffer.from([0xff, 0xfe, 0x80, 0x00, 0xc3])]);
    const headers = { "idempotency-key": `upload-${contractId}` };
    const reply = await call("POST", filesOf(contractId), { as: "editor", raw: form(document, "binary.pdf", PDF), headers });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ size: document.length, sha256: sha256(document) });
    expect((await download(contractId, reply.body.file_id)).bytes.equals(document)).toBe(true);
  });

  it("takes the type from the content when the client sends a generic one", async () => {
    const contractId = await newContract();
    const reply = await call("POST", filesOf(contractId), { as: "editor", raw: form(text(), "notes.txt", "application/octet-stream") });
    expect(reply.body).toMatchObject({ content_type: "text/plain", status: "AVAILABLE" });
  });

  it("refuses content that is not what its part says with 415, storing nothing", async () => {
    const contractId = await newContract();
    const reply = await call("POST", filesOf(contractId), { as: "editor", raw: form(elf(), "report.pdf", PDF) });
    expect(reply.status).toBe(415);
    expect((await call("GET", filesOf(contractId), { as: "viewer" })).body.items).toEqual([]);
  });

  it("accepts a document of exactly 4 MiB, which still fits Lambda's request limit once base64-encoded", async () => {
    const contractId = await newContract();
    const reply = await call("POST", filesOf(contractId), { as: "editor", raw: form(pdfOfSize(4 * 1024 * 1024), "scan.pdf", PDF) });
    expect(reply.status).toBe(201);
  });

  it("refuses a document one byte over 4 MiB with 413", async () => {
    const contractId = await newContract();
    const reply = await call("POST", filesOf(contractId), { as: "editor", raw: form(pdfOfSize(4 * 1024 * 1024 + 1), "scan.pdf", PDF) });
    expect(reply.status).toBe(413);
  });

  it("refuses a 10 MB document with 413 (it must use a granted upload)", async () => {
    const contractId = await newContract();
    const reply = await call("POST", filesOf(contractId), { as: "editor", raw: form(pdfOfSize(10 * 1024 * 1024), "scan.pdf", PDF) });
    expect(reply.status).toBe(413);
    expect(reply.headers.get("content-type")).toBe("application/problem+json");
  });

  it("still limits JSON bodies elsewhere to 256 KB", async () => {
    const reply = await call("POST", "/api/clients", { as: "editor", body: { name: "x".repeat(300 * 1024), email: uniqueEmail() } });
    expect(reply.status).toBe(413);
  });

  it("limits a JSON body on the files route to 256 KB too", async () => {
    const contractId = await newContract();
    const reply = await grant(contractId, pdf(), { filename: "x".repeat(300 * 1024) });
    expect(reply.status).toBe(413);
  });
});

describe("reading documents", () => {
  it("lists a contract's documents newest first, a page at a time", async () => {
    const contractId = await newContract();
    for (const name of ["a.txt", "b.txt", "c.txt"]) await upload(contractId, text(), { filename: name, content_type: "text/plain" });

    const first = await call("GET", `${filesOf(contractId)}?limit=2`, { as: "viewer" });
    expect(first.status).toBe(200);
    expect(first.body.items.map((f: File.File) => f.filename)).toEqual(["c.txt", "b.txt"]);
    const second = await call("GET", `${filesOf(contractId)}?limit=2&cursor=${first.body.next_cursor}`, { as: "viewer" });
    expect(second.body.items.map((f: File.File) => f.filename)).toEqual(["a.txt"]);
  });

  it("redirects to the download with ?redirect=1", async () => {
    const contractId = await newContract();
    const file = await upload(contractId, pdf());
    const reply = await call("GET", `${filesOf(contractId)}/${file.file_id}?redirect=1`, { as: "viewer" });
    expect(reply.status).toBe(302);
    expect(reply.headers.get("location")).toContain(File.objectKey(contractId, file.file_id));
  });

  it("answers 409 for a document that is not available (pending)", async () => {
    const contractId = await newContract();
    const { body } = await grant(contractId, pdf());
    expect((await call("GET", `${filesOf(contractId)}/${body.file.file_id}`, { as: "viewer" })).status).toBe(409);
  });

  it("has S3 refuse a download link once it has expired", async () => {
    const contractId = await newContract();
    const file = await upload(contractId, pdf());
    const link = await tenMinutesAgo(() => call("GET", `${filesOf(contractId)}/${file.file_id}`, { as: "viewer" }));
    expect((await fetch(link.body.download.url)).status).toBe(403);
  });
});

describe("deleting a document", () => {
  it("moves it to the archives bucket, where an admin can still download it", async () => {
    const contractId = await newContract();
    const document = pdf("Keep me");
    const file = await upload(contractId, document);
    const key = File.objectKey(contractId, file.file_id);

    expect((await call("DELETE", `${filesOf(contractId)}/${file.file_id}`, { as: "editor" })).status).toBe(204);

    expect(await objectIn(Resource.Files.name, key)).toBeNull();
    expect((await objectIn(Resource.Archives.name, key))?.equals(document)).toBe(true);
    expect(await File.get(contractId, file.file_id)).toMatchObject({ status: "DELETED", deleted_by: "user-editor" });
    expect((await call("GET", `${filesOf(contractId)}/${file.file_id}`, { as: "editor" })).status).toBe(403);
    expect((await download(contractId, file.file_id, "admin")).bytes.equals(document)).toBe(true);
  });

  it("records who uploaded, verified and deleted it in the contract's audit trail", async () => {
    const contractId = await newContract();
    const file = await upload(contractId, pdf());
    await call("DELETE", `${filesOf(contractId)}/${file.file_id}`, { as: "editor" });
    const trail = await call("GET", `/api/contracts/${contractId}/audit`, { as: "viewer" });
    const entries = trail.body.items.filter((e: { entity_id: string }) => e.entity_id === file.file_id);
    expect(entries.map((e: { action: string; actor: string }) => [e.action, e.actor])).toEqual([
      ["file.deleted", "user-editor"],
      ["file.available", "system:file-handler"],
      ["file.upload_granted", "user-editor"],
    ]);
    expect(entries[1].after.uploaded_by).toBe("user-editor");
  });

  it("answers deleting it again with 404 and keeps the archived copy", async () => {
    const contractId = await newContract();
    const file = await upload(contractId, pdf());
    await call("DELETE", `${filesOf(contractId)}/${file.file_id}`, { as: "editor" });
    const again = await call("DELETE", `${filesOf(contractId)}/${file.file_id}`, { as: "editor" });
    expect(again.status).toBe(404);
    expect(again.body.code).toBe("file.not_found");
    expect(await objectIn(Resource.Archives.name, File.objectKey(contractId, file.file_id))).not.toBeNull();
  });

  it("answers 20 parallel deletes with one 204 and, for the others, 404 or 409", async () => {
    const contractId = await newContract();
    const file = await upload(contractId, pdf());
    const replies = await Promise.all(Array.from({ length: 20 }, () => call("DELETE", `${filesOf(contractId)}/${file.file_id}`, { as: "editor" })));
    const statuses = replies.map((reply) => reply.status);
    expect(statuses.filter((status) => status === 204)).toHaveLength(1);
    expect(statuses.filter((status) => status !== 204).every((status) => status === 404 || status === 409)).toBe(true);
    expect(await objectIn(Resource.Archives.name, File.objectKey(contractId, file.file_id))).not.toBeNull();
    expect(await objectIn(Resource.Files.name, File.objectKey(contractId, file.file_id))).toBeNull();
  });
});

describe("documents of a contract being terminated or terminated", () => {
  it("refuses uploads and deletes on a TERMINATED contract with 409", async () => {
    const contractId = await newContract();
    const file = await upload(contractId, pdf());
    await setContractStatus(contractId, "TERMINATED");
    expect((await grant(contractId, pdf())).status).toBe(409);
    const reply = await call("DELETE", `${filesOf(contractId)}/${file.file_id}`, { as: "editor" });
    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe("contract.read_only");
  });

  it("accepts uploads but refuses deletes while a termination is pending", async () => {
    const contractId = await newContract();
    const file = await upload(contractId, pdf());
    await setContractStatus(contractId, "PENDING_TERMINATION");
    expect((await grant(contractId, pdf(), { kind: "termination_letter" })).status).toBe(201);
    expect((await call("DELETE", `${filesOf(contractId)}/${file.file_id}`, { as: "editor" })).status).toBe(409);
  });

  it("archives every document once the contract is terminated, and backs up the important ones", async () => {
    const contractId = await newContract();
    const signed = pdf("signed");
    const other = pdf("annex");
    const important = await upload(contractId, signed, { kind: "signed_contract" });
    const ordinary = await upload(contractId, other);
    await setContractStatus(contractId, "TERMINATED");

    await as({ id: "system:processor", roles: ["system"] }, () => File.archiveContract(contractId));
    await as({ id: "system:processor", roles: ["system"] }, () => File.archiveContract(contractId));

    const keyOf = (f: { file_id: string }) => File.objectKey(contractId, f.file_id);
    expect((await objectIn(Resource.Archives.name, keyOf(important)))?.equals(signed)).toBe(true);
    expect((await objectIn(Resource.Archives.name, keyOf(ordinary)))?.equals(other)).toBe(true);
    expect((await objectIn(Resource.Backups.name, keyOf(important)))?.equals(signed)).toBe(true);
    expect(await objectIn(Resource.Backups.name, keyOf(ordinary))).toBeNull();
    const trail = await call("GET", `/api/contracts/${contractId}/audit`, { as: "viewer" });
    expect(trail.body.items.filter((e: { action: string }) => e.action === "file.archived")).toHaveLength(2);
  });

  it("archives a document that lands after the contract was terminated", async () => {
    const contractId = await newContract();
    const document = pdf();
    const { body } = await grant(contractId, document);
    await setContractStatus(contractId, "TERMINATED");
    await send(body.upload, document);
    await landed(File.objectKey(contractId, body.file.file_id));
    expect((await objectIn(Resource.Archives.name, File.objectKey(contractId, body.file.file_id)))?.equals(document)).toBe(true);
    expect((await File.get(contractId, body.file.file_id)).archived_at).toBeDefined();
  });
});
