import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type ChangeEvent } from "react";
import { api, idempotencyKey, unwrap } from "../api";
import { useCan } from "../me";
import { moment } from "./format";
import { ErrorMessage, Loading } from "./status";

/** The contract's documents: uploaded straight to S3 through a presigned grant, downloaded through short-lived links. */
export function Documents({ contractId }: { contractId: string }) {
  const canWrite = useCan("write");
  const path = { path: { id: contractId } };
  const files = useQuery({
    queryKey: ["files", contractId],
    queryFn: () => unwrap(api.GET("/api/contracts/{id}/files", { params: { ...path, query: { limit: 100 } } })),
    // An upload is checked after it lands in S3; look again until it has been.
    refetchInterval: (query) => (query.state.data?.items.some((file) => file.status === "PENDING") ? 1_000 : false),
  });
  const queries = useQueryClient();
  const remove = useMutation({
    mutationFn: (fileId: string) =>
      unwrap(api.DELETE("/api/contracts/{id}/files/{file_id}", { params: { path: { id: contractId, file_id: fileId } } })),
    onSettled: () => queries.invalidateQueries({ queryKey: ["files", contractId] }),
  });

  const download = async (fileId: string) => {
    const { download } = await unwrap(api.GET("/api/contracts/{id}/files/{file_id}", { params: { path: { id: contractId, file_id: fileId } } }));
    window.location.assign(download.url);
  };

  if (files.error) return <ErrorMessage error={files.error} />;
  if (!files.data) return <Loading what="the documents" />;
  const shown = files.data.items.filter((file) => file.status !== "DELETED");
  return (
    <>
      {shown.length === 0 ? (
        <p>No documents yet.</p>
      ) : (
        <ul className="list" aria-label="Documents">
          {shown.map((file) => (
            <li key={file.file_id}>
              <span>
                {file.filename}{" "}
                <span className="muted">
                  ({Math.ceil(file.size / 1024)} KB, {moment(file.created_at)})
                </span>
              </span>
              {file.status === "AVAILABLE" ? (
                <button type="button" onClick={() => void download(file.file_id)} aria-label={`Download ${file.filename}`}>
                  Download
                </button>
              ) : (
                <span className="muted">{file.status === "PENDING" ? "checking…" : `refused: ${file.rejection_reason ?? "not accepted"}`}</span>
              )}
              {canWrite && (
                <button type="button" onClick={() => remove.mutate(file.file_id)} disabled={remove.isPending} aria-label={`Delete ${file.filename}`}>
                  Delete
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorMessage error={remove.error} />
      {canWrite && <Upload contractId={contractId} />}
    </>
  );
}

async function sha256(file: File): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** PUTs the file to the presigned URL, reporting progress (fetch cannot report an upload's progress). */
function put(upload: { method: string; url: string; headers: Record<string, string> }, file: File, onProgress: (fraction: number) => void) {
  return new Promise<void>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(upload.method, upload.url);
    for (const [name, value] of Object.entries(upload.headers)) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () => (request.status < 300 ? resolve() : reject(new Error(`The upload was refused (${request.status}).`)));
    request.onerror = () => reject(new Error("The upload could not reach storage."));
    request.send(file);
  });
}

function Upload({ contractId }: { contractId: string }) {
  const queries = useQueryClient();
  const inputId = useId();
  const [progress, setProgress] = useState<number | null>(null);
  const upload = useMutation({
    mutationFn: async (file: File) => {
      setProgress(0);
      const grant = await unwrap(
        api.POST("/api/contracts/{id}/files", {
          params: { path: { id: contractId } },
          body: { filename: file.name, content_type: file.type || "application/octet-stream", size: file.size, sha256: await sha256(file), kind: "document" },
          headers: idempotencyKey(),
        }),
      );
      if (!("upload" in grant)) return;
      await put(grant.upload, file, setProgress);
    },
    onSettled: () => {
      setProgress(null);
      return queries.invalidateQueries({ queryKey: ["files", contractId] });
    },
  });
  const chosen = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) upload.mutate(file);
    event.target.value = "";
  };
  return (
    <div className="field">
      <label htmlFor={inputId}>Upload a document</label>
      <input id={inputId} type="file" onChange={chosen} disabled={upload.isPending} />
      {progress !== null && (
        <progress max={1} value={progress} aria-label="Upload progress">
          {Math.round(progress * 100)}%
        </progress>
      )}
      <ErrorMessage error={upload.error} />
    </div>
  );
}
