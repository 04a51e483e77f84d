/**
 * Generated from the API document by `npm run openapi`. Do not edit: change
 * the routes, then regenerate.
 */
export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Reachability of the table, the buckets and mail
         * @description Each dependency is checked with the stage's deadline (1 s when deployed); answers are reused for 5 s. 503 when any of them fails; the reason is in the logs, not here.
         *
         *     Public: no token needed.
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This API's OpenAPI 3.1 document
         * @description Public: no token needed.
         */
        get: operations["getOpenapiJson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Interactive API documentation: authorise with a bearer token, then try any call
         * @description Public: no token needed.
         */
        get: operations["getDocs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs/swagger-ui.css": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Style sheet of the documentation page
         * @description Public: no token needed.
         */
        get: operations["getDocsSwaggerUiCss"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs/{script}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A script of the documentation page
         * @description Public: no token needed.
         */
        get: operations["getDocsByScript"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/calendar/{secret}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A person's deadline calendar (RFC 5545), found by the secret in its address
         * @description All-day events with stable UIDs, each linking to the contract in the console. A replaced or revoked address answers 404.
         *
         *     Public: no token needed.
         */
        get: operations["getCalendarBySecret"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who is signed in, with their roles and what they may do
         * @description Roles come from the token's groups through the stage's mapping; a console shows only the controls `capabilities` allows.
         *
         *     Needs the `read` permission (roles: viewer, editor, approver, admin).
         */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/calendar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A secret address of your deadline calendar (iCalendar) to subscribe to; a new one revokes the one before
         * @description The address is shown this once: anyone who has it reads your calendar, so ask again (the old one stops answering) if it leaks. The feed holds the notice deadlines (with a reminder 7 days before) and end dates of the running contracts you own, and the effective dates of open terminations you requested; approvers and admins also see those awaiting approval. What your roles allow is read when you ask for the address.
         *
         *     Needs the `read` permission (roles: viewer, editor, approver, admin).
         */
        post: operations["postMeCalendar"];
        /**
         * Revoke your calendar address: it stops answering (nothing to do when you have none)
         * @description Needs the `read` permission (roles: viewer, editor, approver, admin).
         */
        delete: operations["deleteMeCalendar"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List clients, newest first, or find one by e-mail
         * @description With `email`, the one client with that address (a page of one item), or 404 when there is none.
         *
         *     As a spreadsheet (`format=csv` or `format=xlsx`, or `Accept: text/csv` or `Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`): the clients (or the one with `email`), one a row, every one (not a page: `limit` and `cursor` do not apply), streamed as a download whose columns are the JSON fields' names. On AWS it comes as a 303 to a short-lived download link by default (`delivery`), since a Lambda reply is at most 6 MB. Text a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is written after an apostrophe; an import reads it back without.
         *
         *     Needs the `read` permission (roles: viewer, editor, approver, admin).
         */
        get: operations["getClients"];
        put?: never;
        /**
         * Create a client
         * @description Needs the `write` permission (roles: editor, admin).
         */
        post: operations["postClients"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/clients/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a client
         * @description Needs the `read` permission (roles: viewer, editor, approver, admin).
         */
        get: operations["getClientsById"];
        /**
         * Change a client (If-Match or version required)
         * @description Needs the `write` permission (roles: editor, admin).
         */
        put: operations["putClientsById"];
        post?: never;
        /**
         * Delete a client without contracts (If-Match required)
         * @description Needs the `admin` permission (roles: admin).
         */
        delete: operations["deleteClientsById"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/clients/{id}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A client's audit trail, newest first
         * @description Needs the `read` permission (roles: viewer, editor, approver, admin).
         */
        get: operations["getClientsByIdAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contracts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List contracts by end date, filtered by status, client or end-date range; or running contracts by notice deadline
         * @description As a spreadsheet (`format=csv` or `format=xlsx`, or `Accept: text/csv` or `Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`): the contracts the filter matches, one a row, every one (not a page: `limit` and `cursor` do not apply), streamed as a download whose columns are the JSON fields' names. On AWS it comes as a 303 to a short-lived download link by default (`delivery`), since a Lambda reply is at most 6 MB. Text a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is written after an apostrophe; an import reads it back without.
         *
         *     Needs the `read` permission (roles: viewer, editor, approver, admin).
         */
        get: operations["getContracts"];
        put?: never;
        /**
         * Create a contract for an active client
         * @description Needs the `write` permission (roles: editor, admin).
         */
        post: operations["postContracts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contracts/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Find contracts by the words of their title or their client's name
         * @description Every word of `q` must start a word of the contract's title or of its client's name, regardless of case and accents (`acm sup` finds *Support* for *ACME Ltd*). Matches come ordered by end date, at most `limit` of them; `truncated` says more matched, and a longer query narrows them. Served by queries on a word index, never a scan.
         *
         *     Needs the `read` permission (roles: viewer, editor, approver, admin).
         */
        get: operations["getContractsSearch"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contracts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a contract
         * @description Needs the `read` permission (roles: viewer, editor, approver, admin).
         */
        get: operations["getContractsById"];
        /**
         * Change a contract's terms (If-Match or version required)
         * @description Needs the `write` permission (roles: editor, admin).
         */
        put: operations["putContractsById"];
        post?: never;
        /**
         * Delete a contract that never entered termination (keeps a copy and its audit trail)
         * @description Needs the `admin` permission (roles: admin).
         */
        delete: operations["deleteContractsById"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contracts/{id}/renew": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Renew a contract: its end date moves one term forward
         * @description The term is `term_months`, else the contract's `renewal_term_months`. Running (ACTIVE, SUSPENDED) and EXPIRED contracts renew; an EXPIRED one becomes ACTIVE if the new term reaches today. EVERGREEN contracts have no end date to move. Audited as `contract.renewed`; the client and the owner are told.
         *
         *     Needs the `write` permission (roles: editor, admin).
         */
        post: operations["postContractsByIdRenew"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contracts/{id}/suspend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Suspend an active contract
         * @description Needs the `write` permission (roles: editor, admin).
         */
        post: operations["postContractsByIdSuspend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contracts/{id}/reinstate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reinstate a suspended contract
         * @description Needs the `write` permission (roles: editor, admin).
         */
        post: operations["postContractsByIdReinstate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contracts/{id}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A contract's audit trail, newest first (kept after deletion)
         * @description As a spreadsheet (`format=csv` or `format=xlsx`, or `Accept: text/csv` or `Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`): the trail's entries, one a row, `before` and `after` as JSON, every one (not a page: `limit` and `cursor` do not apply), streamed as a download whose columns are the JSON fields' names. On AWS it comes as a 303 to a short-lived download link by default (`delivery`), since a Lambda reply is at most 6 MB. Text a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is written after an apostrophe; an import reads it back without.
         *
         *     Needs the `read` permission (roles: viewer, editor, approver, admin).
         */
        get: operations["getContractsByIdAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contracts/{id}/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A contract's documents, newest first
         * @description Needs the `read` permission (roles: viewer, editor, approver, admin).
         */
        get: operations["getContractsByIdFiles"];
        put?: never;
        /**
         * Add a document: JSON grants a presigned upload straight to S3; multipart/form-data (up to 4 MiB) stores it at once
         * @description JSON `{filename, content_type, size, sha256}` creates a PENDING file and answers with a PUT to send the bytes to (its headers are signed and must be sent as given). The file becomes AVAILABLE once the stored object is verified (size, SHA-256, content by magic bytes), or REJECTED.
         *
         *     Needs the `write` permission (roles: editor, admin).
         */
        post: operations["postContractsByIdFiles"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contracts/{id}/files/{file_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A short-lived download link (JSON, or a 302 redirect with ?redirect=1); deleted documents for admins only, none while the contract is deleted
         * @description With `redirect=1` (or `true`) the reply is a 302 to the link itself, with no body.
         *
         *     Needs the `read` permission (roles: viewer, editor, approver, admin).
         */
        get: operations["getContractsByIdFilesByFileId"];
        put?: never;
        post?: never;
        /**
         * Delete a document: it moves to the archives bucket and stays downloadable by admins
         * @description Needs the `write` permission (roles: editor, admin).
         */
        delete: operations["deleteContractsByIdFilesByFileId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contracts/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The contract's outbox events and which of their effects (backup, archive, notices) are done
         * @description Needs the `read` permission (roles: viewer, editor, approver, admin).
         */
        get: operations["getContractsByIdEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Everything one person or job changed, newest first
         * @description Needs the `read` permission (roles: viewer, editor, approver, admin).
         */
        get: operations["getAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import contracts from a CSV or XLSX file: at once for a small file in the body, or as a background job for an uploaded one
         * @description **A file uploaded first** (`POST /api/imports/uploads`): the JSON body `{upload_id, mapping | mapping_name, dry_run, create_clients}` starts a background job and answers 202 with it (and its `Location`); follow its progress at `GET /api/imports/{id}` and its refused rows at `GET /api/imports/{id}/refused`. Any size up to the upload limit; the job goes on across as many invocations as the file needs. **A small file in the body** (up to 4194304 bytes), as `text/csv` or the XLSX media type (else 415): imported at once, every row reported in the reply. Either way, the first row holds the column names: the API's field names of a contract (an export of `GET /api/contracts` imports as it is), or others mapped with `columns` (or a saved mapping). A row updates a contract when it names one by `contract_id`, or by an `external_ref` imported before; otherwise it creates one, for `client_id` or the client with `client_email`. Every row is reported: `create`, `update` (with the fields it changes), `unchanged`, or `refused` with each field's error in the words of a 422. The same file again creates nothing twice, also after an interrupted run (rows without an external reference are known by the file's digest and their number). Each imported row is on its contract's audit trail with the file and row: a new contract's `contract.created` entry names them (`imported_from`), an update is followed by `contract.imported`. Dates and amounts are read as `date_format` and `decimal_separator` say; XLSX dates stored as dates are read as such. The query parameters apply to a file in the body only.
         *
         *     Needs the `write` permission (roles: editor, admin).
         */
        post: operations["postImports"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/imports/uploads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Grant an upload of a spreadsheet straight to S3, for an import of any size
         * @description Answers with a PUT to send the file to (its headers are signed and must be sent as given: S3 takes the file only with the declared size and SHA-256), valid for a few minutes, and the `upload_id` to start imports of it with (`POST /api/imports`). Files up to 104857600 bytes; uploads are kept a week.
         *
         *     Needs the `write` permission (roles: editor, admin).
         */
        post: operations["postImportsUploads"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/imports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A background import's progress: rows done, created, updated, unchanged, refused, and its state
         * @description Needs the `read` permission (roles: viewer, editor, approver, admin).
         */
        get: operations["getImportsById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/imports/{id}/refused": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The rows a background import refused, in row order, each with its fields' errors in the words of the API's 422s
         * @description Needs the `read` permission (roles: viewer, editor, approver, admin).
         */
        get: operations["getImportsByIdRefused"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/import-mappings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The saved mappings, by name
         * @description Needs the `read` permission (roles: viewer, editor, approver, admin).
         */
        get: operations["getImportMappings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/import-mappings/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A saved mapping
         * @description Needs the `read` permission (roles: viewer, editor, approver, admin).
         */
        get: operations["getImportMappingsByName"];
        /**
         * Save a mapping by name (replacing the one saved so before), for imports to use with `mapping_name`
         * @description Needs the `write` permission (roles: editor, admin).
         */
        put: operations["putImportMappingsByName"];
        post?: never;
        /**
         * Delete a saved mapping
         * @description Needs the `write` permission (roles: editor, admin).
         */
        delete: operations["deleteImportMappingsByName"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contracts/{id}/termination": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The contract's current or most recent termination
         * @description Needs the `read` permission (roles: viewer, editor, approver, admin).
         */
        get: operations["getContractsByIdTermination"];
        put?: never;
        /**
         * Request the termination of a contract
         * @description How many approvers it needs (0, 1 or 2) follows from the highest approval tier the contract has ever reached (its value against the stage's per-currency thresholds), so lowering the value first changes nothing. With none needed its date is fixed at once and the client is given notice; effective today, the contract is terminated at once.
         *
         *     Needs the `write` permission (roles: editor, admin).
         */
        post: operations["postContractsByIdTermination"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contracts/{id}/termination/letter": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A download link for the termination letter (PDF) of the contract's current or latest termination
         * @description The letter is written when the termination's date is fixed; until then (or a moment after) it is a 404 file.not_found.
         *
         *     Needs the `read` permission (roles: viewer, editor, approver, admin).
         */
        get: operations["getContractsByIdTerminationLetter"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/termination-reasons": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The reasons a termination may give on this stage, and each one's rules
         * @description Needs the `read` permission (roles: viewer, editor, approver, admin).
         */
        get: operations["getTerminationReasons"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/terminations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Terminations effective between two dates, counted by reason, status and month
         * @description As a spreadsheet (`format=csv` or `format=xlsx`, or `Accept: text/csv` or `Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`): the terminations the report counts, one a row by effective date, `decisions` as JSON, every one (not a page: `limit` and `cursor` do not apply), streamed as a download whose columns are the JSON fields' names. On AWS it comes as a 303 to a short-lived download link by default (`delivery`), since a Lambda reply is at most 6 MB. Text a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is written after an apostrophe; an import reads it back without.
         *
         *     Needs the `read` permission (roles: viewer, editor, approver, admin).
         */
        get: operations["getReportsTerminations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contracts/{id}/termination/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a pending termination (not by its requester)
         * @description A termination needs as many distinct approvers as `approvals_required` says, none of them its requester. Until the last one approves it stays PENDING_APPROVAL (each approval is added to `decisions`); the last one schedules it, and one due today ends the contract at once.
         *
         *     Needs the `approve` permission (roles: approver, admin).
         */
        post: operations["postContractsByIdTerminationApprove"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contracts/{id}/termination/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject a pending termination, saying why (not by its requester)
         * @description Needs the `approve` permission (roles: approver, admin).
         */
        post: operations["postContractsByIdTerminationReject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contracts/{id}/termination/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Withdraw your own termination request while it is pending or scheduled
         * @description Needs the `write` permission (roles: editor, admin).
         */
        post: operations["postContractsByIdTerminationWithdraw"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/terminations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Terminations by status (default: pending approval and scheduled), effective on or before a date
         * @description Needs the `read` permission (roles: viewer, editor, approver, admin).
         */
        get: operations["getTerminations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contracts/{id}/termination/letter/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The termination letter (PDF) as it will be sent, rendered before anything is sent
         * @description For an open termination (pending approval or scheduled). Rendered by the renderer of the sent letter, from the same content: read by an approver who may still approve, it includes their approval, so it is the letter their approval sends (dated today).
         *
         *     Needs the `read` permission (roles: viewer, editor, approver, admin).
         */
        get: operations["getContractsByIdTerminationLetterPreview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Queue a notice from a template; it is sent by the notifier
         * @description `props` are checked against the template's schema. Links are not taken: the notice's links are made from the stage's console URL. Every contract the notice names (`contract_id`, `props.contract_id`) must exist. The reply is 202: delivery happens later; follow `location`.
         *
         *     Needs the `admin` permission (roles: admin).
         */
        post: operations["postNotifications"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A notice and its delivery state
         * @description Needs the `read` permission (roles: viewer, editor, approver, admin).
         */
        get: operations["getNotificationsById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contracts/{id}/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A contract's notices, newest first
         * @description Needs the `read` permission (roles: viewer, editor, approver, admin).
         */
        get: operations["getContractsByIdNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The stage's termination policy: approval thresholds per currency, reasons and their rules, who approves
         * @description Needs the `admin` permission (roles: admin).
         */
        get: operations["getAdminPolicy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/notifications/dead": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Notices that ran out of attempts, most recently failed first (admin)
         * @description Needs the `admin` permission (roles: admin).
         */
        get: operations["getAdminNotificationsDead"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/notifications/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replay a DEAD notice
         * @description Needs the `admin` permission (roles: admin).
         */
        post: operations["postAdminNotificationsByIdRetry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/dead-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Events whose effects kept failing and were parked (admin)
         * @description Needs the `admin` permission (roles: admin).
         */
        get: operations["getAdminDeadEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/dead-events/{event_id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run a dead event's remaining effects again (admin)
         * @description Needs the `admin` permission (roles: admin).
         */
        post: operations["postAdminDeadEventsByEventIdReplay"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every webhook subscription, oldest first
         * @description Needs the `admin` permission (roles: admin).
         */
        get: operations["getAdminWebhooks"];
        put?: never;
        /**
         * Subscribe a receiver to event types; the reply shows its signing secret, once
         * @description Deliveries are signed as Standard Webhooks specifies (`webhook-id`, `webhook-timestamp`, `webhook-signature`); verify them with the `standardwebhooks` libraries and the `secret` of this reply, which is not shown again. The URL is refused (422 `webhook.target_refused`) unless it is https and its host resolves to public addresses only; the rule is checked again at every delivery.
         *
         *     Needs the `admin` permission (roles: admin).
         */
        post: operations["postAdminWebhooks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A webhook subscription (without its secrets)
         * @description Needs the `admin` permission (roles: admin).
         */
        get: operations["getAdminWebhooksById"];
        put?: never;
        post?: never;
        /**
         * Delete a subscription: nothing more is delivered to it
         * @description Needs the `admin` permission (roles: admin).
         */
        delete: operations["deleteAdminWebhooksById"];
        options?: never;
        head?: never;
        /**
         * Change a subscription's URL, event types, description or whether it is enabled
         * @description A new URL is checked as on creation. With `version`, the change applies only to that version (409 otherwise).
         *
         *     Needs the `admin` permission (roles: admin).
         */
        patch: operations["patchAdminWebhooksById"];
        trace?: never;
    };
    "/api/admin/webhooks/{id}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Make a new signing secret, shown once; the previous one keeps signing beside it for the overlap
         * @description During the overlap every delivery carries two `v1,` signatures (the specification allows several), so the receiver can switch to the new secret at its own pace.
         *
         *     Needs the `admin` permission (roles: admin).
         */
        post: operations["postAdminWebhooksByIdRotate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/webhooks/{id}/ping": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a `webhook.ping` delivery, to check the receiver and its secret
         * @description Needs the `admin` permission (roles: admin).
         */
        post: operations["postAdminWebhooksByIdPing"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A subscription's delivery log, newest first: status, attempts, the receiver's last status code and latency
         * @description Needs the `admin` permission (roles: admin).
         */
        get: operations["getAdminWebhooksByIdDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/webhooks/{id}/deliveries/{delivery_id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a delivery again (same `webhook-id` and body), with a fresh set of attempts
         * @description Any delivery that has ended, delivered or dead; one still being tried is refused (409 `webhook.delivery_in_progress`).
         *
         *     Needs the `admin` permission (roles: admin).
         */
        post: operations["postAdminWebhooksByIdDeliveriesByDeliveryIdReplay"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    "contract.created": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A `contract.created` event
         * @description POSTed to each subscription of this event type. Verify it with the `standardwebhooks` library and the subscription's secret before reading it; answer 2xx within the stage's timeout (10 s) once it is stored. Anything else is retried with exponential backoff and jitter, with the same `webhook-id`, until the stage's attempts are spent. `data` carries its schema's version (`schema_version` or `version`): a new field is additive, a breaking change a new version.
         */
        post: operations["webhookContractCreated"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "contract.updated": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A `contract.updated` event
         * @description POSTed to each subscription of this event type. Verify it with the `standardwebhooks` library and the subscription's secret before reading it; answer 2xx within the stage's timeout (10 s) once it is stored. Anything else is retried with exponential backoff and jitter, with the same `webhook-id`, until the stage's attempts are spent. `data` carries its schema's version (`schema_version` or `version`): a new field is additive, a breaking change a new version.
         */
        post: operations["webhookContractUpdated"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "contract.renewed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A `contract.renewed` event
         * @description POSTed to each subscription of this event type. Verify it with the `standardwebhooks` library and the subscription's secret before reading it; answer 2xx within the stage's timeout (10 s) once it is stored. Anything else is retried with exponential backoff and jitter, with the same `webhook-id`, until the stage's attempts are spent. `data` carries its schema's version (`schema_version` or `version`): a new field is additive, a breaking change a new version.
         */
        post: operations["webhookContractRenewed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "contract.expired": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A `contract.expired` event
         * @description POSTed to each subscription of this event type. Verify it with the `standardwebhooks` library and the subscription's secret before reading it; answer 2xx within the stage's timeout (10 s) once it is stored. Anything else is retried with exponential backoff and jitter, with the same `webhook-id`, until the stage's attempts are spent. `data` carries its schema's version (`schema_version` or `version`): a new field is additive, a breaking change a new version.
         */
        post: operations["webhookContractExpired"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "contract.suspended": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A `contract.suspended` event
         * @description POSTed to each subscription of this event type. Verify it with the `standardwebhooks` library and the subscription's secret before reading it; answer 2xx within the stage's timeout (10 s) once it is stored. Anything else is retried with exponential backoff and jitter, with the same `webhook-id`, until the stage's attempts are spent. `data` carries its schema's version (`schema_version` or `version`): a new field is additive, a breaking change a new version.
         */
        post: operations["webhookContractSuspended"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "contract.reinstated": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A `contract.reinstated` event
         * @description POSTed to each subscription of this event type. Verify it with the `standardwebhooks` library and the subscription's secret before reading it; answer 2xx within the stage's timeout (10 s) once it is stored. Anything else is retried with exponential backoff and jitter, with the same `webhook-id`, until the stage's attempts are spent. `data` carries its schema's version (`schema_version` or `version`): a new field is additive, a breaking change a new version.
         */
        post: operations["webhookContractReinstated"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "contract.deleted": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A `contract.deleted` event
         * @description POSTed to each subscription of this event type. Verify it with the `standardwebhooks` library and the subscription's secret before reading it; answer 2xx within the stage's timeout (10 s) once it is stored. Anything else is retried with exponential backoff and jitter, with the same `webhook-id`, until the stage's attempts are spent. `data` carries its schema's version (`schema_version` or `version`): a new field is additive, a breaking change a new version.
         */
        post: operations["webhookContractDeleted"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "contract.restored": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A `contract.restored` event
         * @description POSTed to each subscription of this event type. Verify it with the `standardwebhooks` library and the subscription's secret before reading it; answer 2xx within the stage's timeout (10 s) once it is stored. Anything else is retried with exponential backoff and jitter, with the same `webhook-id`, until the stage's attempts are spent. `data` carries its schema's version (`schema_version` or `version`): a new field is additive, a breaking change a new version.
         */
        post: operations["webhookContractRestored"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "termination.requested": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A `termination.requested` event
         * @description POSTed to each subscription of this event type. Verify it with the `standardwebhooks` library and the subscription's secret before reading it; answer 2xx within the stage's timeout (10 s) once it is stored. Anything else is retried with exponential backoff and jitter, with the same `webhook-id`, until the stage's attempts are spent. `data` carries its schema's version (`schema_version` or `version`): a new field is additive, a breaking change a new version.
         */
        post: operations["webhookTerminationRequested"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "termination.approval_recorded": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A `termination.approval_recorded` event
         * @description POSTed to each subscription of this event type. Verify it with the `standardwebhooks` library and the subscription's secret before reading it; answer 2xx within the stage's timeout (10 s) once it is stored. Anything else is retried with exponential backoff and jitter, with the same `webhook-id`, until the stage's attempts are spent. `data` carries its schema's version (`schema_version` or `version`): a new field is additive, a breaking change a new version.
         */
        post: operations["webhookTerminationApprovalRecorded"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "termination.approved": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A `termination.approved` event
         * @description POSTed to each subscription of this event type. Verify it with the `standardwebhooks` library and the subscription's secret before reading it; answer 2xx within the stage's timeout (10 s) once it is stored. Anything else is retried with exponential backoff and jitter, with the same `webhook-id`, until the stage's attempts are spent. `data` carries its schema's version (`schema_version` or `version`): a new field is additive, a breaking change a new version.
         */
        post: operations["webhookTerminationApproved"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "termination.rejected": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A `termination.rejected` event
         * @description POSTed to each subscription of this event type. Verify it with the `standardwebhooks` library and the subscription's secret before reading it; answer 2xx within the stage's timeout (10 s) once it is stored. Anything else is retried with exponential backoff and jitter, with the same `webhook-id`, until the stage's attempts are spent. `data` carries its schema's version (`schema_version` or `version`): a new field is additive, a breaking change a new version.
         */
        post: operations["webhookTerminationRejected"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "termination.scheduled": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A `termination.scheduled` event
         * @description POSTed to each subscription of this event type. Verify it with the `standardwebhooks` library and the subscription's secret before reading it; answer 2xx within the stage's timeout (10 s) once it is stored. Anything else is retried with exponential backoff and jitter, with the same `webhook-id`, until the stage's attempts are spent. `data` carries its schema's version (`schema_version` or `version`): a new field is additive, a breaking change a new version.
         */
        post: operations["webhookTerminationScheduled"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "termination.completed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A `termination.completed` event
         * @description POSTed to each subscription of this event type. Verify it with the `standardwebhooks` library and the subscription's secret before reading it; answer 2xx within the stage's timeout (10 s) once it is stored. Anything else is retried with exponential backoff and jitter, with the same `webhook-id`, until the stage's attempts are spent. `data` carries its schema's version (`schema_version` or `version`): a new field is additive, a breaking change a new version.
         */
        post: operations["webhookTerminationCompleted"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "termination.withdrawn": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A `termination.withdrawn` event
         * @description POSTed to each subscription of this event type. Verify it with the `standardwebhooks` library and the subscription's secret before reading it; answer 2xx within the stage's timeout (10 s) once it is stored. Anything else is retried with exponential backoff and jitter, with the same `webhook-id`, until the stage's attempts are spent. `data` carries its schema's version (`schema_version` or `version`): a new field is additive, a breaking change a new version.
         */
        post: operations["webhookTerminationWithdrawn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "notice.delivered": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A `notice.delivered` event
         * @description POSTed to each subscription of this event type. Verify it with the `standardwebhooks` library and the subscription's secret before reading it; answer 2xx within the stage's timeout (10 s) once it is stored. Anything else is retried with exponential backoff and jitter, with the same `webhook-id`, until the stage's attempts are spent. `data` carries its schema's version (`schema_version` or `version`): a new field is additive, a breaking change a new version.
         */
        post: operations["webhookNoticeDelivered"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "notice.bounced": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A `notice.bounced` event
         * @description POSTed to each subscription of this event type. Verify it with the `standardwebhooks` library and the subscription's secret before reading it; answer 2xx within the stage's timeout (10 s) once it is stored. Anything else is retried with exponential backoff and jitter, with the same `webhook-id`, until the stage's attempts are spent. `data` carries its schema's version (`schema_version` or `version`): a new field is additive, a breaking change a new version.
         */
        post: operations["webhookNoticeBounced"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "webhook.ping": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A test delivery (`POST /api/admin/webhooks/{id}/ping`)
         * @description POSTed to each subscription of this event type. Verify it with the `standardwebhooks` library and the subscription's secret before reading it; answer 2xx within the stage's timeout (10 s) once it is stored. Anything else is retried with exponential backoff and jitter, with the same `webhook-id`, until the stage's attempts are spent. `data` carries its schema's version (`schema_version` or `version`): a new field is additive, a breaking change a new version.
         */
        post: operations["webhookWebhookPing"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        Client: {
            client_id: string;
            name: string;
            email: string;
            phone?: string;
            address?: string;
            /** @enum {string} */
            status: "ACTIVE" | "INACTIVE";
            version: number;
            created_at: string;
            updated_at: string;
        };
        Contract: {
            contract_id: string;
            client_id: string;
            title: string;
            /** @enum {string} */
            contract_type: "SERVICE" | "SUPPLY" | "LICENSE" | "LEASE" | "MAINTENANCE" | "CONSULTING" | "EMPLOYMENT" | "OTHER";
            /** @enum {string} */
            status: "ACTIVE" | "SUSPENDED" | "PENDING_TERMINATION" | "TERMINATED" | "EXPIRED";
            start_date: string;
            /** @description The term's last day; absent for an EVERGREEN contract. */
            end_date?: string;
            value: number;
            currency: string;
            notice_period_days: number;
            /**
             * @description NONE: expires after end_date unless renewed. AUTO: renews for renewal_term_months unless notice is given by notice_deadline. EVERGREEN: no end date; runs until terminated with notice.
             * @enum {string}
             */
            renewal: "NONE" | "AUTO" | "EVERGREEN";
            renewal_term_months?: number;
            /** @description end_date minus notice_period_days: the last day notice can be given so the contract ends at end_date (AUTO: after it, the contract renews). Absent for EVERGREEN. */
            notice_deadline?: string;
            owner_id?: string;
            owner_email?: string;
            termination_reason?: string;
            /** @description The most approvers any of the contract's terms ever needed; ending it needs at least this many (0, 1 or 2) */
            approval_tier?: number;
            termination_id?: string;
            version: number;
            created_at: string;
            updated_at: string;
        };
        Termination: {
            termination_id: string;
            contract_id: string;
            /** @enum {string} */
            status: "PENDING_APPROVAL" | "SCHEDULED" | "COMPLETED" | "REJECTED" | "WITHDRAWN";
            reason: string;
            reason_label: string;
            /** @description Internal; never sent to the client */
            notes?: string;
            /** @description What the client reads in the notice and the letter */
            client_message?: string;
            effective_date: string;
            /** @enum {string} */
            notice_basis?: "NOTICE_PERIOD" | "SHORT_NOTICE";
            approval_required: boolean;
            /** @description Distinct approvers needed, none of them the requester: 0, 1 or 2 */
            approvals_required: number;
            /** @description Every approval or rejection, oldest first */
            decisions: {
                by: string;
                name?: string;
                at: string;
                /** @enum {string} */
                outcome: "APPROVED" | "REJECTED";
                comment?: string;
            }[];
            /** @enum {string} */
            previous_status: "ACTIVE" | "SUSPENDED";
            requested_by: string;
            requested_by_name?: string;
            requested_at: string;
            withdrawn_at?: string;
            completed_at?: string;
            version: number;
            updated_at: string;
        };
        AuditEntry: {
            audit_id: string;
            entity: string;
            entity_id: string;
            action: string;
            actor: string;
            actor_email?: string;
            actor_name?: string;
            request_id: string;
            at: string;
            before?: unknown;
            after?: unknown;
        };
        File: {
            file_id: string;
            contract_id: string;
            filename: string;
            content_type: string;
            size: number;
            sha256: string;
            /** @enum {string} */
            kind: "document" | "signed_contract" | "termination_letter";
            /** @enum {string} */
            status: "PENDING" | "AVAILABLE" | "REJECTED" | "DELETED";
            rejection_reason?: string;
            uploaded_by: string;
            created_at: string;
            updated_at: string;
            deleted_at?: string;
            deleted_by?: string;
            archived_at?: string;
        };
        UploadGrant: {
            file: components["schemas"]["File"];
            upload: {
                /** @enum {string} */
                method: "PUT" | "GET";
                url: string;
                headers: {
                    [key: string]: string;
                };
                expires_at: string;
            };
        };
        DownloadLink: {
            file: components["schemas"]["File"];
            download: {
                /** @enum {string} */
                method: "PUT" | "GET";
                url: string;
                headers: {
                    [key: string]: string;
                };
                expires_at: string;
            };
        };
        Notification: {
            notification_id: string;
            /** @enum {string} */
            template: "termination-notice" | "termination-confirmation" | "termination-withdrawn" | "status-update" | "approval-request" | "termination-decision" | "end-date-reminder" | "contract-renewed" | "contract-expired" | "system-alert";
            to: string[];
            contract_id?: string;
            /** @description The termination the notice is part of, if any */
            termination_id?: string;
            props: {
                [key: string]: unknown;
            };
            /** @description Ids of the contract's files sent with the notice */
            attachments?: string[];
            /** @enum {string} */
            status: "QUEUED" | "SENT" | "FAILED" | "DEAD";
            attempts: number;
            /** @description SES's message id of the last send it accepted */
            ses_message_id?: string;
            /** @description Every send attempt, oldest first. One without a message id failed, or its worker stopped before recording SES's answer (the mail may have gone out). */
            sends?: {
                /** @description When the attempt began (before SES was called) */
                at: string;
                /** @description SES's message id, once SES accepted the mail */
                message_id?: string;
                accepted_at?: string;
            }[];
            last_error_code?: string;
            created_at: string;
            updated_at: string;
            sent_at?: string;
            /** @enum {string} */
            delivery_status?: "DELIVERED" | "BOUNCED" | "COMPLAINED";
            delivery_at?: string;
            delivery_detail?: string;
        };
        OutboxEvent: {
            event_id: string;
            origin_id: string;
            type: string;
            contract_id: string;
            /** @enum {string} */
            status: "PENDING" | "DONE" | "DEAD" | "REPLAYED";
            effects_done: string[];
            attempts: number;
            last_error?: string;
            created_at: string;
            updated_at: string;
        };
        ContractSearchResult: {
            items: {
                contract_id: string;
                client_id: string;
                title: string;
                /** @enum {string} */
                contract_type: "SERVICE" | "SUPPLY" | "LICENSE" | "LEASE" | "MAINTENANCE" | "CONSULTING" | "EMPLOYMENT" | "OTHER";
                /** @enum {string} */
                status: "ACTIVE" | "SUSPENDED" | "PENDING_TERMINATION" | "TERMINATED" | "EXPIRED";
                start_date: string;
                /** @description The term's last day; absent for an EVERGREEN contract. */
                end_date?: string;
                value: number;
                currency: string;
                notice_period_days: number;
                /**
                 * @description NONE: expires after end_date unless renewed. AUTO: renews for renewal_term_months unless notice is given by notice_deadline. EVERGREEN: no end date; runs until terminated with notice.
                 * @enum {string}
                 */
                renewal: "NONE" | "AUTO" | "EVERGREEN";
                renewal_term_months?: number;
                /** @description end_date minus notice_period_days: the last day notice can be given so the contract ends at end_date (AUTO: after it, the contract renews). Absent for EVERGREEN. */
                notice_deadline?: string;
                owner_id?: string;
                owner_email?: string;
                termination_reason?: string;
                /** @description The most approvers any of the contract's terms ever needed; ending it needs at least this many (0, 1 or 2) */
                approval_tier?: number;
                termination_id?: string;
                version: number;
                created_at: string;
                updated_at: string;
                client_name: string;
            }[];
            truncated: boolean;
        };
        TerminationReason: {
            code: string;
            label: string;
            /** @description May end a contract before its notice period ends */
            short_notice: boolean;
            /** @description The request must carry `notes` */
            comment_required: boolean;
            /** @description Ends the contract on its term's last day (`end_date`) and no other; open-ended (EVERGREEN) contracts cannot use it */
            end_of_term: boolean;
        };
        TerminationReport: {
            from: string;
            to: string;
            total: number;
            by_reason: {
                reason: string;
                label: string;
                count: number;
            }[];
            by_status: {
                /** @enum {string} */
                status: "PENDING_APPROVAL" | "SCHEDULED" | "COMPLETED" | "REJECTED" | "WITHDRAWN";
                count: number;
            }[];
            by_month: {
                /** @description YYYY-MM of the effective date */
                month: string;
                count: number;
            }[];
        };
        TerminationPolicy: {
            thresholds: {
                /** @description An ISO 4217 code the stage accepts; any other currency is refused */
                currency: string;
                /** @description From this value, one approver */
                one: number;
                /** @description From this value, two distinct approvers */
                two: number;
            }[];
            /** @description Approvers are reminded of a request that has waited longer */
            remind_after_days: number;
            reasons: components["schemas"]["TerminationReason"][];
            approvers: {
                /** @description The issuer's groups whose role may approve */
                groups: {
                    group: string;
                    /** @enum {string} */
                    role: "viewer" | "editor" | "approver" | "admin";
                }[];
                /** @description Where approval requests go when no approver can be named */
                fallback_emails: string[];
            };
        };
        ImportReport: {
            file: string;
            dry_run: boolean;
            /** @description Rows read, the header not counted */
            rows: number;
            create: number;
            update: number;
            unchanged: number;
            refused: number;
            /** @description Columns that are no field and have no mapping (an export's read-only columns among them) */
            ignored_columns: string[];
            items: {
                /** @description The row's number as a spreadsheet shows it: the header is row 1 */
                row: number;
                /** @enum {string} */
                action: "create" | "update" | "unchanged" | "refused";
                contract_id?: string;
                creates_client?: boolean;
                changes?: string[];
                errors?: {
                    path: string;
                    message: string;
                }[];
            }[];
        };
        ImportJob: {
            import_id: string;
            upload_id: string;
            file: string;
            dry_run: boolean;
            create_clients: boolean;
            mapping_name?: string;
            /**
             * @description QUEUED, RUNNING (some rows done), DONE, or FAILED (see `error`).
             * @enum {string}
             */
            status: "QUEUED" | "RUNNING" | "DONE" | "FAILED";
            /** @description Rows done so far, the header not counted */
            rows: number;
            create: number;
            update: number;
            unchanged: number;
            /** @description Rows refused: each is listed, with its fields' errors, at `/api/imports/{id}/refused` */
            refused: number;
            /** @description The last row done, as a spreadsheet numbers it (the header is row 1): a continuation starts after it */
            done_through: number;
            ignored_columns: string[];
            error?: string;
            created_by: string;
            created_at: string;
            updated_at: string;
            finished_at?: string;
        };
        ImportUploadGrant: {
            /** @description Start an import of the file with it, once the PUT succeeded (as often as needed: a dry run, then the real one). */
            upload_id: string;
            filename: string;
            upload: {
                /** @enum {string} */
                method: "PUT" | "GET";
                url: string;
                headers: {
                    [key: string]: string;
                };
                expires_at: string;
            };
        };
        ImportRefusedRow: {
            row: number;
            errors: {
                path: string;
                message: string;
            }[];
        };
        SavedImportMapping: {
            name: string;
            mapping: {
                /**
                 * @description The file's column names to the API's field names; a column named as a field needs no entry.
                 * @default {}
                 */
                columns: {
                    [key: string]: "client_id" | "title" | "contract_type" | "start_date" | "end_date" | "value" | "currency" | "notice_period_days" | "renewal" | "renewal_term_months" | "external_ref" | "contract_id" | "client_email" | "client_name";
                };
                /**
                 * @description How the file writes dates; XLSX dates stored as dates (serial numbers) are read whatever this says.
                 * @default YYYY-MM-DD
                 * @enum {string}
                 */
                date_format: "YYYY-MM-DD" | "DD/MM/YYYY" | "MM/DD/YYYY" | "DD.MM.YYYY";
                /**
                 * @description `1.234,50` with `,`; the other mark and spaces are read as thousands separators.
                 * @default .
                 * @enum {string}
                 */
                decimal_separator: "." | ",";
            };
            updated_by: string;
            created_at: string;
            updated_at: string;
        };
        CalendarLink: {
            /** @description The feed's address, with its secret: subscribe a calendar to it. Shown this once. */
            url: string;
            created_at: string;
        };
        WebhookSubscription: {
            subscription_id: string;
            url: string;
            description?: string;
            event_types: string[];
            enabled: boolean;
            /** @description The secrets that sign deliveries now, newest first; the secrets themselves are shown only when made. */
            secrets: {
                /** @description The secret's last four characters, to tell which one a receiver holds. */
                hint: string;
                created_at: string;
                /** @description A rotated-out secret signs beside the new one until then. */
                expires_at?: string;
            }[];
            version: number;
            created_at: string;
            updated_at: string;
        };
        WebhookSubscriptionWithSecret: {
            subscription_id: string;
            url: string;
            description?: string;
            event_types: string[];
            enabled: boolean;
            /** @description The secrets that sign deliveries now, newest first; the secrets themselves are shown only when made. */
            secrets: {
                /** @description The secret's last four characters, to tell which one a receiver holds. */
                hint: string;
                created_at: string;
                /** @description A rotated-out secret signs beside the new one until then. */
                expires_at?: string;
            }[];
            version: number;
            created_at: string;
            updated_at: string;
            /** @description The new signing secret (`whsec_…`). Shown this once: keep it where the receiver reads it. */
            secret: string;
        };
        WebhookDelivery: {
            /** @description The `webhook-id` header of every attempt: the same for each retry and replay, so a receiver can ignore one it already handled. */
            delivery_id: string;
            subscription_id: string;
            event_id: string;
            event_type: string;
            /**
             * @description PENDING (queued), SUCCEEDED (answered 2xx), FAILING (retried with backoff) or DEAD (out of attempts; replay it).
             * @enum {string}
             */
            status: "PENDING" | "SUCCEEDED" | "FAILING" | "DEAD";
            /** @description Attempts ever made, replays included. */
            attempts: number;
            /** @description The receiver's HTTP status at the last attempt; absent when it did not answer. */
            last_status_code?: number;
            last_latency_ms?: number;
            /** @description Why the last attempt failed (a status, a timeout, a refused address). */
            last_error?: string;
            last_attempt_at?: string;
            delivered_at?: string;
            created_at: string;
            updated_at: string;
        };
        Me: {
            id: string;
            name?: string;
            email?: string;
            roles: ("viewer" | "editor" | "approver" | "admin")[];
            capabilities: ("read" | "write" | "approve" | "admin")[];
        };
        Health: {
            /** @enum {string} */
            status: "ok" | "degraded";
            checks: {
                /** @enum {string} */
                table: "ok" | "timeout" | "error";
                /** @enum {string} */
                files: "ok" | "timeout" | "error";
                /** @enum {string} */
                archives: "ok" | "timeout" | "error";
                /** @enum {string} */
                backups: "ok" | "timeout" | "error";
                /** @enum {string} */
                mail: "ok" | "timeout" | "error";
            };
        };
        ClientCreate: {
            /** @description Search finds the client and its contracts by the first 40 distinct words of this text (letters and digits; case and accents ignored). A longer text is stored whole; its later words are not searchable. */
            name: string;
            /** Format: email */
            email: string;
            phone?: string;
            address?: string;
            /** @enum {string} */
            status?: "ACTIVE" | "INACTIVE";
        };
        /** @description The fields to change, at least one besides `version`; fields left out keep their value. */
        ClientUpdate: {
            /** @description Search finds the client and its contracts by the first 40 distinct words of this text (letters and digits; case and accents ignored). A longer text is stored whole; its later words are not searchable. */
            name?: string;
            /** Format: email */
            email?: string;
            phone?: string;
            address?: string;
            /** @enum {string} */
            status?: "ACTIVE" | "INACTIVE";
            version?: number;
        };
        /** @description `end_date` must not be before `start_date`, and is required unless `renewal` is EVERGREEN (which takes none). AUTO requires `renewal_term_months`. The client must exist (else 422 naming `client_id`) and be ACTIVE (else 409 `client.inactive`). */
        ContractCreate: {
            client_id: string;
            /** @description Search finds the contract by the first 40 distinct words of this text (letters and digits; case and accents ignored). A longer text is stored whole; its later words are not searchable. */
            title: string;
            /** @enum {string} */
            contract_type: "SERVICE" | "SUPPLY" | "LICENSE" | "LEASE" | "MAINTENANCE" | "CONSULTING" | "EMPLOYMENT" | "OTHER";
            /**
             * Format: date
             * @description A calendar date, YYYY-MM-DD, that exists (no 2026-02-30), up to 9999-12-30.
             */
            start_date: string;
            /**
             * Format: date
             * @description Required unless renewal is EVERGREEN, which must not have one.
             */
            end_date?: string;
            /** @description Exact amount in major units of `currency`: at most two decimals and 15 significant digits (up to 10000000000000). */
            value: number;
            /** @description An active ISO 4217 code (default USD) that the stage has approval thresholds for, its own or converted from USD at the stage's exchange rate; any other is refused with 422 (`validation.failed` on `currency`). */
            currency?: string;
            notice_period_days?: number;
            /**
             * @description Default NONE. AUTO requires renewal_term_months; EVERGREEN takes no end_date and no renewal_term_months.
             * @enum {string}
             */
            renewal?: "NONE" | "AUTO" | "EVERGREEN";
            /** @description AUTO: the length of each renewal. NONE: the default term of a manual renewal. */
            renewal_term_months?: number;
        };
        /** @description The terms to change, at least one besides `version` and `client_id`; fields left out keep their value. `client_id` may be sent back unchanged, never changed (422). After the change `end_date` must not be before `start_date`. A body `version` and `If-Match` must name the same version. */
        ContractUpdate: {
            /** @description Search finds the contract by the first 40 distinct words of this text (letters and digits; case and accents ignored). A longer text is stored whole; its later words are not searchable. */
            title?: string;
            /** @enum {string} */
            contract_type?: "SERVICE" | "SUPPLY" | "LICENSE" | "LEASE" | "MAINTENANCE" | "CONSULTING" | "EMPLOYMENT" | "OTHER";
            /**
             * Format: date
             * @description A calendar date, YYYY-MM-DD, that exists (no 2026-02-30), up to 9999-12-30.
             */
            start_date?: string;
            /**
             * Format: date
             * @description Required unless renewal is EVERGREEN, which must not have one.
             */
            end_date?: string;
            /** @description Exact amount in major units of `currency`: at most two decimals and 15 significant digits (up to 10000000000000). */
            value?: number;
            /** @description An active ISO 4217 code (default USD) that the stage has approval thresholds for, its own or converted from USD at the stage's exchange rate; any other is refused with 422 (`validation.failed` on `currency`). */
            currency?: string;
            notice_period_days?: number;
            /**
             * @description Default NONE. AUTO requires renewal_term_months; EVERGREEN takes no end_date and no renewal_term_months.
             * @enum {string}
             */
            renewal?: "NONE" | "AUTO" | "EVERGREEN";
            /** @description AUTO: the length of each renewal. NONE: the default term of a manual renewal. */
            renewal_term_months?: number;
            client_id?: string;
            version?: number;
        };
        ContractRenewal: {
            /** @description How long the new term runs; default: the contract's renewal_term_months (required when it has none, else 422). The new end date must not be already past (else 422). */
            term_months?: number;
        };
        /** @description `effective_date` must not be in the past, and only a reason of the stage's catalogue that allows short notice (`GET /api/termination-reasons`) may end the contract before its notice period ends (else 422 naming `effective_date`). A reason whose `comment_required` is true needs `notes` (else 422). */
        TerminationRequest: {
            /** @description A code of the stage's reasons catalogue (GET /api/termination-reasons); by default MUTUAL_AGREEMENT, BREACH, CONVENIENCE, NON_RENEWAL, INSOLVENCY or OTHER. Reasons whose catalogue entry requires a comment need `notes`; only reasons that allow short notice may take effect before the notice period ends; a reason with `end_of_term` (NON_RENEWAL) takes effect on the contract's `end_date` only (else 422 naming `effective_date`). */
            reason: string;
            /**
             * Format: date
             * @description Default: today plus the contract's notice period (the term's last day for an `end_of_term` reason); never in the past
             */
            effective_date?: string;
            /** @description Internal notes for the people deciding; never sent to the client */
            notes?: string;
            /** @description A message to the client, printed in the notice and the letter */
            client_message?: string;
        };
        TerminationApproval: {
            comment?: string;
        };
        TerminationRejection: {
            comment: string;
        };
        /** @description `content_type` must be one of the stage's document types (PDF, Word, Excel, PNG, JPEG, plain text; else 415 listing them in `allowed`), and `size` at most the stage's upload limit (25 MB; else 413 with `max_bytes`). */
        UploadRequest: {
            filename: string;
            content_type: string;
            size: number;
            sha256: string;
            /**
             * @default document
             * @enum {string}
             */
            kind: "document" | "signed_contract" | "termination_letter";
        };
        NoticeRequest: {
            /** @constant */
            template: "termination-notice";
            to: string[];
            contract_id?: string;
            props: {
                contract_id: string;
                contract_title: string;
                client_name: string;
                reason: string;
                /**
                 * Format: date
                 * @description A calendar date, YYYY-MM-DD, that exists (no 2026-02-30), up to 9999-12-30.
                 */
                effective_date: string;
                /** @enum {string} */
                notice_basis?: "NOTICE_PERIOD" | "SHORT_NOTICE";
                notice_period_days?: number;
                client_message?: string;
            };
        } | {
            /** @constant */
            template: "termination-confirmation";
            to: string[];
            contract_id?: string;
            props: {
                contract_id: string;
                contract_title: string;
                client_name: string;
                reason: string;
                /**
                 * Format: date
                 * @description A calendar date, YYYY-MM-DD, that exists (no 2026-02-30), up to 9999-12-30.
                 */
                effective_date: string;
            };
        } | {
            /** @constant */
            template: "termination-withdrawn";
            to: string[];
            contract_id?: string;
            props: {
                contract_id: string;
                contract_title: string;
                client_name: string;
                /**
                 * Format: date
                 * @description A calendar date, YYYY-MM-DD, that exists (no 2026-02-30), up to 9999-12-30.
                 */
                effective_date: string;
            };
        } | {
            /** @constant */
            template: "status-update";
            to: string[];
            contract_id?: string;
            props: {
                contract_id: string;
                contract_title: string;
                status: string;
                /**
                 * Format: date
                 * @description A calendar date, YYYY-MM-DD, that exists (no 2026-02-30), up to 9999-12-30.
                 */
                effective_date?: string;
                changed_by: string;
            };
        } | {
            /** @constant */
            template: "approval-request";
            to: string[];
            contract_id?: string;
            props: {
                contract_id: string;
                contract_title: string;
                requested_by: string;
                reason: string;
                value: number;
                currency: string;
                /**
                 * Format: date
                 * @description A calendar date, YYYY-MM-DD, that exists (no 2026-02-30), up to 9999-12-30.
                 */
                effective_date: string;
                waiting_days?: number;
                approver_name?: string;
                client_message?: string;
                /** @enum {string} */
                notice_basis?: "NOTICE_PERIOD" | "SHORT_NOTICE";
                notice_period_days?: number;
                approvals_required?: number;
                approved_by?: string[];
            };
        } | {
            /** @constant */
            template: "termination-decision";
            to: string[];
            contract_id?: string;
            props: {
                contract_id: string;
                contract_title: string;
                /** @enum {string} */
                decision: "APPROVED" | "REJECTED";
                decided_by: string;
                comment?: string;
            };
        } | {
            /** @constant */
            template: "end-date-reminder";
            to: string[];
            contract_id?: string;
            props: {
                contract_id: string;
                contract_title: string;
                /** @enum {string} */
                kind: "END_DATE" | "NOTICE_DEADLINE";
                /**
                 * Format: date
                 * @description A calendar date, YYYY-MM-DD, that exists (no 2026-02-30), up to 9999-12-30.
                 */
                due_date: string;
                days_left: number;
                /**
                 * Format: date
                 * @description A calendar date, YYYY-MM-DD, that exists (no 2026-02-30), up to 9999-12-30.
                 */
                end_date: string;
                notice_period_days: number;
                /** @enum {string} */
                renewal?: "NONE" | "AUTO" | "EVERGREEN";
                renewal_term_months?: number;
                /** Format: uri */
                contract_url?: string;
            };
        } | {
            /** @constant */
            template: "contract-renewed";
            to: string[];
            contract_id?: string;
            props: {
                contract_id: string;
                contract_title: string;
                /** @enum {string} */
                audience: "CLIENT" | "OWNER";
                client_name: string;
                /**
                 * Format: date
                 * @description A calendar date, YYYY-MM-DD, that exists (no 2026-02-30), up to 9999-12-30.
                 */
                previous_end_date: string;
                /**
                 * Format: date
                 * @description A calendar date, YYYY-MM-DD, that exists (no 2026-02-30), up to 9999-12-30.
                 */
                end_date: string;
                term_months: number;
                notice_period_days: number;
                /**
                 * Format: date
                 * @description A calendar date, YYYY-MM-DD, that exists (no 2026-02-30), up to 9999-12-30.
                 */
                notice_deadline: string;
                /** @enum {string} */
                how: "AUTO" | "MANUAL";
            };
        } | {
            /** @constant */
            template: "contract-expired";
            to: string[];
            contract_id?: string;
            props: {
                contract_id: string;
                contract_title: string;
                /** @enum {string} */
                audience: "CLIENT" | "OWNER";
                client_name: string;
                /**
                 * Format: date
                 * @description A calendar date, YYYY-MM-DD, that exists (no 2026-02-30), up to 9999-12-30.
                 */
                end_date: string;
            };
        } | {
            /** @constant */
            template: "system-alert";
            to: string[];
            contract_id?: string;
            props: {
                /** @enum {string} */
                kind: "NOTIFICATION_DEAD" | "BACKUP_FAILED";
                summary: string;
                subject_id: string;
                contract_id?: string;
                error_code?: string;
                /** Format: date-time */
                occurred_at: string;
                action?: string;
            };
        };
        ImportStart: {
            upload_id: string;
            /** @description How the file says things; the API's field names and ISO dates when left out. */
            mapping?: components["schemas"]["ImportMapping"];
            /** @description A saved mapping to read the file with; `mapping` is not read then. */
            mapping_name?: string;
            /**
             * @description `true`: report what each row would do and write nothing.
             * @default false
             */
            dry_run: boolean;
            /**
             * @description `true`: a row naming a client by `client_email` that does not exist creates it.
             * @default false
             */
            create_clients: boolean;
        };
        ImportUploadRequest: {
            /** @description The file's name, ending in `.csv` or `.xlsx`: it decides how the file is read, and the audit trail quotes it. */
            filename: string;
            size: number;
            sha256: string;
        };
        ImportMapping: {
            /**
             * @description The file's column names to the API's field names; a column named as a field needs no entry.
             * @default {}
             */
            columns: {
                [key: string]: "client_id" | "title" | "contract_type" | "start_date" | "end_date" | "value" | "currency" | "notice_period_days" | "renewal" | "renewal_term_months" | "external_ref" | "contract_id" | "client_email" | "client_name";
            };
            /**
             * @description How the file writes dates; XLSX dates stored as dates (serial numbers) are read whatever this says.
             * @default YYYY-MM-DD
             * @enum {string}
             */
            date_format: "YYYY-MM-DD" | "DD/MM/YYYY" | "MM/DD/YYYY" | "DD.MM.YYYY";
            /**
             * @description `1.234,50` with `,`; the other mark and spaces are read as thousands separators.
             * @default .
             * @enum {string}
             */
            decimal_separator: "." | ",";
        };
        WebhookCreate: {
            /** @description Where deliveries are POSTed. On a deployed stage an https URL whose host resolves to public addresses only; redirects are not followed. */
            url: string;
            /** @description The event types delivered to this receiver (see the document's `webhooks`). */
            event_types: ("contract.created" | "contract.updated" | "contract.renewed" | "contract.expired" | "contract.suspended" | "contract.reinstated" | "contract.deleted" | "contract.restored" | "termination.requested" | "termination.approval_recorded" | "termination.approved" | "termination.rejected" | "termination.scheduled" | "termination.completed" | "termination.withdrawn" | "notice.delivered" | "notice.bounced")[];
            description?: string;
            /** @default true */
            enabled: boolean;
        };
        /** @description The fields to change, at least one besides `version`; fields left out keep their value. */
        WebhookUpdate: {
            /** @description Where deliveries are POSTed. On a deployed stage an https URL whose host resolves to public addresses only; redirects are not followed. */
            url?: string;
            /** @description The event types delivered to this receiver (see the document's `webhooks`). */
            event_types?: ("contract.created" | "contract.updated" | "contract.renewed" | "contract.expired" | "contract.suspended" | "contract.reinstated" | "contract.deleted" | "contract.restored" | "termination.requested" | "termination.approval_recorded" | "termination.approved" | "termination.rejected" | "termination.scheduled" | "termination.completed" | "termination.withdrawn" | "notice.delivered" | "notice.bounced")[];
            description?: string;
            enabled?: boolean;
            version?: number;
        };
        WebhookRotation: {
            /**
             * @description How long the previous secret still signs beside the new one (0 to 168 hours; 24 when left out).
             * @default 24
             */
            overlap_hours: number;
        };
        /** @description A page of AuditEntry items; pass `next_cursor` as `cursor` for the next one (null on the last page). */
        AuditEntryPage: {
            items: components["schemas"]["AuditEntry"][];
            next_cursor: string | null;
        };
        /** @description A page of Client items; pass `next_cursor` as `cursor` for the next one (null on the last page). */
        ClientPage: {
            items: components["schemas"]["Client"][];
            next_cursor: string | null;
        };
        /** @description A page of Contract items; pass `next_cursor` as `cursor` for the next one (null on the last page). */
        ContractPage: {
            items: components["schemas"]["Contract"][];
            next_cursor: string | null;
        };
        /** @description A page of File items; pass `next_cursor` as `cursor` for the next one (null on the last page). */
        FilePage: {
            items: components["schemas"]["File"][];
            next_cursor: string | null;
        };
        /** @description A page of ImportRefusedRow items; pass `next_cursor` as `cursor` for the next one (null on the last page). */
        ImportRefusedRowPage: {
            items: components["schemas"]["ImportRefusedRow"][];
            next_cursor: string | null;
        };
        /** @description A page of Notification items; pass `next_cursor` as `cursor` for the next one (null on the last page). */
        NotificationPage: {
            items: components["schemas"]["Notification"][];
            next_cursor: string | null;
        };
        /** @description Every OutboxEvent item. */
        OutboxEventList: {
            items: components["schemas"]["OutboxEvent"][];
        };
        /** @description A page of OutboxEvent items; pass `next_cursor` as `cursor` for the next one (null on the last page). */
        OutboxEventPage: {
            items: components["schemas"]["OutboxEvent"][];
            next_cursor: string | null;
        };
        /** @description A page of SavedImportMapping items; pass `next_cursor` as `cursor` for the next one (null on the last page). */
        SavedImportMappingPage: {
            items: components["schemas"]["SavedImportMapping"][];
            next_cursor: string | null;
        };
        /** @description A page of Termination items; pass `next_cursor` as `cursor` for the next one (null on the last page). */
        TerminationPage: {
            items: components["schemas"]["Termination"][];
            next_cursor: string | null;
        };
        /** @description Every TerminationReason item. */
        TerminationReasonList: {
            items: components["schemas"]["TerminationReason"][];
        };
        /** @description A page of WebhookDelivery items; pass `next_cursor` as `cursor` for the next one (null on the last page). */
        WebhookDeliveryPage: {
            items: components["schemas"]["WebhookDelivery"][];
            next_cursor: string | null;
        };
        /** @description A page of WebhookSubscription items; pass `next_cursor` as `cursor` for the next one (null on the last page). */
        WebhookSubscriptionPage: {
            items: components["schemas"]["WebhookSubscription"][];
            next_cursor: string | null;
        };
        WebhookContractCreated: {
            /**
             * @description The event's type.
             * @constant
             */
            type: "contract.created";
            /** @description When the event happened (ISO 8601, UTC). */
            timestamp: string;
            data: {
                /** @constant */
                schema_version: 1;
                contract: {
                    contract_id: string;
                    client_id: string;
                    title: string;
                    /** @enum {string} */
                    contract_type: "SERVICE" | "SUPPLY" | "LICENSE" | "LEASE" | "MAINTENANCE" | "CONSULTING" | "EMPLOYMENT" | "OTHER";
                    /** @enum {string} */
                    status: "ACTIVE" | "SUSPENDED" | "PENDING_TERMINATION" | "TERMINATED" | "EXPIRED";
                    start_date: string;
                    /** @description The term's last day; absent for an EVERGREEN contract. */
                    end_date?: string;
                    value: number;
                    currency: string;
                    notice_period_days: number;
                    /**
                     * @description NONE: expires after end_date unless renewed. AUTO: renews for renewal_term_months unless notice is given by notice_deadline. EVERGREEN: no end date; runs until terminated with notice.
                     * @enum {string}
                     */
                    renewal: "NONE" | "AUTO" | "EVERGREEN";
                    renewal_term_months?: number;
                    /** @description end_date minus notice_period_days: the last day notice can be given so the contract ends at end_date (AUTO: after it, the contract renews). Absent for EVERGREEN. */
                    notice_deadline?: string;
                    owner_id?: string;
                    owner_email?: string;
                    termination_reason?: string;
                    /** @description The most approvers any of the contract's terms ever needed; ending it needs at least this many (0, 1 or 2) */
                    approval_tier?: number;
                    termination_id?: string;
                    version: number;
                    created_at: string;
                    updated_at: string;
                };
                actor: {
                    id: string;
                    email?: string;
                };
            };
        };
        WebhookContractUpdated: {
            /**
             * @description The event's type.
             * @constant
             */
            type: "contract.updated";
            /** @description When the event happened (ISO 8601, UTC). */
            timestamp: string;
            data: {
                /** @constant */
                schema_version: 1;
                contract: {
                    contract_id: string;
                    client_id: string;
                    title: string;
                    /** @enum {string} */
                    contract_type: "SERVICE" | "SUPPLY" | "LICENSE" | "LEASE" | "MAINTENANCE" | "CONSULTING" | "EMPLOYMENT" | "OTHER";
                    /** @enum {string} */
                    status: "ACTIVE" | "SUSPENDED" | "PENDING_TERMINATION" | "TERMINATED" | "EXPIRED";
                    start_date: string;
                    /** @description The term's last day; absent for an EVERGREEN contract. */
                    end_date?: string;
                    value: number;
                    currency: string;
                    notice_period_days: number;
                    /**
                     * @description NONE: expires after end_date unless renewed. AUTO: renews for renewal_term_months unless notice is given by notice_deadline. EVERGREEN: no end date; runs until terminated with notice.
                     * @enum {string}
                     */
                    renewal: "NONE" | "AUTO" | "EVERGREEN";
                    renewal_term_months?: number;
                    /** @description end_date minus notice_period_days: the last day notice can be given so the contract ends at end_date (AUTO: after it, the contract renews). Absent for EVERGREEN. */
                    notice_deadline?: string;
                    owner_id?: string;
                    owner_email?: string;
                    termination_reason?: string;
                    /** @description The most approvers any of the contract's terms ever needed; ending it needs at least this many (0, 1 or 2) */
                    approval_tier?: number;
                    termination_id?: string;
                    version: number;
                    created_at: string;
                    updated_at: string;
                };
                /** @description The fields whose value the update changed (besides `version` and `updated_at`). */
                changed: string[];
                actor: {
                    id: string;
                    email?: string;
                };
            };
        };
        WebhookContractRenewed: {
            /**
             * @description The event's type.
             * @constant
             */
            type: "contract.renewed";
            /** @description When the event happened (ISO 8601, UTC). */
            timestamp: string;
            data: {
                /** @constant */
                schema_version: 1;
                contract: {
                    contract_id: string;
                    title: string;
                    client_id: string;
                    notice_period_days: number;
                };
                client: {
                    name: string;
                    email: string;
                } | null;
                owner?: {
                    id: string;
                    email?: string;
                };
                actor: {
                    id: string;
                    email?: string;
                };
                previous_end_date: string;
                end_date: string;
                term_months: number;
                notice_deadline: string;
                /** @enum {string} */
                how: "AUTO" | "MANUAL";
            };
        };
        WebhookContractExpired: {
            /**
             * @description The event's type.
             * @constant
             */
            type: "contract.expired";
            /** @description When the event happened (ISO 8601, UTC). */
            timestamp: string;
            data: {
                /** @constant */
                schema_version: 1;
                contract: {
                    contract_id: string;
                    title: string;
                    client_id: string;
                    notice_period_days: number;
                };
                client: {
                    name: string;
                    email: string;
                } | null;
                owner?: {
                    id: string;
                    email?: string;
                };
                actor: {
                    id: string;
                    email?: string;
                };
                end_date: string;
            };
        };
        WebhookContractSuspended: {
            /**
             * @description The event's type.
             * @constant
             */
            type: "contract.suspended";
            /** @description When the event happened (ISO 8601, UTC). */
            timestamp: string;
            data: {
                /** @constant */
                schema_version?: 1;
                contract: {
                    contract_id: string;
                    title: string;
                    status: string;
                };
                actor: {
                    id: string;
                    email?: string;
                };
            };
        };
        WebhookContractReinstated: {
            /**
             * @description The event's type.
             * @constant
             */
            type: "contract.reinstated";
            /** @description When the event happened (ISO 8601, UTC). */
            timestamp: string;
            data: {
                /** @constant */
                schema_version?: 1;
                contract: {
                    contract_id: string;
                    title: string;
                    status: string;
                };
                actor: {
                    id: string;
                    email?: string;
                };
            };
        };
        WebhookContractDeleted: {
            /**
             * @description The event's type.
             * @constant
             */
            type: "contract.deleted";
            /** @description When the event happened (ISO 8601, UTC). */
            timestamp: string;
            data: {
                /** @constant */
                schema_version: 1;
                contract: {
                    contract_id: string;
                    client_id: string;
                };
                actor: {
                    id: string;
                    email?: string;
                };
            };
        };
        WebhookContractRestored: {
            /**
             * @description The event's type.
             * @constant
             */
            type: "contract.restored";
            /** @description When the event happened (ISO 8601, UTC). */
            timestamp: string;
            data: {
                /** @constant */
                schema_version: 1;
                contract: {
                    contract_id: string;
                };
                source: string;
            };
        };
        WebhookTerminationRequested: {
            /**
             * @description The event's type.
             * @constant
             */
            type: "termination.requested";
            /** @description When the event happened (ISO 8601, UTC). */
            timestamp: string;
            data: {
                /** @constant */
                version: 2;
                contract: {
                    contract_id: string;
                    client_id: string;
                    title: string;
                    status: string;
                    value: number;
                    currency: string;
                    notice_period_days: number;
                };
                termination: {
                    termination_id: string;
                    contract_id: string;
                    /** @enum {string} */
                    status: "PENDING_APPROVAL" | "SCHEDULED" | "COMPLETED" | "REJECTED" | "WITHDRAWN";
                    reason: string;
                    reason_label: string;
                    /** @description Internal; never sent to the client */
                    notes?: string;
                    /** @description What the client reads in the notice and the letter */
                    client_message?: string;
                    effective_date: string;
                    /** @enum {string} */
                    notice_basis?: "NOTICE_PERIOD" | "SHORT_NOTICE";
                    approval_required: boolean;
                    /** @description Distinct approvers needed, none of them the requester: 0, 1 or 2 */
                    approvals_required: number;
                    /** @description Every approval or rejection, oldest first */
                    decisions: {
                        by: string;
                        name?: string;
                        at: string;
                        /** @enum {string} */
                        outcome: "APPROVED" | "REJECTED";
                        comment?: string;
                    }[];
                    /** @enum {string} */
                    previous_status: "ACTIVE" | "SUSPENDED";
                    requested_by: string;
                    requested_by_name?: string;
                    requested_at: string;
                    withdrawn_at?: string;
                    completed_at?: string;
                    version: number;
                    updated_at: string;
                };
                requester: {
                    id: string;
                    email?: string;
                    name?: string;
                };
                approvers: {
                    id: string;
                    email?: string;
                    name?: string;
                }[];
                actor: {
                    id: string;
                    email?: string;
                    name?: string;
                };
                contract_before?: {
                    contract_id: string;
                    version: number;
                };
            };
        };
        WebhookTerminationApprovalRecorded: {
            /**
             * @description The event's type.
             * @constant
             */
            type: "termination.approval_recorded";
            /** @description When the event happened (ISO 8601, UTC). */
            timestamp: string;
            data: {
                /** @constant */
                version: 2;
                contract: {
                    contract_id: string;
                    client_id: string;
                    title: string;
                    status: string;
                    value: number;
                    currency: string;
                    notice_period_days: number;
                };
                termination: {
                    termination_id: string;
                    contract_id: string;
                    /** @enum {string} */
                    status: "PENDING_APPROVAL" | "SCHEDULED" | "COMPLETED" | "REJECTED" | "WITHDRAWN";
                    reason: string;
                    reason_label: string;
                    /** @description Internal; never sent to the client */
                    notes?: string;
                    /** @description What the client reads in the notice and the letter */
                    client_message?: string;
                    effective_date: string;
                    /** @enum {string} */
                    notice_basis?: "NOTICE_PERIOD" | "SHORT_NOTICE";
                    approval_required: boolean;
                    /** @description Distinct approvers needed, none of them the requester: 0, 1 or 2 */
                    approvals_required: number;
                    /** @description Every approval or rejection, oldest first */
                    decisions: {
                        by: string;
                        name?: string;
                        at: string;
                        /** @enum {string} */
                        outcome: "APPROVED" | "REJECTED";
                        comment?: string;
                    }[];
                    /** @enum {string} */
                    previous_status: "ACTIVE" | "SUSPENDED";
                    requested_by: string;
                    requested_by_name?: string;
                    requested_at: string;
                    withdrawn_at?: string;
                    completed_at?: string;
                    version: number;
                    updated_at: string;
                };
                requester: {
                    id: string;
                    email?: string;
                    name?: string;
                };
                approvers: {
                    id: string;
                    email?: string;
                    name?: string;
                }[];
                actor: {
                    id: string;
                    email?: string;
                    name?: string;
                };
                contract_before?: {
                    contract_id: string;
                    version: number;
                };
            };
        };
        WebhookTerminationApproved: {
            /**
             * @description The event's type.
             * @constant
             */
            type: "termination.approved";
            /** @description When the event happened (ISO 8601, UTC). */
            timestamp: string;
            data: {
                /** @constant */
                version: 2;
                contract: {
                    contract_id: string;
                    client_id: string;
                    title: string;
                    status: string;
                    value: number;
                    currency: string;
                    notice_period_days: number;
                };
                termination: {
                    termination_id: string;
                    contract_id: string;
                    /** @enum {string} */
                    status: "PENDING_APPROVAL" | "SCHEDULED" | "COMPLETED" | "REJECTED" | "WITHDRAWN";
                    reason: string;
                    reason_label: string;
                    /** @description Internal; never sent to the client */
                    notes?: string;
                    /** @description What the client reads in the notice and the letter */
                    client_message?: string;
                    effective_date: string;
                    /** @enum {string} */
                    notice_basis?: "NOTICE_PERIOD" | "SHORT_NOTICE";
                    approval_required: boolean;
                    /** @description Distinct approvers needed, none of them the requester: 0, 1 or 2 */
                    approvals_required: number;
                    /** @description Every approval or rejection, oldest first */
                    decisions: {
                        by: string;
                        name?: string;
                        at: string;
                        /** @enum {string} */
                        outcome: "APPROVED" | "REJECTED";
                        comment?: string;
                    }[];
                    /** @enum {string} */
                    previous_status: "ACTIVE" | "SUSPENDED";
                    requested_by: string;
                    requested_by_name?: string;
                    requested_at: string;
                    withdrawn_at?: string;
                    completed_at?: string;
                    version: number;
                    updated_at: string;
                };
                requester: {
                    id: string;
                    email?: string;
                    name?: string;
                };
                approvers: {
                    id: string;
                    email?: string;
                    name?: string;
                }[];
                actor: {
                    id: string;
                    email?: string;
                    name?: string;
                };
                contract_before?: {
                    contract_id: string;
                    version: number;
                };
            };
        };
        WebhookTerminationRejected: {
            /**
             * @description The event's type.
             * @constant
             */
            type: "termination.rejected";
            /** @description When the event happened (ISO 8601, UTC). */
            timestamp: string;
            data: {
                /** @constant */
                version: 2;
                contract: {
                    contract_id: string;
                    client_id: string;
                    title: string;
                    status: string;
                    value: number;
                    currency: string;
                    notice_period_days: number;
                };
                termination: {
                    termination_id: string;
                    contract_id: string;
                    /** @enum {string} */
                    status: "PENDING_APPROVAL" | "SCHEDULED" | "COMPLETED" | "REJECTED" | "WITHDRAWN";
                    reason: string;
                    reason_label: string;
                    /** @description Internal; never sent to the client */
                    notes?: string;
                    /** @description What the client reads in the notice and the letter */
                    client_message?: string;
                    effective_date: string;
                    /** @enum {string} */
                    notice_basis?: "NOTICE_PERIOD" | "SHORT_NOTICE";
                    approval_required: boolean;
                    /** @description Distinct approvers needed, none of them the requester: 0, 1 or 2 */
                    approvals_required: number;
                    /** @description Every approval or rejection, oldest first */
                    decisions: {
                        by: string;
                        name?: string;
                        at: string;
                        /** @enum {string} */
                        outcome: "APPROVED" | "REJECTED";
                        comment?: string;
                    }[];
                    /** @enum {string} */
                    previous_status: "ACTIVE" | "SUSPENDED";
                    requested_by: string;
                    requested_by_name?: string;
                    requested_at: string;
                    withdrawn_at?: string;
                    completed_at?: string;
                    version: number;
                    updated_at: string;
                };
                requester: {
                    id: string;
                    email?: string;
                    name?: string;
                };
                approvers: {
                    id: string;
                    email?: string;
                    name?: string;
                }[];
                actor: {
                    id: string;
                    email?: string;
                    name?: string;
                };
                contract_before?: {
                    contract_id: string;
                    version: number;
                };
            };
        };
        WebhookTerminationScheduled: {
            /**
             * @description The event's type.
             * @constant
             */
            type: "termination.scheduled";
            /** @description When the event happened (ISO 8601, UTC). */
            timestamp: string;
            data: {
                /** @constant */
                version: 2;
                contract: {
                    contract_id: string;
                    client_id: string;
                    title: string;
                    status: string;
                    value: number;
                    currency: string;
                    notice_period_days: number;
                };
                termination: {
                    termination_id: string;
                    contract_id: string;
                    /** @enum {string} */
                    status: "PENDING_APPROVAL" | "SCHEDULED" | "COMPLETED" | "REJECTED" | "WITHDRAWN";
                    reason: string;
                    reason_label: string;
                    /** @description Internal; never sent to the client */
                    notes?: string;
                    /** @description What the client reads in the notice and the letter */
                    client_message?: string;
                    effective_date: string;
                    /** @enum {string} */
                    notice_basis?: "NOTICE_PERIOD" | "SHORT_NOTICE";
                    approval_required: boolean;
                    /** @description Distinct approvers needed, none of them the requester: 0, 1 or 2 */
                    approvals_required: number;
                    /** @description Every approval or rejection, oldest first */
                    decisions: {
                        by: string;
                        name?: string;
                        at: string;
                        /** @enum {string} */
                        outcome: "APPROVED" | "REJECTED";
                        comment?: string;
                    }[];
                    /** @enum {string} */
                    previous_status: "ACTIVE" | "SUSPENDED";
                    requested_by: string;
                    requested_by_name?: string;
                    requested_at: string;
                    withdrawn_at?: string;
                    completed_at?: string;
                    version: number;
                    updated_at: string;
                };
                requester: {
                    id: string;
                    email?: string;
                    name?: string;
                };
                approvers: {
                    id: string;
                    email?: string;
                    name?: string;
                }[];
                actor: {
                    id: string;
                    email?: string;
                    name?: string;
                };
                contract_before?: {
                    contract_id: string;
                    version: number;
                };
            };
        };
        WebhookTerminationCompleted: {
            /**
             * @description The event's type.
             * @constant
             */
            type: "termination.completed";
            /** @description When the event happened (ISO 8601, UTC). */
            timestamp: string;
            data: {
                /** @constant */
                version: 2;
                contract: {
                    contract_id: string;
                    client_id: string;
                    title: string;
                    status: string;
                    value: number;
                    currency: string;
                    notice_period_days: number;
                };
                termination: {
                    termination_id: string;
                    contract_id: string;
                    /** @enum {string} */
                    status: "PENDING_APPROVAL" | "SCHEDULED" | "COMPLETED" | "REJECTED" | "WITHDRAWN";
                    reason: string;
                    reason_label: string;
                    /** @description Internal; never sent to the client */
                    notes?: string;
                    /** @description What the client reads in the notice and the letter */
                    client_message?: string;
                    effective_date: string;
                    /** @enum {string} */
                    notice_basis?: "NOTICE_PERIOD" | "SHORT_NOTICE";
                    approval_required: boolean;
                    /** @description Distinct approvers needed, none of them the requester: 0, 1 or 2 */
                    approvals_required: number;
                    /** @description Every approval or rejection, oldest first */
                    decisions: {
                        by: string;
                        name?: string;
                        at: string;
                        /** @enum {string} */
                        outcome: "APPROVED" | "REJECTED";
                        comment?: string;
                    }[];
                    /** @enum {string} */
                    previous_status: "ACTIVE" | "SUSPENDED";
                    requested_by: string;
                    requested_by_name?: string;
                    requested_at: string;
                    withdrawn_at?: string;
                    completed_at?: string;
                    version: number;
                    updated_at: string;
                };
                requester: {
                    id: string;
                    email?: string;
                    name?: string;
                };
                approvers: {
                    id: string;
                    email?: string;
                    name?: string;
                }[];
                actor: {
                    id: string;
                    email?: string;
                    name?: string;
                };
                contract_before?: {
                    contract_id: string;
                    version: number;
                };
            };
        };
        WebhookTerminationWithdrawn: {
            /**
             * @description The event's type.
             * @constant
             */
            type: "termination.withdrawn";
            /** @description When the event happened (ISO 8601, UTC). */
            timestamp: string;
            data: {
                /** @constant */
                version: 2;
                contract: {
                    contract_id: string;
                    client_id: string;
                    title: string;
                    status: string;
                    value: number;
                    currency: string;
                    notice_period_days: number;
                };
                termination: {
                    termination_id: string;
                    contract_id: string;
                    /** @enum {string} */
                    status: "PENDING_APPROVAL" | "SCHEDULED" | "COMPLETED" | "REJECTED" | "WITHDRAWN";
                    reason: string;
                    reason_label: string;
                    /** @description Internal; never sent to the client */
                    notes?: string;
                    /** @description What the client reads in the notice and the letter */
                    client_message?: string;
                    effective_date: string;
                    /** @enum {string} */
                    notice_basis?: "NOTICE_PERIOD" | "SHORT_NOTICE";
                    approval_required: boolean;
                    /** @description Distinct approvers needed, none of them the requester: 0, 1 or 2 */
                    approvals_required: number;
                    /** @description Every approval or rejection, oldest first */
                    decisions: {
                        by: string;
                        name?: string;
                        at: string;
                        /** @enum {string} */
                        outcome: "APPROVED" | "REJECTED";
                        comment?: string;
                    }[];
                    /** @enum {string} */
                    previous_status: "ACTIVE" | "SUSPENDED";
                    requested_by: string;
                    requested_by_name?: string;
                    requested_at: string;
                    withdrawn_at?: string;
                    completed_at?: string;
                    version: number;
                    updated_at: string;
                };
                requester: {
                    id: string;
                    email?: string;
                    name?: string;
                };
                approvers: {
                    id: string;
                    email?: string;
                    name?: string;
                }[];
                actor: {
                    id: string;
                    email?: string;
                    name?: string;
                };
                contract_before?: {
                    contract_id: string;
                    version: number;
                };
            };
        };
        WebhookNoticeDelivered: {
            /**
             * @description The event's type.
             * @constant
             */
            type: "notice.delivered";
            /** @description When the event happened (ISO 8601, UTC). */
            timestamp: string;
            data: {
                /** @constant */
                schema_version: 1;
                notice: {
                    notification_id: string;
                    /** @description The notice's template, e.g. termination-notice, contract-renewed. */
                    template: string;
                    /** @description The contract the notice is about; absent for a notice to the operators about no contract. */
                    contract_id?: string;
                    /** @description The termination the notice is part of, if any. */
                    termination_id?: string;
                    /** @description The domains of the notice's recipients (`example.com`), without the addresses. */
                    recipient_domains: string[];
                };
                delivery: {
                    /** @constant */
                    status: "DELIVERED";
                    /** @description When the receiving mail server accepted it, as SES reports (ISO 8601). */
                    at: string;
                    ses_message_id: string;
                };
            };
        };
        WebhookNoticeBounced: {
            /**
             * @description The event's type.
             * @constant
             */
            type: "notice.bounced";
            /** @description When the event happened (ISO 8601, UTC). */
            timestamp: string;
            data: {
                /** @constant */
                schema_version: 1;
                notice: {
                    notification_id: string;
                    /** @description The notice's template, e.g. termination-notice, contract-renewed. */
                    template: string;
                    /** @description The contract the notice is about; absent for a notice to the operators about no contract. */
                    contract_id?: string;
                    /** @description The termination the notice is part of, if any. */
                    termination_id?: string;
                    /** @description The domains of the notice's recipients (`example.com`), without the addresses. */
                    recipient_domains: string[];
                };
                delivery: {
                    /** @constant */
                    status: "BOUNCED";
                    /** @description When the bounce happened, as SES reports (ISO 8601). */
                    at: string;
                    ses_message_id: string;
                    /** @description SES's bounce type: Permanent (do not send again to this address), Transient or Undetermined. */
                    bounce_type: string;
                    /** @description SES's bounce subtype, e.g. General, NoEmail, MailboxFull, Suppressed. */
                    bounce_sub_type?: string;
                };
            };
        };
        WebhookWebhookPing: {
            /**
             * @description The event's type.
             * @constant
             */
            type: "webhook.ping";
            /** @description When the event happened (ISO 8601, UTC). */
            timestamp: string;
            data: {
                subscription_id: string;
                message: string;
            };
        };
        /** @description The gateway's own reply when it throttles: not a problem document. */
        Throttled: {
            message: string;
        };
        Problem: {
            /** @description `/problems/<code>` */
            type: string;
            title: string;
            status: number;
            /** @description What went wrong and how to fix it, for a person. */
            detail: string;
            /**
             * @description Stable: branch on it.
             * @enum {string}
             */
            code: "auth.forbidden" | "auth.unauthenticated" | "auth.unavailable" | "client.email_taken" | "client.has_contracts" | "client.inactive" | "client.not_found" | "contract.has_termination" | "contract.not_found" | "contract.not_renewable" | "contract.read_only" | "cursor.invalid" | "event.not_dead" | "event.not_found" | "file.immutable" | "file.not_available" | "file.not_found" | "import.not_found" | "import.upload_missing" | "import_mapping.not_found" | "import_upload.not_found" | "internal" | "method.not_allowed" | "notification.not_dead" | "notification.not_found" | "request.malformed" | "request.too_large" | "request.unsupported_media_type" | "route.not_found" | "termination.already_approved" | "termination.four_eyes" | "termination.invalid_transition" | "termination.not_found" | "termination.not_requester" | "validation.failed" | "version.conflict" | "version.required" | "webhook.delivery_in_progress" | "webhook.delivery_not_found" | "webhook.not_found" | "webhook.target_refused";
            /** @description Quote it when reporting a problem; also the reply's `X-Request-Id`. */
            request_id: string;
            /** @description `validation.failed`: each failing field (a dot path; empty for the body itself) and what it must be. */
            errors?: {
                path: string;
                message: string;
            }[];
            /** @description `version.conflict`: the record's version now. */
            current_version?: number;
            /** @description The status of the record that made the request impossible (contract, file, termination, notice, event). */
            current_status?: string;
            /** @description `request.unsupported_media_type`: the accepted media types; `termination.invalid_transition`: the moves allowed now; `method.not_allowed`: the methods of the path. */
            allowed?: string[];
            /** @description `request.unsupported_media_type`: the media type the content turned out to be. */
            detected?: string;
            /** @description `request.too_large`: the limit that was passed; `auth.unauthenticated`: the longest subject accepted. */
            max_bytes?: number;
            client_id?: string;
            client_status?: string;
            contract_id?: string;
            delivery_id?: string;
            contract_count?: number;
            email?: string;
            event_id?: string;
            file_id?: string;
            notification_id?: string;
            notification_status?: string;
            rejection_reason?: string;
            requested_by?: string;
            subscription_id?: string;
            termination_id?: string;
            termination_status?: string;
        };
    };
    responses: {
        /** @description Problem: `request.malformed`, `cursor.invalid` */
        400: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "/problems/request.malformed",
                 *       "title": "Bad Request",
                 *       "status": 400,
                 *       "detail": "What went wrong, for a person.",
                 *       "code": "request.malformed",
                 *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Problem: `auth.unauthenticated` */
        401: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "/problems/auth.unauthenticated",
                 *       "title": "Unauthorized",
                 *       "status": 401,
                 *       "detail": "Send a bearer token: Authorization: Bearer <token>.",
                 *       "code": "auth.unauthenticated",
                 *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Problem: `auth.forbidden` */
        403: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "/problems/auth.forbidden",
                 *       "title": "Forbidden",
                 *       "status": 403,
                 *       "detail": "This needs the \"admin\" permission, which your role does not grant.",
                 *       "code": "auth.forbidden",
                 *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Problem: `request.too_large` */
        413: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "/problems/request.too_large",
                 *       "title": "Content Too Large",
                 *       "status": 413,
                 *       "detail": "What went wrong, for a person.",
                 *       "code": "request.too_large",
                 *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Problem: `request.unsupported_media_type` */
        415: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "/problems/request.unsupported_media_type",
                 *       "title": "Unsupported Media Type",
                 *       "status": 415,
                 *       "detail": "What went wrong, for a person.",
                 *       "code": "request.unsupported_media_type",
                 *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Problem: `validation.failed` */
        422: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "/problems/validation.failed",
                 *       "title": "Unprocessable Content",
                 *       "status": 422,
                 *       "detail": "end_date: must not be before start_date.",
                 *       "code": "validation.failed",
                 *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Too many requests: the stage's gateway refuses requests past its rate and burst limits before they reach the API. Retry after `Retry-After` seconds when the reply states it; the gateway's own reply does not, so wait about a second and back off exponentially. */
        429: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "message": "Too Many Requests"
                 *     }
                 */
                "application/json": components["schemas"]["Throttled"];
            };
        };
        /** @description Problem: `internal` */
        500: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "/problems/internal",
                 *       "title": "Internal Server Error",
                 *       "status": 500,
                 *       "detail": "What went wrong, for a person.",
                 *       "code": "internal",
                 *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Problem: `auth.unavailable` */
        503: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "/problems/auth.unavailable",
                 *       "title": "Service Unavailable",
                 *       "status": 503,
                 *       "detail": "What went wrong, for a person.",
                 *       "code": "auth.unavailable",
                 *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /** @description Makes a retried POST safe: the same key and body within a day answer the first reply again. Per caller. A malformed key is a 400. */
        IdempotencyKey: string;
        /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
        RequestId: string;
    };
    requestBodies: never;
    headers: {
        /** @description The record's version, quoted (`"3"`): send it back as `If-Match` to change the record. */
        ETag: string;
        /** @description Where the created record (or the download) is. */
        Location: string;
        /** @description The request's id: quote it when reporting a problem. */
        RequestId: string;
        /** @description `true` when this is the stored reply to an earlier request with the same `Idempotency-Key`. */
        IdempotentReplayed: "true";
        /** @description Seconds to wait before trying again. */
        RetryAfter: number;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            400: components["responses"]["400"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
            /** @description Success */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    getOpenapiJson: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["400"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    getDocs: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            400: components["responses"]["400"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    getDocsSwaggerUiCss: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "text/css": string;
                };
            };
            400: components["responses"]["400"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    getDocsByScript: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                script: "swagger-ui-bundle.js" | "docs.js";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "text/javascript": string;
                };
            };
            400: components["responses"]["400"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    getCalendarBySecret: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                secret: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "text/calendar": string;
                };
            };
            400: components["responses"]["400"];
            /** @description Problem: `route.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/route.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "route.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postMeCalendar: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retried POST safe: the same key and body within a day answer the first reply again. Per caller. A malformed key is a 400. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarLink"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    deleteMeCalendar: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success, no content */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getClients: {
        parameters: {
            query?: {
                limit?: number;
                /** @description The `next_cursor` of the previous page of this same list and filters; any other value is a 400 `cursor.invalid`. */
                cursor?: string;
                /** @description `csv` or `xlsx`: every matching row as a spreadsheet (see the operation's description); default `json`, a page. Wins over `Accept`. */
                format?: "json" | "csv" | "xlsx";
                /** @description How a spreadsheet comes: `stream`, in the reply's body; `link`, written to S3 and answered with a 303 to a download link valid a few minutes. The default is `link` on AWS (a Lambda reply is at most 6 MB, and an export may be larger) and `stream` on the local stack. */
                delivery?: "stream" | "link";
                email?: string;
            };
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "address": "2 Main St, Springfield",
                     *           "created_at": "2026-11-30T02:16:36.218Z",
                     *           "version": 2,
                     *           "client_id": "CLJ9ATP04D7ZBA",
                     *           "updated_at": "2026-11-30T02:16:36.467Z",
                     *           "phone": "+1 555 0100",
                     *           "name": "Acme Ltd",
                     *           "email": "acme-mx2n047t-0@example.com",
                     *           "status": "ACTIVE"
                     *         }
                     *       ],
                     *       "next_cursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["ClientPage"];
                    "text/csv": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            /** @description Redirect to the `Location` header */
            303: {
                headers: {
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `client.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/client.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "client.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postClients: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retried POST safe: the same key and body within a day answer the first reply again. Per caller. A malformed key is a 400. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description JSON (`application/json`) of at most 262144 bytes; larger bodies are refused with 413, other media types with 415. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Acme Ltd",
                 *       "email": "acme-mx2n047t-0@example.com",
                 *       "phone": "+1 555 0100",
                 *       "address": "1 Main St, Springfield"
                 *     }
                 */
                "application/json": components["schemas"]["ClientCreate"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "client_id": "CLJ9ATP04D7ZBA",
                     *       "name": "Acme Ltd",
                     *       "email": "acme-mx2n047t-0@example.com",
                     *       "phone": "+1 555 0100",
                     *       "address": "1 Main St, Springfield",
                     *       "status": "ACTIVE",
                     *       "version": 1,
                     *       "created_at": "2026-11-30T02:16:36.218Z",
                     *       "updated_at": "2026-11-30T02:16:36.218Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Client"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `client.email_taken` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/client.email_taken",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "client.email_taken",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getClientsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "address": "1 Main St, Springfield",
                     *       "created_at": "2026-11-30T02:16:36.218Z",
                     *       "version": 1,
                     *       "client_id": "CLJ9ATP04D7ZBA",
                     *       "updated_at": "2026-11-30T02:16:36.218Z",
                     *       "phone": "+1 555 0100",
                     *       "name": "Acme Ltd",
                     *       "email": "acme-mx2n047t-0@example.com",
                     *       "status": "ACTIVE"
                     *     }
                     */
                    "application/json": components["schemas"]["Client"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `client.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/client.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "client.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    putClientsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The record's ETag, e.g. "3": the version you last read. Or send `version` in the body; when both are sent they must agree. Without either the reply is 428; a malformed one is a 400. */
                "If-Match"?: string;
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** @description JSON (`application/json`) of at most 262144 bytes; larger bodies are refused with 413, other media types with 415. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "address": "2 Main St, Springfield"
                 *     }
                 */
                "application/json": components["schemas"]["ClientUpdate"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "address": "2 Main St, Springfield",
                     *       "created_at": "2026-11-30T02:16:36.218Z",
                     *       "version": 2,
                     *       "client_id": "CLJ9ATP04D7ZBA",
                     *       "updated_at": "2026-11-30T02:16:36.467Z",
                     *       "phone": "+1 555 0100",
                     *       "name": "Acme Ltd",
                     *       "email": "acme-mx2n047t-0@example.com",
                     *       "status": "ACTIVE"
                     *     }
                     */
                    "application/json": components["schemas"]["Client"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `client.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/client.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "client.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `client.email_taken`, `version.conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/client.email_taken",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "client.email_taken",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            /** @description Problem: `version.required` */
            428: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/version.required",
                     *       "title": "Precondition Required",
                     *       "status": 428,
                     *       "detail": "Say which version you are changing: send If-Match with the record's ETag, or `version` in the body.",
                     *       "code": "version.required",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    deleteClientsById: {
        parameters: {
            query?: never;
            header: {
                /** @description The record's ETag, e.g. "3": the version you last read. Without it the reply is 428; a malformed one is a 400. */
                "If-Match": string;
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success, no content */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `client.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/client.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "client.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `client.has_contracts`, `version.conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/client.has_contracts",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "client.has_contracts",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            /** @description Problem: `version.required` */
            428: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/version.required",
                     *       "title": "Precondition Required",
                     *       "status": 428,
                     *       "detail": "Say which version you are changing: send If-Match with the record's ETag, or `version` in the body.",
                     *       "code": "version.required",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getClientsByIdAudit: {
        parameters: {
            query?: {
                limit?: number;
                /** @description The `next_cursor` of the previous page of this same list and filters; any other value is a 400 `cursor.invalid`. */
                cursor?: string;
            };
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "before": {
                     *             "address": "1 Main St, Springfield",
                     *             "updated_at": "2026-11-30T02:16:36.218Z",
                     *             "phone": "+1 555 0100",
                     *             "name": "Acme Ltd",
                     *             "created_at": "2026-11-30T02:16:36.218Z",
                     *             "version": 1,
                     *             "client_id": "CLJ9ATP04D7ZBA",
                     *             "email": "acme-mx2n047t-0@example.com",
                     *             "status": "ACTIVE"
                     *           },
                     *           "actor_name": "Test editor",
                     *           "actor_email": "editor@example.com",
                     *           "entity_id": "CLJ9ATP04D7ZBA",
                     *           "actor": "user-editor",
                     *           "audit_id": "AUC2B8Y7A5H2T5WNBB",
                     *           "at": "2026-11-30T02:16:36.467Z",
                     *           "action": "client.updated",
                     *           "after": {
                     *             "address": "2 Main St, Springfield",
                     *             "updated_at": "2026-11-30T02:16:36.467Z",
                     *             "phone": "+1 555 0100",
                     *             "name": "Acme Ltd",
                     *             "created_at": "2026-11-30T02:16:36.218Z",
                     *             "version": 2,
                     *             "client_id": "CLJ9ATP04D7ZBA",
                     *             "email": "acme-mx2n047t-0@example.com",
                     *             "status": "ACTIVE"
                     *           },
                     *           "request_id": "b16347c9-0af9-48df-98c1-6ae7060df4b4",
                     *           "entity": "client"
                     *         },
                     *         {
                     *           "actor_name": "Test editor",
                     *           "actor_email": "editor@example.com",
                     *           "entity_id": "CLJ9ATP04D7ZBA",
                     *           "actor": "user-editor",
                     *           "audit_id": "AUS4T5JSMD151RXQFY",
                     *           "at": "2026-11-30T02:16:36.218Z",
                     *           "action": "client.created",
                     *           "after": {
                     *             "address": "1 Main St, Springfield",
                     *             "updated_at": "2026-11-30T02:16:36.218Z",
                     *             "phone": "+1 555 0100",
                     *             "name": "Acme Ltd",
                     *             "created_at": "2026-11-30T02:16:36.218Z",
                     *             "version": 1,
                     *             "client_id": "CLJ9ATP04D7ZBA",
                     *             "email": "acme-mx2n047t-0@example.com",
                     *             "status": "ACTIVE"
                     *           },
                     *           "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc",
                     *           "entity": "client"
                     *         }
                     *       ],
                     *       "next_cursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["AuditEntryPage"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getContracts: {
        parameters: {
            query?: {
                limit?: number;
                /** @description The `next_cursor` of the previous page of this same list and filters; any other value is a 400 `cursor.invalid`. */
                cursor?: string;
                status?: "ACTIVE" | "SUSPENDED" | "PENDING_TERMINATION" | "TERMINATED" | "EXPIRED";
                client_id?: string;
                /** @description A calendar date, YYYY-MM-DD, that exists (no 2026-02-30), up to 9999-12-30. */
                ending_after?: string;
                /** @description A calendar date (YYYY-MM-DD), not before `ending_after` when both are given (else 422). */
                ending_before?: string;
                /** @description Running contracts (ACTIVE, SUSPENDED) whose notice deadline is on or before this date, soonest first: what must be decided soon. Combines with status ACTIVE or SUSPENDED only, not with client_id or the ending_* filters (else 422). */
                notice_deadline_before?: string;
                /** @description `csv` or `xlsx`: every matching row as a spreadsheet (see the operation's description); default `json`, a page. Wins over `Accept`. */
                format?: "json" | "csv" | "xlsx";
                /** @description How a spreadsheet comes: `stream`, in the reply's body; `link`, written to S3 and answered with a 303 to a download link valid a few minutes. The default is `link` on AWS (a Lambda reply is at most 6 MB, and an export may be larger) and `stream` on the local stack. */
                delivery?: "stream" | "link";
            };
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "contract_id": "CTTRQRK8EPR7FN",
                     *           "owner_id": "user-editor",
                     *           "created_at": "2026-11-30T02:16:36.553Z",
                     *           "title": "Support and maintenance",
                     *           "client_id": "CLJ9ATP04D7ZBA",
                     *           "approval_tier": 1,
                     *           "updated_at": "2026-11-30T02:16:36.631Z",
                     *           "currency": "EUR",
                     *           "value": 86000,
                     *           "start_date": "2026-01-01",
                     *           "owner_email": "editor@example.com",
                     *           "notice_period_days": 30,
                     *           "renewal": "NONE",
                     *           "version": 2,
                     *           "contract_type": "SERVICE",
                     *           "status": "ACTIVE",
                     *           "end_date": "2027-12-31",
                     *           "notice_deadline": "2027-12-01"
                     *         }
                     *       ],
                     *       "next_cursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["ContractPage"];
                    "text/csv": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            /** @description Redirect to the `Location` header */
            303: {
                headers: {
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postContracts: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retried POST safe: the same key and body within a day answer the first reply again. Per caller. A malformed key is a 400. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description JSON (`application/json`) of at most 262144 bytes; larger bodies are refused with 413, other media types with 415. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "client_id": "CLJ9ATP04D7ZBA",
                 *       "title": "Support and maintenance",
                 *       "contract_type": "SERVICE",
                 *       "start_date": "2026-01-01",
                 *       "end_date": "2027-12-31",
                 *       "value": 84500.5,
                 *       "currency": "EUR",
                 *       "notice_period_days": 30
                 *     }
                 */
                "application/json": components["schemas"]["ContractCreate"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "contract_id": "CTTRQRK8EPR7FN",
                     *       "client_id": "CLJ9ATP04D7ZBA",
                     *       "title": "Support and maintenance",
                     *       "contract_type": "SERVICE",
                     *       "start_date": "2026-01-01",
                     *       "value": 84500.5,
                     *       "currency": "EUR",
                     *       "notice_period_days": 30,
                     *       "approval_tier": 1,
                     *       "owner_id": "user-editor",
                     *       "owner_email": "editor@example.com",
                     *       "status": "ACTIVE",
                     *       "version": 1,
                     *       "created_at": "2026-11-30T02:16:36.553Z",
                     *       "updated_at": "2026-11-30T02:16:36.553Z",
                     *       "renewal": "NONE",
                     *       "end_date": "2027-12-31",
                     *       "notice_deadline": "2027-12-01"
                     *     }
                     */
                    "application/json": components["schemas"]["Contract"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `client.inactive` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/client.inactive",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "client.inactive",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getContractsSearch: {
        parameters: {
            query: {
                q: string;
                limit?: number;
            };
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContractSearchResult"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getContractsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "contract_id": "CTTRQRK8EPR7FN",
                     *       "owner_id": "user-editor",
                     *       "created_at": "2026-11-30T02:16:36.553Z",
                     *       "title": "Support and maintenance",
                     *       "client_id": "CLJ9ATP04D7ZBA",
                     *       "approval_tier": 1,
                     *       "updated_at": "2026-11-30T02:16:36.553Z",
                     *       "currency": "EUR",
                     *       "value": 84500.5,
                     *       "start_date": "2026-01-01",
                     *       "owner_email": "editor@example.com",
                     *       "notice_period_days": 30,
                     *       "renewal": "NONE",
                     *       "version": 1,
                     *       "contract_type": "SERVICE",
                     *       "status": "ACTIVE",
                     *       "end_date": "2027-12-31",
                     *       "notice_deadline": "2027-12-01"
                     *     }
                     */
                    "application/json": components["schemas"]["Contract"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `contract.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/contract.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Contract CT0000NOSUCH does not exist.",
                     *       "code": "contract.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    putContractsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The record's ETag, e.g. "3": the version you last read. Or send `version` in the body; when both are sent they must agree. Without either the reply is 428; a malformed one is a 400. */
                "If-Match"?: string;
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** @description JSON (`application/json`) of at most 262144 bytes; larger bodies are refused with 413, other media types with 415. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "value": 86000,
                 *       "version": 1
                 *     }
                 */
                "application/json": components["schemas"]["ContractUpdate"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "contract_id": "CTTRQRK8EPR7FN",
                     *       "owner_id": "user-editor",
                     *       "created_at": "2026-11-30T02:16:36.553Z",
                     *       "title": "Support and maintenance",
                     *       "client_id": "CLJ9ATP04D7ZBA",
                     *       "approval_tier": 1,
                     *       "updated_at": "2026-11-30T02:16:36.631Z",
                     *       "currency": "EUR",
                     *       "value": 86000,
                     *       "start_date": "2026-01-01",
                     *       "owner_email": "editor@example.com",
                     *       "notice_period_days": 30,
                     *       "renewal": "NONE",
                     *       "version": 2,
                     *       "contract_type": "SERVICE",
                     *       "status": "ACTIVE",
                     *       "end_date": "2027-12-31",
                     *       "notice_deadline": "2027-12-01"
                     *     }
                     */
                    "application/json": components["schemas"]["Contract"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `contract.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/contract.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Contract CT0000NOSUCH does not exist.",
                     *       "code": "contract.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `contract.read_only`, `version.conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/contract.read_only",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "contract.read_only",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            /** @description Problem: `version.required` */
            428: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/version.required",
                     *       "title": "Precondition Required",
                     *       "status": 428,
                     *       "detail": "Say which version you are changing: send If-Match with the record's ETag, or `version` in the body.",
                     *       "code": "version.required",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    deleteContractsById: {
        parameters: {
            query?: never;
            header: {
                /** @description The record's ETag, e.g. "3": the version you last read. Without it the reply is 428; a malformed one is a 400. */
                "If-Match": string;
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success, no content */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `contract.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/contract.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Contract CT0000NOSUCH does not exist.",
                     *       "code": "contract.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `contract.has_termination`, `version.conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/contract.has_termination",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "contract.has_termination",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            /** @description Problem: `version.required` */
            428: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/version.required",
                     *       "title": "Precondition Required",
                     *       "status": 428,
                     *       "detail": "Say which version you are changing: send If-Match with the record's ETag, or `version` in the body.",
                     *       "code": "version.required",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postContractsByIdRenew: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retried POST safe: the same key and body within a day answer the first reply again. Per caller. A malformed key is a 400. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** @description Optional: no body, or an empty one, is the same as `{}`. JSON (`application/json`) of at most 262144 bytes; larger bodies are refused with 413, other media types with 415. */
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ContractRenewal"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contract"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `contract.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/contract.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Contract CT0000NOSUCH does not exist.",
                     *       "code": "contract.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `contract.not_renewable`, `version.conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/contract.not_renewable",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "contract.not_renewable",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postContractsByIdSuspend: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retried POST safe: the same key and body within a day answer the first reply again. Per caller. A malformed key is a 400. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "contract_id": "CTTRQRK8EPR7FN",
                     *       "owner_id": "user-editor",
                     *       "created_at": "2026-11-30T02:16:36.553Z",
                     *       "title": "Support and maintenance",
                     *       "client_id": "CLJ9ATP04D7ZBA",
                     *       "approval_tier": 1,
                     *       "updated_at": "2026-11-30T02:16:36.692Z",
                     *       "currency": "EUR",
                     *       "value": 86000,
                     *       "start_date": "2026-01-01",
                     *       "owner_email": "editor@example.com",
                     *       "notice_period_days": 30,
                     *       "renewal": "NONE",
                     *       "version": 3,
                     *       "contract_type": "SERVICE",
                     *       "status": "SUSPENDED",
                     *       "end_date": "2027-12-31",
                     *       "notice_deadline": "2027-12-01"
                     *     }
                     */
                    "application/json": components["schemas"]["Contract"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `contract.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/contract.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Contract CT0000NOSUCH does not exist.",
                     *       "code": "contract.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `termination.invalid_transition`, `version.conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/termination.invalid_transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "termination.invalid_transition",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postContractsByIdReinstate: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retried POST safe: the same key and body within a day answer the first reply again. Per caller. A malformed key is a 400. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "contract_id": "CTTRQRK8EPR7FN",
                     *       "owner_id": "user-editor",
                     *       "created_at": "2026-11-30T02:16:36.553Z",
                     *       "title": "Support and maintenance",
                     *       "client_id": "CLJ9ATP04D7ZBA",
                     *       "approval_tier": 1,
                     *       "updated_at": "2026-11-30T02:16:36.749Z",
                     *       "currency": "EUR",
                     *       "value": 86000,
                     *       "start_date": "2026-01-01",
                     *       "owner_email": "editor@example.com",
                     *       "notice_period_days": 30,
                     *       "renewal": "NONE",
                     *       "version": 4,
                     *       "contract_type": "SERVICE",
                     *       "status": "ACTIVE",
                     *       "end_date": "2027-12-31",
                     *       "notice_deadline": "2027-12-01"
                     *     }
                     */
                    "application/json": components["schemas"]["Contract"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `contract.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/contract.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Contract CT0000NOSUCH does not exist.",
                     *       "code": "contract.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `termination.invalid_transition`, `version.conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/termination.invalid_transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "termination.invalid_transition",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getContractsByIdAudit: {
        parameters: {
            query?: {
                limit?: number;
                /** @description The `next_cursor` of the previous page of this same list and filters; any other value is a 400 `cursor.invalid`. */
                cursor?: string;
                /** @description `csv` or `xlsx`: every matching row as a spreadsheet (see the operation's description); default `json`, a page. Wins over `Accept`. */
                format?: "json" | "csv" | "xlsx";
                /** @description How a spreadsheet comes: `stream`, in the reply's body; `link`, written to S3 and answered with a 303 to a download link valid a few minutes. The default is `link` on AWS (a Lambda reply is at most 6 MB, and an export may be larger) and `stream` on the local stack. */
                delivery?: "stream" | "link";
            };
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "before": {
                     *             "version": 9,
                     *             "status": "PENDING_TERMINATION"
                     *           },
                     *           "actor_name": "Test approver",
                     *           "actor_email": "approver@example.com",
                     *           "entity_id": "TMFKNR4DXF0TJH",
                     *           "actor": "user-approver",
                     *           "audit_id": "AUWDSBYV754ZX3EK3B",
                     *           "at": "2026-11-30T02:16:37.284Z",
                     *           "action": "termination.completed",
                     *           "after": {
                     *             "termination": {
                     *               "reason": "MUTUAL_AGREEMENT",
                     *               "notice_period_days": 30,
                     *               "approvals_required": 1,
                     *               "termination_id": "TMFKNR4DXF0TJH",
                     *               "contract_id": "CTTRQRK8EPR7FN",
                     *               "approval_required": true,
                     *               "notice_basis": "SHORT_NOTICE",
                     *               "version": 2,
                     *               "requested_by_email": "editor@example.com",
                     *               "completed_at": "2026-11-30T02:16:37.283Z",
                     *               "requested_by": "user-editor",
                     *               "updated_at": "2026-11-30T02:16:37.283Z",
                     *               "effective_date": "2026-11-30",
                     *               "decisions": [
                     *                 {
                     *                   "name": "Test approver",
                     *                   "comment": "Agreed with legal.",
                     *                   "at": "2026-11-30T02:16:37.283Z",
                     *                   "email": "approver@example.com",
                     *                   "outcome": "APPROVED",
                     *                   "by": "user-approver"
                     *                 }
                     *               ],
                     *               "requested_by_name": "Test editor",
                     *               "previous_status": "ACTIVE",
                     *               "requested_at": "2026-11-30T02:16:37.253Z",
                     *               "status": "COMPLETED"
                     *             },
                     *             "version": 10,
                     *             "status": "TERMINATED"
                     *           },
                     *           "request_id": "16e9ce26-d471-4681-b35d-3e132c1f5a01",
                     *           "entity": "termination"
                     *         },
                     *         {
                     *           "before": {
                     *             "version": 9,
                     *             "status": "PENDING_TERMINATION"
                     *           },
                     *           "actor_name": "Test approver",
                     *           "actor_email": "approver@example.com",
                     *           "entity_id": "TMFKNR4DXF0TJH",
                     *           "actor": "user-approver",
                     *           "audit_id": "AUQNY6PMBPZ41FVKDE",
                     *           "at": "2026-11-30T02:16:37.283Z",
                     *           "action": "termination.approved",
                     *           "after": {
                     *             "termination": {
                     *               "reason": "MUTUAL_AGREEMENT",
                     *               "notice_period_days": 30,
                     *               "approvals_required": 1,
                     *               "termination_id": "TMFKNR4DXF0TJH",
                     *               "contract_id": "CTTRQRK8EPR7FN",
                     *               "approval_required": true,
                     *               "notice_basis": "SHORT_NOTICE",
                     *               "version": 2,
                     *               "requested_by_email": "editor@example.com",
                     *               "completed_at": "2026-11-30T02:16:37.283Z",
                     *               "requested_by": "user-editor",
                     *               "updated_at": "2026-11-30T02:16:37.283Z",
                     *               "effective_date": "2026-11-30",
                     *               "decisions": [
                     *                 {
                     *                   "name": "Test approver",
                     *                   "comment": "Agreed with legal.",
                     *                   "at": "2026-11-30T02:16:37.283Z",
                     *                   "email": "approver@example.com",
                     *                   "outcome": "APPROVED",
                     *                   "by": "user-approver"
                     *                 }
                     *               ],
                     *               "requested_by_name": "Test editor",
                     *               "previous_status": "ACTIVE",
                     *               "requested_at": "2026-11-30T02:16:37.253Z",
                     *               "status": "COMPLETED"
                     *             },
                     *             "version": 10,
                     *             "status": "TERMINATED"
                     *           },
                     *           "request_id": "16e9ce26-d471-4681-b35d-3e132c1f5a01",
                     *           "entity": "termination"
                     *         }
                     *       ],
                     *       "next_cursor": "eyJzayI6IiRhdWRpdF8xI2F0XzIwMjYtMTEtMzB0MDI6MTY6MzcuMjgzeiNhdWRpdF9pZF9hdXFueTZwbWJwejQxZnZrZGUiLCJwayI6IiR0ZXN0ZXgjdHJhaWxfY3R0cnFyazhlcHI3Zm4ifQ"
                     *     }
                     */
                    "application/json": components["schemas"]["AuditEntryPage"];
                    "text/csv": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            /** @description Redirect to the `Location` header */
            303: {
                headers: {
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getContractsByIdFiles: {
        parameters: {
            query?: {
                limit?: number;
                /** @description The `next_cursor` of the previous page of this same list and filters; any other value is a 400 `cursor.invalid`. */
                cursor?: string;
            };
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "sha256": "cc2907b559b623e7cb6cf69599f2fc59630a37862182e4a836d24ce3dd1614fc",
                     *           "contract_id": "CTTRQRK8EPR7FN",
                     *           "kind": "document",
                     *           "created_at": "2026-11-30T02:16:36.954Z",
                     *           "uploaded_by": "user-editor",
                     *           "filename": "agreement.pdf",
                     *           "content_type": "application/pdf",
                     *           "size": 18,
                     *           "updated_at": "2026-11-30T02:16:36.954Z",
                     *           "file_id": "FIA6DC7S30CK75",
                     *           "status": "PENDING"
                     *         },
                     *         {
                     *           "sha256": "3c31b9f66c68e0974351ec4833deda5f02c91da61892e8e00465bc9389915133",
                     *           "contract_id": "CTTRQRK8EPR7FN",
                     *           "kind": "document",
                     *           "created_at": "2026-11-30T02:16:36.795Z",
                     *           "uploaded_by": "user-editor",
                     *           "filename": "notice.txt",
                     *           "content_type": "text/plain",
                     *           "size": 49,
                     *           "updated_at": "2026-11-30T02:16:36.900Z",
                     *           "file_id": "FIDWS5NV9M2KEM",
                     *           "status": "AVAILABLE"
                     *         }
                     *       ],
                     *       "next_cursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["FilePage"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `contract.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/contract.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Contract CT0000NOSUCH does not exist.",
                     *       "code": "contract.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postContractsByIdFiles: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retried POST safe: the same key and body within a day answer the first reply again. Per caller. A malformed key is a 400. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** @description JSON (`application/json`) of at most 262144 bytes, or `multipart/form-data` of at most 4210688 bytes; larger bodies are refused with 413, other media types with 415. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "filename": "agreement.pdf",
                 *       "content_type": "application/pdf",
                 *       "size": 18,
                 *       "sha256": "cc2907b559b623e7cb6cf69599f2fc59630a37862182e4a836d24ce3dd1614fc",
                 *       "kind": "document"
                 *     }
                 */
                "application/json": components["schemas"]["UploadRequest"];
                "multipart/form-data": {
                    /** @description The document, at most 4194304 bytes, with its filename and content type. */
                    file: string;
                    /**
                     * @default document
                     * @enum {string}
                     */
                    kind?: "document" | "signed_contract" | "termination_letter";
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "sha256": "3c31b9f66c68e0974351ec4833deda5f02c91da61892e8e00465bc9389915133",
                     *       "contract_id": "CTTRQRK8EPR7FN",
                     *       "kind": "document",
                     *       "created_at": "2026-11-30T02:16:36.795Z",
                     *       "uploaded_by": "user-editor",
                     *       "filename": "notice.txt",
                     *       "content_type": "text/plain",
                     *       "size": 49,
                     *       "updated_at": "2026-11-30T02:16:36.900Z",
                     *       "file_id": "FIDWS5NV9M2KEM",
                     *       "status": "AVAILABLE"
                     *     }
                     */
                    "application/json": components["schemas"]["UploadGrant"] | components["schemas"]["File"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `contract.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/contract.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Contract CT0000NOSUCH does not exist.",
                     *       "code": "contract.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `contract.read_only` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/contract.read_only",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "contract.read_only",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getContractsByIdFilesByFileId: {
        parameters: {
            query?: {
                redirect?: "0" | "1" | "true" | "false";
            };
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                id: string;
                file_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "file": {
                     *         "sha256": "3c31b9f66c68e0974351ec4833deda5f02c91da61892e8e00465bc9389915133",
                     *         "contract_id": "CTTRQRK8EPR7FN",
                     *         "kind": "document",
                     *         "created_at": "2026-11-30T02:16:36.795Z",
                     *         "uploaded_by": "user-editor",
                     *         "filename": "notice.txt",
                     *         "content_type": "text/plain",
                     *         "size": 49,
                     *         "updated_at": "2026-11-30T02:16:36.900Z",
                     *         "file_id": "FIDWS5NV9M2KEM",
                     *         "status": "AVAILABLE"
                     *       },
                     *       "download": {
                     *         "method": "GET",
                     *         "url": "http://127.0.0.1:46835/testex-test-files/contracts/CTTRQRK8EPR7FN/FIDWS5NV9M2KEM?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Content-Sha256=UNSIGNED-PAYLOAD&X-Amz-Credential=S3RVER%2F20261130%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261130T021637Z&X-Amz-Expires=300&X-Amz-Signature=22386da9ea367fdaabf917a42e8b75bd5bae873b734dde10a69979424c87e994&X-Amz-SignedHeaders=host&response-content-disposition=attachment%3B%20filename%3D%22notice.txt%22%3B%20filename%2A%3DUTF-8%27%27notice.txt&response-content-type=text%2Fplain&x-id=GetObject",
                     *         "headers": {},
                     *         "expires_at": "2026-11-30T02:21:37.013Z"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["DownloadLink"];
                };
            };
            /** @description Redirect to the `Location` header */
            302: {
                headers: {
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `contract.not_found`, `file.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/contract.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Contract CT0000NOSUCH does not exist.",
                     *       "code": "contract.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `file.not_available` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/file.not_available",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "file.not_available",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    deleteContractsByIdFilesByFileId: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                id: string;
                file_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success, no content */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `contract.not_found`, `file.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/contract.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Contract CT0000NOSUCH does not exist.",
                     *       "code": "contract.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `contract.read_only`, `file.not_available`, `file.immutable` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/contract.read_only",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "contract.read_only",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getContractsByIdEvents: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "contract_id": "CTTRQRK8EPR7FN",
                     *           "created_at": "2026-11-30T02:16:36.692Z",
                     *           "origin_id": "EV330WBMNT7S8D2Q14",
                     *           "type": "contract.suspended",
                     *           "event_id": "EV330WBMNT7S8D2Q14",
                     *           "updated_at": "2026-11-30T02:16:36.692Z",
                     *           "status": "PENDING",
                     *           "attempts": 0,
                     *           "effects_done": []
                     *         },
                     *         {
                     *           "contract_id": "CTTRQRK8EPR7FN",
                     *           "created_at": "2026-11-30T02:16:36.749Z",
                     *           "origin_id": "EV76HY562ZVM9FFV3S",
                     *           "type": "contract.reinstated",
                     *           "event_id": "EV76HY562ZVM9FFV3S",
                     *           "updated_at": "2026-11-30T02:16:36.749Z",
                     *           "status": "PENDING",
                     *           "attempts": 0,
                     *           "effects_done": []
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["OutboxEventList"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getAudit: {
        parameters: {
            query: {
                limit?: number;
                /** @description The `next_cursor` of the previous page of this same list and filters; any other value is a 400 `cursor.invalid`. */
                cursor?: string;
                actor: string;
            };
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "before": {
                     *             "version": 8,
                     *             "status": "ACTIVE"
                     *           },
                     *           "actor_name": "Test editor",
                     *           "actor_email": "editor@example.com",
                     *           "entity_id": "TMFKNR4DXF0TJH",
                     *           "actor": "user-editor",
                     *           "audit_id": "AUQYPM5QDQWTGT2DG2",
                     *           "at": "2026-11-30T02:16:37.253Z",
                     *           "action": "termination.requested",
                     *           "after": {
                     *             "termination": {
                     *               "reason": "MUTUAL_AGREEMENT",
                     *               "notice_period_days": 30,
                     *               "approvals_required": 1,
                     *               "termination_id": "TMFKNR4DXF0TJH",
                     *               "contract_id": "CTTRQRK8EPR7FN",
                     *               "notice_basis": "SHORT_NOTICE",
                     *               "approval_required": true,
                     *               "version": 1,
                     *               "requested_by_email": "editor@example.com",
                     *               "requested_by": "user-editor",
                     *               "updated_at": "2026-11-30T02:16:37.253Z",
                     *               "effective_date": "2026-11-30",
                     *               "decisions": [],
                     *               "requested_by_name": "Test editor",
                     *               "previous_status": "ACTIVE",
                     *               "status": "PENDING_APPROVAL",
                     *               "requested_at": "2026-11-30T02:16:37.253Z"
                     *             },
                     *             "version": 9,
                     *             "status": "PENDING_TERMINATION"
                     *           },
                     *           "request_id": "341a704c-675e-4957-a426-f21e6cf0e372",
                     *           "entity": "termination"
                     *         },
                     *         {
                     *           "before": {
                     *             "version": 6,
                     *             "status": "ACTIVE"
                     *           },
                     *           "actor_name": "Test editor",
                     *           "actor_email": "editor@example.com",
                     *           "entity_id": "TM2PG1R53K3EJF",
                     *           "actor": "user-editor",
                     *           "audit_id": "AU25SCT0QJX18VDHRB",
                     *           "at": "2026-11-30T02:16:37.196Z",
                     *           "action": "termination.requested",
                     *           "after": {
                     *             "termination": {
                     *               "reason": "MUTUAL_AGREEMENT",
                     *               "notice_period_days": 30,
                     *               "approvals_required": 1,
                     *               "termination_id": "TM2PG1R53K3EJF",
                     *               "contract_id": "CTTRQRK8EPR7FN",
                     *               "notice_basis": "SHORT_NOTICE",
                     *               "approval_required": true,
                     *               "version": 1,
                     *               "requested_by_email": "editor@example.com",
                     *               "requested_by": "user-editor",
                     *               "updated_at": "2026-11-30T02:16:37.196Z",
                     *               "effective_date": "2026-11-30",
                     *               "decisions": [],
                     *               "requested_by_name": "Test editor",
                     *               "previous_status": "ACTIVE",
                     *               "status": "PENDING_APPROVAL",
                     *               "requested_at": "2026-11-30T02:16:37.196Z"
                     *             },
                     *             "version": 7,
                     *             "status": "PENDING_TERMINATION"
                     *           },
                     *           "request_id": "c20130d8-a4c6-4473-82cf-1b2d313b9e9c",
                     *           "entity": "termination"
                     *         }
                     *       ],
                     *       "next_cursor": "eyJzayI6IiRhdWRpdF8xI2F0XzIwMjYtMTEtMzB0MDI6MTY6MzcuMTk2eiNhdWRpdF9pZF9hdTI1c2N0MHFqeDE4dmRocmIiLCJwayI6IiR0ZXN0ZXgjdHJhaWxfY3R0cnFyazhlcHI3Zm4iLCJnc2kxc2siOiIkYXVkaXRfMSNhdF8yMDI2LTExLTMwdDAyOjE2OjM3LjE5NnojYXVkaXRfaWRfYXUyNXNjdDBxangxOHZkaHJiIiwiZ3NpMXBrIjoiJHRlc3RleCNhY3Rvcl91c2VyLWVkaXRvciJ9"
                     *     }
                     */
                    "application/json": components["schemas"]["AuditEntryPage"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postImports: {
        parameters: {
            query?: {
                /** @description The file's name: the audit trail quotes it ("imported from contracts-2026.xlsx, row 41"). Default `upload`. */
                filename?: string;
                /** @description `true`: report what each row would do and write nothing. */
                dry_run?: "true" | "false";
                /** @description `true`: a row naming a client by `client_email` that does not exist creates it (named `client_name`). */
                create_clients?: "true" | "false";
                /** @description The mapping of the file's column names to the API's field names, as a JSON object, e.g. `{"Contract title":"title"}`; a column already named as a field needs none. */
                columns?: string;
                /** @description A saved mapping to read the file with, instead of `columns`, `date_format` and `decimal_separator`. */
                mapping_name?: string;
                /** @description How the file writes dates; XLSX dates stored as dates (serial numbers) are read whatever this says. */
                date_format?: "YYYY-MM-DD" | "DD/MM/YYYY" | "MM/DD/YYYY" | "DD.MM.YYYY";
                /** @description `1.234,50` with `,`; the other mark and spaces are read as thousands separators. */
                decimal_separator?: "." | ",";
            };
            header?: {
                /** @description Makes a retried POST safe: the same key and body within a day answer the first reply again. Per caller. A malformed key is a 400. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description JSON (`application/json`) of at most 262144 bytes, or the file itself (`text/csv`, `application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`) of at most 4194304 bytes; larger bodies are refused with 413, other media types with 415. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImportStart"];
                "text/csv": string;
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportReport"];
                };
            };
            /** @description Success */
            202: {
                headers: {
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportJob"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `import_upload.not_found`, `import_mapping.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/import_upload.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "import_upload.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `import.upload_missing` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/import.upload_missing",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "import.upload_missing",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postImportsUploads: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retried POST safe: the same key and body within a day answer the first reply again. Per caller. A malformed key is a 400. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description JSON (`application/json`) of at most 262144 bytes; larger bodies are refused with 413, other media types with 415. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImportUploadRequest"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportUploadGrant"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getImportsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportJob"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `import.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/import.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "import.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getImportsByIdRefused: {
        parameters: {
            query?: {
                limit?: number;
                /** @description The `next_cursor` of the previous page of this same list and filters; any other value is a 400 `cursor.invalid`. */
                cursor?: string;
            };
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportRefusedRowPage"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `import.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/import.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "import.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getImportMappings: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SavedImportMappingPage"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getImportMappingsByName: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SavedImportMapping"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `import_mapping.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/import_mapping.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "import_mapping.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    putImportMappingsByName: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                name: string;
            };
            cookie?: never;
        };
        /** @description JSON (`application/json`) of at most 262144 bytes; larger bodies are refused with 413, other media types with 415. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImportMapping"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SavedImportMapping"];
                };
            };
            /** @description Success */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SavedImportMapping"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    deleteImportMappingsByName: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success, no content */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `import_mapping.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/import_mapping.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "import_mapping.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getContractsByIdTermination: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reason": "MUTUAL_AGREEMENT",
                     *       "notes": "Both parties agreed on 1 March.",
                     *       "contract_id": "CTTRQRK8EPR7FN",
                     *       "updated_at": "2026-11-30T02:16:37.102Z",
                     *       "effective_date": "2026-11-30",
                     *       "previous_status": "ACTIVE",
                     *       "requested_at": "2026-11-30T02:16:37.102Z",
                     *       "termination_id": "TMPRWDH1EB6CC3",
                     *       "approval_required": true,
                     *       "notice_basis": "SHORT_NOTICE",
                     *       "version": 1,
                     *       "requested_by": "user-editor",
                     *       "requested_by_name": "Test editor",
                     *       "status": "PENDING_APPROVAL",
                     *       "reason_label": "Mutual agreement of the parties",
                     *       "approvals_required": 1,
                     *       "decisions": []
                     *     }
                     */
                    "application/json": components["schemas"]["Termination"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `contract.not_found`, `termination.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/contract.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Contract CT0000NOSUCH does not exist.",
                     *       "code": "contract.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postContractsByIdTermination: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retried POST safe: the same key and body within a day answer the first reply again. Per caller. A malformed key is a 400. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** @description JSON (`application/json`) of at most 262144 bytes; larger bodies are refused with 413, other media types with 415. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "reason": "MUTUAL_AGREEMENT",
                 *       "effective_date": "2026-11-30",
                 *       "notes": "Both parties agreed on 1 March."
                 *     }
                 */
                "application/json": components["schemas"]["TerminationRequest"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "termination_id": "TMPRWDH1EB6CC3",
                     *       "contract_id": "CTTRQRK8EPR7FN",
                     *       "status": "PENDING_APPROVAL",
                     *       "reason": "MUTUAL_AGREEMENT",
                     *       "notes": "Both parties agreed on 1 March.",
                     *       "effective_date": "2026-11-30",
                     *       "notice_basis": "SHORT_NOTICE",
                     *       "approval_required": true,
                     *       "previous_status": "ACTIVE",
                     *       "requested_by": "user-editor",
                     *       "requested_by_name": "Test editor",
                     *       "requested_at": "2026-11-30T02:16:37.102Z",
                     *       "version": 1,
                     *       "updated_at": "2026-11-30T02:16:37.102Z",
                     *       "reason_label": "Mutual agreement of the parties",
                     *       "approvals_required": 1,
                     *       "decisions": []
                     *     }
                     */
                    "application/json": components["schemas"]["Termination"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `contract.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/contract.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Contract CT0000NOSUCH does not exist.",
                     *       "code": "contract.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `termination.invalid_transition`, `version.conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/termination.invalid_transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "termination.invalid_transition",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getContractsByIdTerminationLetter: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DownloadLink"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `contract.not_found`, `termination.not_found`, `file.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/contract.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Contract CT0000NOSUCH does not exist.",
                     *       "code": "contract.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getTerminationReasons: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TerminationReasonList"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getReportsTerminations: {
        parameters: {
            query: {
                /** @description First effective date counted */
                from: string;
                /** @description Last effective date counted; at most 366 days after `from` */
                to: string;
                /** @description `csv` or `xlsx`: every matching row as a spreadsheet (see the operation's description); default `json`, a page. Wins over `Accept`. */
                format?: "json" | "csv" | "xlsx";
                /** @description How a spreadsheet comes: `stream`, in the reply's body; `link`, written to S3 and answered with a 303 to a download link valid a few minutes. The default is `link` on AWS (a Lambda reply is at most 6 MB, and an export may be larger) and `stream` on the local stack. */
                delivery?: "stream" | "link";
            };
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TerminationReport"];
                    "text/csv": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            /** @description Redirect to the `Location` header */
            303: {
                headers: {
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postContractsByIdTerminationApprove: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retried POST safe: the same key and body within a day answer the first reply again. Per caller. A malformed key is a 400. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** @description Optional: no body, or an empty one, is the same as `{}`. JSON (`application/json`) of at most 262144 bytes; larger bodies are refused with 413, other media types with 415. */
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "comment": "Agreed with legal."
                 *     }
                 */
                "application/json": components["schemas"]["TerminationApproval"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reason": "MUTUAL_AGREEMENT",
                     *       "contract_id": "CTTRQRK8EPR7FN",
                     *       "updated_at": "2026-11-30T02:16:37.283Z",
                     *       "effective_date": "2026-11-30",
                     *       "previous_status": "ACTIVE",
                     *       "requested_at": "2026-11-30T02:16:37.253Z",
                     *       "termination_id": "TMFKNR4DXF0TJH",
                     *       "approval_required": true,
                     *       "notice_basis": "SHORT_NOTICE",
                     *       "version": 2,
                     *       "requested_by": "user-editor",
                     *       "requested_by_name": "Test editor",
                     *       "status": "COMPLETED",
                     *       "completed_at": "2026-11-30T02:16:37.283Z",
                     *       "reason_label": "Mutual agreement of the parties",
                     *       "approvals_required": 1,
                     *       "decisions": [
                     *         {
                     *           "by": "user-approver",
                     *           "name": "Test approver",
                     *           "at": "2026-11-30T02:16:37.283Z",
                     *           "outcome": "APPROVED",
                     *           "comment": "Agreed with legal."
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["Termination"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            /** @description Problem: `auth.forbidden`, `termination.four_eyes` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/auth.forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs the \"admin\" permission, which your role does not grant.",
                     *       "code": "auth.forbidden",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `contract.not_found`, `termination.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/contract.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Contract CT0000NOSUCH does not exist.",
                     *       "code": "contract.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `termination.invalid_transition`, `version.conflict`, `termination.already_approved` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/termination.invalid_transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "termination.invalid_transition",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postContractsByIdTerminationReject: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retried POST safe: the same key and body within a day answer the first reply again. Per caller. A malformed key is a 400. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** @description JSON (`application/json`) of at most 262144 bytes; larger bodies are refused with 413, other media types with 415. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "comment": "The notice must go through legal first."
                 *     }
                 */
                "application/json": components["schemas"]["TerminationRejection"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reason": "MUTUAL_AGREEMENT",
                     *       "contract_id": "CTTRQRK8EPR7FN",
                     *       "updated_at": "2026-11-30T02:16:37.219Z",
                     *       "effective_date": "2026-11-30",
                     *       "previous_status": "ACTIVE",
                     *       "requested_at": "2026-11-30T02:16:37.196Z",
                     *       "termination_id": "TM2PG1R53K3EJF",
                     *       "approval_required": true,
                     *       "notice_basis": "SHORT_NOTICE",
                     *       "version": 2,
                     *       "requested_by": "user-editor",
                     *       "requested_by_name": "Test editor",
                     *       "status": "REJECTED",
                     *       "reason_label": "Mutual agreement of the parties",
                     *       "approvals_required": 1,
                     *       "decisions": [
                     *         {
                     *           "by": "user-approver",
                     *           "name": "Test approver",
                     *           "at": "2026-11-30T02:16:37.219Z",
                     *           "outcome": "REJECTED",
                     *           "comment": "The notice must go through legal first."
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["Termination"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            /** @description Problem: `auth.forbidden`, `termination.four_eyes` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/auth.forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs the \"admin\" permission, which your role does not grant.",
                     *       "code": "auth.forbidden",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `contract.not_found`, `termination.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/contract.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Contract CT0000NOSUCH does not exist.",
                     *       "code": "contract.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `termination.invalid_transition`, `version.conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/termination.invalid_transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "termination.invalid_transition",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postContractsByIdTerminationWithdraw: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retried POST safe: the same key and body within a day answer the first reply again. Per caller. A malformed key is a 400. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reason": "MUTUAL_AGREEMENT",
                     *       "notes": "Both parties agreed on 1 March.",
                     *       "contract_id": "CTTRQRK8EPR7FN",
                     *       "updated_at": "2026-11-30T02:16:37.174Z",
                     *       "effective_date": "2026-11-30",
                     *       "previous_status": "ACTIVE",
                     *       "requested_at": "2026-11-30T02:16:37.102Z",
                     *       "termination_id": "TMPRWDH1EB6CC3",
                     *       "approval_required": true,
                     *       "notice_basis": "SHORT_NOTICE",
                     *       "version": 2,
                     *       "requested_by": "user-editor",
                     *       "requested_by_name": "Test editor",
                     *       "status": "WITHDRAWN",
                     *       "withdrawn_at": "2026-11-30T02:16:37.174Z",
                     *       "reason_label": "Mutual agreement of the parties",
                     *       "approvals_required": 1,
                     *       "decisions": []
                     *     }
                     */
                    "application/json": components["schemas"]["Termination"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            /** @description Problem: `auth.forbidden`, `termination.not_requester` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/auth.forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs the \"admin\" permission, which your role does not grant.",
                     *       "code": "auth.forbidden",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `contract.not_found`, `termination.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/contract.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Contract CT0000NOSUCH does not exist.",
                     *       "code": "contract.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `termination.invalid_transition`, `version.conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/termination.invalid_transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "termination.invalid_transition",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getTerminations: {
        parameters: {
            query?: {
                limit?: number;
                /** @description The `next_cursor` of the previous page of this same list and filters; any other value is a 400 `cursor.invalid`. */
                cursor?: string;
                status?: "PENDING_APPROVAL" | "SCHEDULED" | "COMPLETED" | "REJECTED" | "WITHDRAWN";
                /** @description A calendar date, YYYY-MM-DD, that exists (no 2026-02-30), up to 9999-12-30. */
                effective_before?: string;
            };
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [],
                     *       "next_cursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["TerminationPage"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getContractsByIdTerminationLetterPreview: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `contract.not_found`, `termination.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/contract.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Contract CT0000NOSUCH does not exist.",
                     *       "code": "contract.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `termination.invalid_transition` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/termination.invalid_transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "termination.invalid_transition",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postNotifications: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retried POST safe: the same key and body within a day answer the first reply again. Per caller. A malformed key is a 400. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description JSON (`application/json`) of at most 262144 bytes; larger bodies are refused with 413, other media types with 415. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "template": "status-update",
                 *       "to": [
                 *         "legal@acme.example"
                 *       ],
                 *       "contract_id": "CTTRQRK8EPR7FN",
                 *       "props": {
                 *         "contract_id": "CTTRQRK8EPR7FN",
                 *         "contract_title": "Support and maintenance",
                 *         "status": "SUSPENDED",
                 *         "effective_date": "2026-12-01",
                 *         "changed_by": "user-editor"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["NoticeRequest"];
            };
        };
        responses: {
            /** @description Success */
            202: {
                headers: {
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "template": "status-update",
                     *       "contract_id": "CTTRQRK8EPR7FN",
                     *       "created_at": "2026-11-30T02:16:37.024Z",
                     *       "notification_id": "NTA01PS2G30S8M",
                     *       "props": {
                     *         "effective_date": "2026-12-01",
                     *         "contract_id": "CTTRQRK8EPR7FN",
                     *         "contract_title": "Support and maintenance",
                     *         "changed_by": "user-editor",
                     *         "status": "SUSPENDED"
                     *       },
                     *       "updated_at": "2026-11-30T02:16:37.024Z",
                     *       "to": [
                     *         "legal@acme.example"
                     *       ],
                     *       "status": "QUEUED",
                     *       "attempts": 0
                     *     }
                     */
                    "application/json": components["schemas"]["Notification"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `contract.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/contract.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Contract CT0000NOSUCH does not exist.",
                     *       "code": "contract.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getNotificationsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "template": "status-update",
                     *       "contract_id": "CTTRQRK8EPR7FN",
                     *       "created_at": "2026-11-30T02:16:37.024Z",
                     *       "notification_id": "NTA01PS2G30S8M",
                     *       "props": {
                     *         "effective_date": "2026-12-01",
                     *         "contract_id": "CTTRQRK8EPR7FN",
                     *         "contract_title": "Support and maintenance",
                     *         "changed_by": "user-editor",
                     *         "status": "SUSPENDED"
                     *       },
                     *       "updated_at": "2026-11-30T02:16:37.024Z",
                     *       "to": [
                     *         "legal@acme.example"
                     *       ],
                     *       "status": "QUEUED",
                     *       "attempts": 0
                     *     }
                     */
                    "application/json": components["schemas"]["Notification"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `notification.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/notification.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "notification.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getContractsByIdNotifications: {
        parameters: {
            query?: {
                limit?: number;
                /** @description The `next_cursor` of the previous page of this same list and filters; any other value is a 400 `cursor.invalid`. */
                cursor?: string;
            };
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "template": "status-update",
                     *           "contract_id": "CTTRQRK8EPR7FN",
                     *           "created_at": "2026-11-30T02:16:37.024Z",
                     *           "notification_id": "NTA01PS2G30S8M",
                     *           "props": {
                     *             "effective_date": "2026-12-01",
                     *             "contract_id": "CTTRQRK8EPR7FN",
                     *             "contract_title": "Support and maintenance",
                     *             "changed_by": "user-editor",
                     *             "status": "SUSPENDED"
                     *           },
                     *           "updated_at": "2026-11-30T02:16:37.024Z",
                     *           "to": [
                     *             "legal@acme.example"
                     *           ],
                     *           "status": "QUEUED",
                     *           "attempts": 0
                     *         }
                     *       ],
                     *       "next_cursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["NotificationPage"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getAdminPolicy: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TerminationPolicy"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getAdminNotificationsDead: {
        parameters: {
            query?: {
                limit?: number;
                /** @description The `next_cursor` of the previous page of this same list and filters; any other value is a 400 `cursor.invalid`. */
                cursor?: string;
            };
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationPage"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postAdminNotificationsByIdRetry: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retried POST safe: the same key and body within a day answer the first reply again. Per caller. A malformed key is a 400. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Notification"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `notification.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/notification.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "notification.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `notification.not_dead` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/notification.not_dead",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "notification.not_dead",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getAdminDeadEvents: {
        parameters: {
            query?: {
                limit?: number;
                /** @description The `next_cursor` of the previous page of this same list and filters; any other value is a 400 `cursor.invalid`. */
                cursor?: string;
            };
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [],
                     *       "next_cursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["OutboxEventPage"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postAdminDeadEventsByEventIdReplay: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retried POST safe: the same key and body within a day answer the first reply again. Per caller. A malformed key is a 400. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                event_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OutboxEvent"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `event.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/event.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "event.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `event.not_dead` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/event.not_dead",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "event.not_dead",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getAdminWebhooks: {
        parameters: {
            query?: {
                limit?: number;
                /** @description The `next_cursor` of the previous page of this same list and filters; any other value is a 400 `cursor.invalid`. */
                cursor?: string;
            };
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSubscriptionPage"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postAdminWebhooks: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retried POST safe: the same key and body within a day answer the first reply again. Per caller. A malformed key is a 400. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description JSON (`application/json`) of at most 262144 bytes; larger bodies are refused with 413, other media types with 415. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookCreate"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSubscriptionWithSecret"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            /** @description Problem: `validation.failed`, `webhook.target_refused` */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation.failed",
                     *       "title": "Unprocessable Content",
                     *       "status": 422,
                     *       "detail": "end_date: must not be before start_date.",
                     *       "code": "validation.failed",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getAdminWebhooksById: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSubscription"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `webhook.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/webhook.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "webhook.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    deleteAdminWebhooksById: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success, no content */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `webhook.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/webhook.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "webhook.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `version.conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/version.conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "The contract is at version 10; reload it and retry.",
                     *       "code": "version.conflict",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    patchAdminWebhooksById: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** @description JSON (`application/json`) of at most 262144 bytes; larger bodies are refused with 413, other media types with 415. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookUpdate"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSubscription"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `webhook.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/webhook.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "webhook.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `version.conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/version.conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "The contract is at version 10; reload it and retry.",
                     *       "code": "version.conflict",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            /** @description Problem: `validation.failed`, `webhook.target_refused` */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation.failed",
                     *       "title": "Unprocessable Content",
                     *       "status": 422,
                     *       "detail": "end_date: must not be before start_date.",
                     *       "code": "validation.failed",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postAdminWebhooksByIdRotate: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retried POST safe: the same key and body within a day answer the first reply again. Per caller. A malformed key is a 400. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** @description Optional: no body, or an empty one, is the same as `{}`. JSON (`application/json`) of at most 262144 bytes; larger bodies are refused with 413, other media types with 415. */
        requestBody?: {
            content: {
                "application/json": components["schemas"]["WebhookRotation"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSubscriptionWithSecret"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `webhook.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/webhook.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "webhook.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `version.conflict` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/version.conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "The contract is at version 10; reload it and retry.",
                     *       "code": "version.conflict",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postAdminWebhooksByIdPing: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retried POST safe: the same key and body within a day answer the first reply again. Per caller. A malformed key is a 400. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `webhook.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/webhook.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "webhook.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getAdminWebhooksByIdDeliveries: {
        parameters: {
            query?: {
                limit?: number;
                /** @description The `next_cursor` of the previous page of this same list and filters; any other value is a 400 `cursor.invalid`. */
                cursor?: string;
            };
            header?: {
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryPage"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `webhook.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/webhook.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "webhook.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postAdminWebhooksByIdDeliveriesByDeliveryIdReplay: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retried POST safe: the same key and body within a day answer the first reply again. Per caller. A malformed key is a 400. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours. */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                id: string;
                delivery_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `webhook.not_found` */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/webhook.not_found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "webhook.not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `webhook.delivery_not_found`, `webhook.delivery_in_progress` */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/webhook.delivery_not_found",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "What went wrong, for a person.",
                     *       "code": "webhook.delivery_not_found",
                     *       "request_id": "eef6862e-086e-4390-897c-1968fd4cb7cc"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    webhookContractCreated: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery's id: the same on every retry and replay of it, so a receiver can ignore one it has handled. */
                "webhook-id": string;
                /** @description When this attempt was signed, in seconds since 1970; reject one more than five minutes away from your clock. */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per secret that signs now (two during a rotation's overlap), separated by spaces. */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookContractCreated"];
            };
        };
        responses: {
            /** @description Received: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received: the delivery is tried again later. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookContractUpdated: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery's id: the same on every retry and replay of it, so a receiver can ignore one it has handled. */
                "webhook-id": string;
                /** @description When this attempt was signed, in seconds since 1970; reject one more than five minutes away from your clock. */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per secret that signs now (two during a rotation's overlap), separated by spaces. */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookContractUpdated"];
            };
        };
        responses: {
            /** @description Received: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received: the delivery is tried again later. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookContractRenewed: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery's id: the same on every retry and replay of it, so a receiver can ignore one it has handled. */
                "webhook-id": string;
                /** @description When this attempt was signed, in seconds since 1970; reject one more than five minutes away from your clock. */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per secret that signs now (two during a rotation's overlap), separated by spaces. */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookContractRenewed"];
            };
        };
        responses: {
            /** @description Received: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received: the delivery is tried again later. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookContractExpired: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery's id: the same on every retry and replay of it, so a receiver can ignore one it has handled. */
                "webhook-id": string;
                /** @description When this attempt was signed, in seconds since 1970; reject one more than five minutes away from your clock. */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per secret that signs now (two during a rotation's overlap), separated by spaces. */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookContractExpired"];
            };
        };
        responses: {
            /** @description Received: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received: the delivery is tried again later. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookContractSuspended: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery's id: the same on every retry and replay of it, so a receiver can ignore one it has handled. */
                "webhook-id": string;
                /** @description When this attempt was signed, in seconds since 1970; reject one more than five minutes away from your clock. */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per secret that signs now (two during a rotation's overlap), separated by spaces. */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookContractSuspended"];
            };
        };
        responses: {
            /** @description Received: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received: the delivery is tried again later. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookContractReinstated: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery's id: the same on every retry and replay of it, so a receiver can ignore one it has handled. */
                "webhook-id": string;
                /** @description When this attempt was signed, in seconds since 1970; reject one more than five minutes away from your clock. */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per secret that signs now (two during a rotation's overlap), separated by spaces. */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookContractReinstated"];
            };
        };
        responses: {
            /** @description Received: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received: the delivery is tried again later. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookContractDeleted: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery's id: the same on every retry and replay of it, so a receiver can ignore one it has handled. */
                "webhook-id": string;
                /** @description When this attempt was signed, in seconds since 1970; reject one more than five minutes away from your clock. */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per secret that signs now (two during a rotation's overlap), separated by spaces. */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookContractDeleted"];
            };
        };
        responses: {
            /** @description Received: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received: the delivery is tried again later. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookContractRestored: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery's id: the same on every retry and replay of it, so a receiver can ignore one it has handled. */
                "webhook-id": string;
                /** @description When this attempt was signed, in seconds since 1970; reject one more than five minutes away from your clock. */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per secret that signs now (two during a rotation's overlap), separated by spaces. */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookContractRestored"];
            };
        };
        responses: {
            /** @description Received: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received: the delivery is tried again later. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookTerminationRequested: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery's id: the same on every retry and replay of it, so a receiver can ignore one it has handled. */
                "webhook-id": string;
                /** @description When this attempt was signed, in seconds since 1970; reject one more than five minutes away from your clock. */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per secret that signs now (two during a rotation's overlap), separated by spaces. */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookTerminationRequested"];
            };
        };
        responses: {
            /** @description Received: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received: the delivery is tried again later. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookTerminationApprovalRecorded: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery's id: the same on every retry and replay of it, so a receiver can ignore one it has handled. */
                "webhook-id": string;
                /** @description When this attempt was signed, in seconds since 1970; reject one more than five minutes away from your clock. */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per secret that signs now (two during a rotation's overlap), separated by spaces. */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookTerminationApprovalRecorded"];
            };
        };
        responses: {
            /** @description Received: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received: the delivery is tried again later. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookTerminationApproved: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery's id: the same on every retry and replay of it, so a receiver can ignore one it has handled. */
                "webhook-id": string;
                /** @description When this attempt was signed, in seconds since 1970; reject one more than five minutes away from your clock. */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per secret that signs now (two during a rotation's overlap), separated by spaces. */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookTerminationApproved"];
            };
        };
        responses: {
            /** @description Received: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received: the delivery is tried again later. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookTerminationRejected: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery's id: the same on every retry and replay of it, so a receiver can ignore one it has handled. */
                "webhook-id": string;
                /** @description When this attempt was signed, in seconds since 1970; reject one more than five minutes away from your clock. */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per secret that signs now (two during a rotation's overlap), separated by spaces. */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookTerminationRejected"];
            };
        };
        responses: {
            /** @description Received: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received: the delivery is tried again later. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookTerminationScheduled: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery's id: the same on every retry and replay of it, so a receiver can ignore one it has handled. */
                "webhook-id": string;
                /** @description When this attempt was signed, in seconds since 1970; reject one more than five minutes away from your clock. */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per secret that signs now (two during a rotation's overlap), separated by spaces. */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookTerminationScheduled"];
            };
        };
        responses: {
            /** @description Received: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received: the delivery is tried again later. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookTerminationCompleted: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery's id: the same on every retry and replay of it, so a receiver can ignore one it has handled. */
                "webhook-id": string;
                /** @description When this attempt was signed, in seconds since 1970; reject one more than five minutes away from your clock. */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per secret that signs now (two during a rotation's overlap), separated by spaces. */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookTerminationCompleted"];
            };
        };
        responses: {
            /** @description Received: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received: the delivery is tried again later. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookTerminationWithdrawn: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery's id: the same on every retry and replay of it, so a receiver can ignore one it has handled. */
                "webhook-id": string;
                /** @description When this attempt was signed, in seconds since 1970; reject one more than five minutes away from your clock. */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per secret that signs now (two during a rotation's overlap), separated by spaces. */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookTerminationWithdrawn"];
            };
        };
        responses: {
            /** @description Received: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received: the delivery is tried again later. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookNoticeDelivered: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery's id: the same on every retry and replay of it, so a receiver can ignore one it has handled. */
                "webhook-id": string;
                /** @description When this attempt was signed, in seconds since 1970; reject one more than five minutes away from your clock. */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per secret that signs now (two during a rotation's overlap), separated by spaces. */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookNoticeDelivered"];
            };
        };
        responses: {
            /** @description Received: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received: the delivery is tried again later. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookNoticeBounced: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery's id: the same on every retry and replay of it, so a receiver can ignore one it has handled. */
                "webhook-id": string;
                /** @description When this attempt was signed, in seconds since 1970; reject one more than five minutes away from your clock. */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per secret that signs now (two during a rotation's overlap), separated by spaces. */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookNoticeBounced"];
            };
        };
        responses: {
            /** @description Received: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received: the delivery is tried again later. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookWebhookPing: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery's id: the same on every retry and replay of it, so a receiver can ignore one it has handled. */
                "webhook-id": string;
                /** @description When this attempt was signed, in seconds since 1970; reject one more than five minutes away from your clock. */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per secret that signs now (two during a rotation's overlap), separated by spaces. */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookWebhookPing"];
            };
        };
        responses: {
            /** @description Received: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received: the delivery is tried again later. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
