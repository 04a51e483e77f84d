import { useMutation, useQuery } from "@tanstack/react-query";
import type { Schemas } from "@testex/client";
import { useEffect, useRef, useState, type ChangeEvent, type ReactNode } from "react";
import { Link } from "react-router";
import { api, idempotencyKey, unwrap } from "../api";
import { useCan } from "../me";
import { Confirm } from "../parts/confirm";
import { Field } from "../parts/field";
import { useFocusResult } from "../parts/focus";
import { outcome, progressLine, refusedLines, running, toImport } from "../parts/import-job";
import { ErrorMessage, Loaded } from "../parts/status";
import { put, sha256 } from "../parts/upload";
import { imports } from "../queries";

interface Uploaded {
  uploadId: string;
  filename: string;
}

/**
 * Contracts from a spreadsheet: the file goes straight to storage through an
 * upload grant, a check (a dry run) says what each row would do, and only
 * then does the import write, as a background job whose progress is shown.
 */
export default function ImportContracts() {
  const canWrite = useCan("write");
  const [file, setFile] = useState<Uploaded>();
  const [mappingName, setMappingName] = useState("");
  const [createClients, setCreateClients] = useState(false);
  const [checkId, setCheckId] = useState<string>();
  const [runId, setRunId] = useState<string>();
  const [checkedRows, setCheckedRows] = useState<number>();
  // A new file or other settings make the last check's report stale.
  const settingsChanged = () => {
    setCheckId(undefined);
    setRunId(undefined);
  };

  const start = useMutation({
    mutationFn: async ({ uploadId, dryRun }: { uploadId: string; dryRun: boolean }) => {
      const started = await unwrap(
        api.POST("/api/imports", {
          body: { upload_id: uploadId, dry_run: dryRun, create_clients: createClients, ...(mappingName ? { mapping_name: mappingName } : {}) },
          headers: idempotencyKey(),
        }),
      );
      // An uploaded file is always imported as a background job (202); a report (200) answers a file sent in the body.
      if (!("import_id" in started)) throw new Error("The API did not start a background import.");
      return started;
    },
    onSuccess: (job) => (job.dry_run ? setCheckId(job.import_id) : setRunId(job.import_id)),
  });

  if (!canWrite) return <p>Importing contracts is for editors and admins.</p>;
  return (
    <>
      <h1>Import contracts</h1>
      <p>
        A CSV or XLSX file, one contract a row. Its columns are the API's field names (<code>title</code>, <code>client_id</code>, <code>start_date</code>…)
        unless a saved mapping says otherwise; a row with <code>external_ref</code> creates its contract the first time and updates it later, so the same file
        twice creates nothing twice.
      </p>
      <div className="stack">
        <UploadFile
          onUploaded={(uploaded) => {
            setFile(uploaded);
            settingsChanged();
          }}
        />
        <MappingChoice
          value={mappingName}
          onChange={(name) => {
            setMappingName(name);
            settingsChanged();
          }}
        />
        <Field label="Create the clients it names by e-mail that do not exist yet">
          {(id) => (
            <input
              id={id}
              type="checkbox"
              checked={createClients}
              onChange={(event) => {
                setCreateClients(event.target.checked);
                settingsChanged();
              }}
            />
          )}
        </Field>
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={!file || start.isPending}
            onClick={() => file && start.mutate({ uploadId: file.uploadId, dryRun: true })}
          >
            Check file
          </button>
        </div>
        <ErrorMessage error={start.error} />
      </div>
      {checkId && (
        <section aria-labelledby="check">
          <h2 id="check">Check</h2>
          <JobProgress id={checkId}>
            {(check) =>
              !runId &&
              toImport(check) > 0 && (
                <Confirm
                  open={`Import ${toImport(check)} row${toImport(check) === 1 ? "" : "s"}`}
                  title={`Import ${check.file}?`}
                  confirm="Import the rows"
                  disabled={start.isPending}
                  onConfirm={() => {
                    setCheckedRows(check.rows);
                    if (file) start.mutate({ uploadId: file.uploadId, dryRun: false });
                  }}
                >
                  <p>
                    This creates {check.create} contract{check.create === 1 ? "" : "s"} and updates {check.update}, as the check found
                    {check.refused > 0
                      ? `; the ${check.refused} refused row${check.refused === 1 ? " is" : "s are"} left out (correct them and import the file again: rows already imported are not created twice)`
                      : ""}
                    . Each row is recorded on its contract's timeline as imported from {check.file}. It goes on in the background if you leave this page.
                  </p>
                </Confirm>
              )
            }
          </JobProgress>
        </section>
      )}
      {runId && (
        <section aria-labelledby="import">
          <h2 id="import">Import</h2>
          <JobProgress id={runId} total={checkedRows}>
            {(job) => job.create + job.update > 0 && <Link to="/contracts">See the contracts</Link>}
          </JobProgress>
        </section>
      )}
    </>
  );
}

/** Hashes the chosen file (S3 checks its bytes against the grant) and sends it through an upload grant, with a progress bar. */
function UploadFile({ onUploaded }: { onUploaded: (uploaded: Uploaded) => void }) {
  const [progress, setProgress] = useState<number | null>(null);
  const upload = useMutation({
    mutationFn: async (file: File) => {
      setProgress(0);
      const grant = await unwrap(
        api.POST("/api/imports/uploads", { body: { filename: file.name, size: file.size, sha256: await sha256(file) }, headers: idempotencyKey() }),
      );
      await put(grant.upload, file, setProgress);
      return { uploadId: grant.upload_id, filename: grant.filename };
    },
    onSuccess: onUploaded,
    onSettled: () => setProgress(null),
  });
  const chosen = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) upload.mutate(file);
  };
  return (
    <>
      <Field label="Spreadsheet (CSV or XLSX)" hint={upload.isSuccess ? `${upload.data.filename} is uploaded.` : undefined}>
        {(id, hintId) => <input id={id} type="file" accept=".csv,.xlsx" aria-describedby={hintId} onChange={chosen} disabled={upload.isPending} />}
      </Field>
      {progress !== null && (
        <progress max={1} value={progress} aria-label="Upload progress">
          {Math.round(progress * 100)}%
        </progress>
      )}
      <ErrorMessage error={upload.error} />
    </>
  );
}

function MappingChoice({ value, onChange }: { value: string; onChange: (name: string) => void }) {
  const mappings = useQuery(imports.mappings());
  return (
    <Field label="Column mapping" hint="A mapping saved by name reads columns named otherwise, and the file's own date and number formats.">
      {(id, hintId) => (
        <select id={id} aria-describedby={hintId} value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">The API's field names (default)</option>
          {mappings.data?.items.map((mapping) => (
            <option key={mapping.name} value={mapping.name}>
              {mapping.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/**
 * A background job, read each second until it ends: its progress while it
 * runs, then its outcome (focused, so it is read out) and each refused row.
 */
function JobProgress({ id, total, children }: { id: string; total?: number; children: (job: Schemas["ImportJob"]) => ReactNode }) {
  const job = useQuery(imports.job(id));
  const focus = useFocusResult();
  const announced = useRef<string | undefined>(undefined);
  const ended = job.data && !running(job.data);
  useEffect(() => {
    if (job.data && ended && announced.current !== id) {
      announced.current = id;
      focus(outcome(job.data));
    }
  }, [ended, id, job.data, focus]);
  return (
    <Loaded query={job} what="the job">
      {(data) =>
        running(data) ? (
          <>
            <progress aria-label={data.dry_run ? "Check progress" : "Import progress"} {...(total ? { max: total, value: data.rows } : {})} />
            <p role="status">{progressLine(data, total)}</p>
          </>
        ) : (
          <>
            <p>{outcome(data)}</p>
            {data.refused > 0 && <RefusedRows id={id} />}
            {data.status === "DONE" && children(data)}
          </>
        )
      }
    </Loaded>
  );
}

function RefusedRows({ id }: { id: string }) {
  const refused = useQuery(imports.refused(id));
  return (
    <Loaded query={refused} what="the refused rows">
      {(page) => (
        <>
          <table>
            <caption>Refused rows</caption>
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Field</th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {refusedLines(page.items).map((line) => (
                <tr key={`${line.row}-${line.field}`}>
                  <td>{line.row}</td>
                  <td>{line.field}</td>
                  <td>{line.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {page.next_cursor && <p className="note">The first hundred refused rows are shown.</p>}
        </>
      )}
    </Loaded>
  );
}
