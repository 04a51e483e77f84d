import { useMutation } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { api, unwrap } from "../api";
import { ErrorMessage } from "./status";

/**
 * The termination letter as the client will receive it, rendered by the API
 * before anything is sent (with the bearer token, so it cannot be a plain
 * link): fetched on request and offered as a PDF to open.
 */
export function LetterPreview({ contractId }: { contractId: string }) {
  const [url, setUrl] = useState<string>();
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);
  const render = useMutation({
    mutationFn: () =>
      unwrap(api.GET("/api/contracts/{id}/termination/letter/preview", { params: { path: { id: contractId } }, parseAs: "blob" })),
    onSuccess: (pdf) => setUrl(URL.createObjectURL(new Blob([pdf as BlobPart], { type: "application/pdf" }))),
  });
  return (
    <div className="actions">
      {url ? (
        <a className="button" href={url} target="_blank" rel="noopener" download="termination-letter-preview.pdf">
          Open the letter preview (PDF)
        </a>
      ) : (
        <button type="button" disabled={render.isPending} onClick={() => render.mutate()}>
          {render.isPending ? "Rendering the letter…" : "Preview the letter"}
        </button>
      )}
      <ErrorMessage error={render.error} />
    </div>
  );
}
