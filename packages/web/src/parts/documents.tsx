import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type ChangeEvent } from "react";
import { api, idempotencyKey, unwrap } from "../api";
import { useCan } from "../me";
import { moment } from "./format";
import { Confirm } from "./confirm";
import { useFocusResult } from "./focus";
import { ErrorMessage, Loading } from "./status";
import { put, sha256 } from "./upload";
import { contract, refresh } from "../queries";

/** The contract's documents: uploaded straight to S3 through a presigned grant, downloaded through short-lived links. */
export function Documents({ contractId }: { contractId: string }) {
  const canWrite = useCan("write");
  const files = useQuery({
    ...contract.files(contractId),
    // An upload is checked after it lands in S3; look again until it has been.
    refetchInterval: (query) => (query.state.data?.items.some((file) => file.status === "PENDING") ? 1_000 : false),
  });
  const queries = useQueryClient();
  const focus = useFocusResult();
  const remove = useMutation({
    mutationFn: (fileId: string) =>
      unwrap(api.DELETE("/api/contracts/{id}/files/{file_id}", { params: { path: { id: contractId, file_id: fileId } } })),
    onSuccess: () => focus("The document was deleted."),
    onSettled: () => refresh.files(queries, contractId),
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
                  ({size(file.size)}, {moment(file.created_at)})
                </span>
              </span>
              {file.status === "AVAILABLE" ? (
                <button type="button" onClick={() => void download(file.file_id)} aria-label={`Download ${file.filename}`}>
                  Download
                </button>
              ) : (
                <span className="muted">{file.status === "PENDING" ? "checking…" : `Refused: ${refusal(file.rejection_reason)}`}</span>
              )}
              {/* The termination letter is the record of what the client was sent: the API keeps it, so no Delete is offered. */}
              {canWrite && file.kind !== "termination_letter" && (
                <Confirm
                  open="Delete…"
                  name={`Delete ${file.filename}`}
                  title={`Delete ${file.filename}?`}
                  confirm="Delete the document"
                  danger
                  disabled={remove.isPending}
                  onConfirm={() => remove.mutate(file.file_id)}
                >
                  <p>The document is removed from the contract and can no longer be downloaded. This cannot be undone here.</p>
                </Confirm>
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

/** A size as people read it, exact below a kilobyte: "16 bytes", "1.5 KB", "2.3 MB". */
export function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? "" : "s"}`;
  const units = ["KB", "MB", "GB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${Number(value.toFixed(1))} ${units[unit]}`;
}

/** Why an upload was refused, in words (the API's reason is a code, with details after a colon). */
export function refusal(reason: string | undefined): string {
  if (!reason) return "it was not accepted.";
  const [code = "", detail = ""] = reason.split(/:\s*(.*)/s);
  const declared = /declared (\S+), content is (.+)/.exec(detail);
  switch (code) {
    case "content_type_mismatch":
      return declared ? `the file is not what its name says (declared ${declared[1]}, the content is ${declared[2]}).` : "the file is not what its name says.";
    case "size_mismatch":
      return "the file that arrived is not the size that was announced; upload it again.";
    case "checksum_mismatch":
      return "the file changed on the way; upload it again.";
    case "too_large":
      return "the file is too large.";
    case "not_uploaded":
      return "the file never arrived; upload it again.";
    case "replaced_after_verification":
      return "the stored file was replaced after it was checked, so it was withdrawn.";
    default:
      return code.replace(/_/g, " ") + ".";
  }
}

function Upload({ contractId }: { contractId: string }) {
  const queries = useQueryClient();
  const focus = useFocusResult();
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
    onSuccess: (_done, file) => focus(`${file.name} was uploaded; it is checked before it can be downloaded.`),
    onSettled: () => {
      setProgress(null);
      return refresh.files(queries, contractId);
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
