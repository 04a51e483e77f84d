import { useMutation } from "@tanstack/react-query";
import type { Result } from "@testex/client";
import { unwrap } from "../api";
import { useFocusResult } from "./focus";
import { today } from "./format";
import { ErrorMessage } from "./status";

export type ExportFormat = "csv" | "xlsx";

/**
 * Reads one export of a list: the typed client's GET with `format` and `parseAs: "blob"`.
 * On AWS the API answers with a 303 to a short-lived link, which fetch follows by itself.
 */
export type ReadExport = (format: ExportFormat) => Promise<Result<unknown>>;

/** The name a download is saved under: the API's own when its reply says it, else the list's and today's date. */
export function exportFilename(response: Pick<Response, "headers">, list: string, format: ExportFormat): string {
  const named = /filename="?([^";]+)"?/.exec(response.headers.get("content-disposition") ?? "");
  return named?.[1] ?? `${list}-${today()}.${format}`;
}

/** Hands the bytes to the browser as a download (the token cannot travel in a plain link). */
function save(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * "Download CSV" and "Download XLSX" for a list: every row its current
 * filters match (an export is not a page), as the API writes it.
 */
export function ExportButtons({ list, label, read }: { list: string; label: string; read: ReadExport }) {
  const focus = useFocusResult();
  const download = useMutation({
    mutationFn: async (format: ExportFormat) => {
      const reply = await read(format);
      const blob = (await unwrap(reply)) as Blob;
      const filename = exportFilename(reply.response, list, format);
      save(blob, filename);
      return filename;
    },
    onSuccess: (filename) => focus(`${filename} was downloaded.`),
  });
  return (
    <div role="group" aria-label={label} className="actions export">
      {(["csv", "xlsx"] as const).map((format) => (
        <button key={format} type="button" disabled={download.isPending} onClick={() => download.mutate(format)}>
          Download {format.toUpperCase()}
        </button>
      ))}
      <ErrorMessage error={download.error} />
    </div>
  );
}
