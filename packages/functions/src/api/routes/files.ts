import { Hono, type Context } from "hono";
import * as v from "valibot";
import { DomainError, File } from "@testex/core";
import { ContractId, FileId, PageOf } from "@testex/core/schema";
import { operation } from "../operation";
import { queryOf } from "../request";
import type { AppEnv } from "../types";

/**
 * Documents sent through the API itself (multipart); larger ones go straight
 * to S3 with a granted upload. API Gateway hands Lambda a binary body
 * base64-encoded (4/3 larger) inside a request limited to 6 MB: 4 MiB with its
 * framing becomes ≈5.4 MB, leaving room for the event's headers. The infra
 * suite checks this sum.
 */
export const MAX_DIRECT_UPLOAD_BYTES = 4 * 1024 * 1024;
/** Room for the multipart boundaries and part headers around the document. */
export const MULTIPART_FRAMING_BYTES = 16 * 1024;

const Params = v.object({ id: ContractId });
const FileParams = v.object({ id: ContractId, file_id: FileId });
const DownloadQuery = v.strictObject({ redirect: v.optional(v.picklist(["0", "1", "true", "false"])) });
const DirectUpload = v.object({ file: v.instance(globalThis.File), kind: v.optional(v.picklist(File.FILE_KINDS)) });
const tag = "Files";

const isMultipart = (c: Context) => /^multipart\/form-data\s*;/i.test(c.req.header("content-type") ?? "");

/** The multipart form with one `file` part (and an optional `kind`), within the direct-upload limit. */
async function directUpload(c: Context) {
  let form: Record<string, unknown>;
  try {
    form = await c.req.parseBody();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError("request.malformed", "The body is not a valid multipart/form-data form.");
  }
  const result = v.safeParse(DirectUpload, form);
  if (!result.success) throw new DomainError("request.malformed", "Send the document as a form part named `file` (and optionally `kind`).");
  const { file, kind } = result.output;
  if (file.size > MAX_DIRECT_UPLOAD_BYTES) {
    throw new DomainError("request.too_large", `Documents sent through the API are limited to ${MAX_DIRECT_UPLOAD_BYTES} bytes; request an upload URL for larger ones.`, {
      max_bytes: MAX_DIRECT_UPLOAD_BYTES,
    });
  }
  return { filename: file.name, content_type: file.type, kind, bytes: new Uint8Array(await file.arrayBuffer()) };
}

export const files = new Hono<AppEnv>()
  .get(
    "/",
    operation({ tag, summary: "A contract's documents, newest first", access: "read", params: Params, query: File.ListQuery, responses: { 200: PageOf(File.File) }, errors: ["contract.not_found"] }),
    async (c) => c.json(await File.list(c.req.param("id")!, c.var.input.query)),
  )
  .post(
    "/",
    operation({
      tag,
      summary: "Add a document: JSON grants a presigned upload straight to S3; multipart/form-data (up to 4 MiB) stores it at once",
      description:
        "JSON `{filename, content_type, size, sha256}` creates a PENDING file and answers with a PUT to send the bytes to (its headers are signed and must be sent as given). The file becomes AVAILABLE once the stored object is verified (size, SHA-256, content by magic bytes), or REJECTED.",
      access: "write",
      params: Params,
      body: File.UploadInput,
      maxBodyBytes: MAX_DIRECT_UPLOAD_BYTES + MULTIPART_FRAMING_BYTES,
      multipart: {
        type: "object",
        required: ["file"],
        properties: {
          file: { type: "string", contentMediaType: "application/octet-stream", description: `The document, at most ${MAX_DIRECT_UPLOAD_BYTES} bytes, with its filename and content type.` },
          kind: { enum: [...File.FILE_KINDS], type: "string", default: "document" },
        },
        additionalProperties: false,
      },
      responses: { 201: v.union([File.UploadGrant, File.File]) },
      headers: { 201: ["Location"] },
      errors: ["contract.not_found", "contract.read_only"],
    }),
    async (c) => {
      const contractId = c.req.param("id")!;
      if (isMultipart(c)) {
        const file = await File.store(contractId, await directUpload(c));
        return c.json(file, 201, { location: `/api/contracts/${file.contract_id}/files/${file.file_id}` });
      }
      const grant = await File.requestUpload(contractId, c.var.input.body);
      return c.json(grant, 201, { location: `/api/contracts/${grant.file.contract_id}/files/${grant.file.file_id}` });
    },
  )
  .get(
    "/:file_id",
    operation({
      tag,
      summary: "A short-lived download link (JSON, or a 302 redirect with ?redirect=1); deleted documents for admins only, none while the contract is deleted",
      access: "read",
      params: FileParams,
      query: DownloadQuery,
      description: "With `redirect=1` (or `true`) the reply is a 302 to the link itself, with no body.",
      responses: { 200: File.DownloadLink, 302: null },
      headers: { 302: ["Location"] },
      errors: ["contract.not_found", "file.not_found", "file.not_available"],
    }),
    async (c) => {
      const { redirect } = queryOf(c, DownloadQuery);
      const link = await File.downloadLink(c.req.param("id")!, c.req.param("file_id"));
      if (redirect === "1" || redirect === "true") return c.redirect(link.download.url, 302);
      return c.json(link);
    },
  )
  .delete(
    "/:file_id",
    operation({
      tag,
      summary: "Delete a document: it moves to the archives bucket and stays downloadable by admins",
      access: "write",
      params: FileParams,
      responses: { 204: null },
      errors: ["contract.not_found", "contract.read_only", "file.not_found", "file.not_available", "file.immutable"],
    }),
    async (c) => {
      await File.remove(c.req.param("id")!, c.req.param("file_id"));
      return c.body(null, 204);
    },
  );
