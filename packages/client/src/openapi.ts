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
         * @description Each dependency is checked with a 1 s deadline; answers are reused for 5 s. 503 when any of them fails; the reason is in the logs, not here.
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
    "/api/clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List clients, newest first, or find one by e-mail
         * @description Needs the `read` permission (roles: viewer, editor, approver, admin).
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
         * List contracts by end date, filtered by status, client or end-date range
         * @description Needs the `read` permission (roles: viewer, editor, approver, admin).
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
    "/api/contracts/{id}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A contract's audit trail, newest first (kept after deletion)
         * @description Needs the `read` permission (roles: viewer, editor, approver, admin).
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
         * Add a document: JSON grants a presigned upload straight to S3; multipart/form-data (up to 5 MB) stores it at once
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
         * A short-lived download link (JSON, or a 302 redirect with ?redirect=1); deleted documents for admins only
         * @description Needs the `read` permission (roles: viewer, editor, approver, admin).
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
         * @description Below the approval threshold it is approved at once; if effective today, the contract is terminated at once.
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
         * @description Needs the `approve` permission (roles: approver, admin).
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
    "/api/terminations/dead-events": {
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
        get: operations["getTerminationsDeadEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/terminations/dead-events/{event_id}/replay": {
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
        post: operations["postTerminationsDeadEventsByEventIdReplay"];
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
         * @description `props` are checked against the template's schema. The reply is 202: delivery happens later; follow `location`.
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
    "/api/notifications/dead": {
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
        get: operations["getNotificationsDead"];
        put?: never;
        post?: never;
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
    "/api/notifications/{id}/retry": {
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
        post: operations["postNotificationsByIdRetry"];
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
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Problem: {
            type: string;
            title: string;
            status: number;
            detail: string;
            code: string;
            request_id: string;
            errors?: {
                path: string;
                message: string;
            }[];
        };
    };
    responses: {
        /** @description Problem: `request.malformed`, `cursor.invalid` */
        400: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Problem: `auth.unauthenticated` */
        401: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Problem: `auth.forbidden` */
        403: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Problem: `request.too_large` */
        413: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Problem: `request.unsupported_media_type` */
        415: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Problem: `validation.failed` */
        422: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Problem: `internal` */
        500: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    getOpenapiJson: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
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
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
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
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
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
            header?: never;
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
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name?: string;
                        email?: string;
                        roles: ("viewer" | "editor" | "approver" | "admin")[];
                        capabilities: ("read" | "write" | "approve" | "admin")[];
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    getClients: {
        parameters: {
            query?: {
                limit?: string;
                cursor?: string;
                email?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
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
                        }[];
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    postClients: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** Format: email */
                    email: string;
                    phone?: string;
                    address?: string;
                    /** @enum {string} */
                    status?: "ACTIVE" | "INACTIVE";
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `client.email_taken` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    getClientsById: {
        parameters: {
            query?: never;
            header?: never;
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `client.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    putClientsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The record's ETag, e.g. "3" (or send `version` in the body). */
                "If-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    /** Format: email */
                    email?: string;
                    phone?: string;
                    address?: string;
                    /** @enum {string} */
                    status?: "ACTIVE" | "INACTIVE";
                    version?: number;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `client.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `client.email_taken`, `version.conflict` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            /** @description Problem: `version.required` */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            500: components["responses"]["500"];
        };
    };
    deleteClientsById: {
        parameters: {
            query?: never;
            header: {
                /** @description The record's ETag, e.g. "3". */
                "If-Match": string;
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
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `client.has_contracts`, `version.conflict` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            /** @description Problem: `version.required` */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            500: components["responses"]["500"];
        };
    };
    getClientsByIdAudit: {
        parameters: {
            query?: {
                limit?: string;
                cursor?: string;
            };
            header?: never;
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
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
                        }[];
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    getContracts: {
        parameters: {
            query?: {
                limit?: string;
                cursor?: string;
                status?: "ACTIVE" | "SUSPENDED" | "PENDING_TERMINATION" | "TERMINATED";
                client_id?: string;
                ending_after?: string;
                ending_before?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            contract_id: string;
                            client_id: string;
                            title: string;
                            /** @enum {string} */
                            contract_type: "SERVICE" | "SUPPLY" | "LICENSE" | "LEASE" | "MAINTENANCE" | "CONSULTING" | "EMPLOYMENT" | "OTHER";
                            /** @enum {string} */
                            status: "ACTIVE" | "SUSPENDED" | "PENDING_TERMINATION" | "TERMINATED";
                            start_date: string;
                            end_date: string;
                            value: number;
                            currency: string;
                            notice_period_days: number;
                            /** @enum {string} */
                            termination_reason?: "MUTUAL_AGREEMENT" | "BREACH" | "CONVENIENCE" | "NON_RENEWAL" | "INSOLVENCY" | "OTHER";
                            termination_id?: string;
                            version: number;
                            created_at: string;
                            updated_at: string;
                        }[];
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    postContracts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    client_id: string;
                    title: string;
                    /** @enum {string} */
                    contract_type: "SERVICE" | "SUPPLY" | "LICENSE" | "LEASE" | "MAINTENANCE" | "CONSULTING" | "EMPLOYMENT" | "OTHER";
                    start_date: string;
                    end_date: string;
                    /** @description Exact amount in major units of `currency`: at most two decimals and 15 significant digits (up to 10000000000000). */
                    value: number;
                    currency?: string;
                    notice_period_days?: number;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        contract_id: string;
                        client_id: string;
                        title: string;
                        /** @enum {string} */
                        contract_type: "SERVICE" | "SUPPLY" | "LICENSE" | "LEASE" | "MAINTENANCE" | "CONSULTING" | "EMPLOYMENT" | "OTHER";
                        /** @enum {string} */
                        status: "ACTIVE" | "SUSPENDED" | "PENDING_TERMINATION" | "TERMINATED";
                        start_date: string;
                        end_date: string;
                        value: number;
                        currency: string;
                        notice_period_days: number;
                        /** @enum {string} */
                        termination_reason?: "MUTUAL_AGREEMENT" | "BREACH" | "CONVENIENCE" | "NON_RENEWAL" | "INSOLVENCY" | "OTHER";
                        termination_id?: string;
                        version: number;
                        created_at: string;
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `client.inactive` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    getContractsSearch: {
        parameters: {
            query: {
                q: string;
                limit?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            contract_id: string;
                            client_id: string;
                            title: string;
                            /** @enum {string} */
                            contract_type: "SERVICE" | "SUPPLY" | "LICENSE" | "LEASE" | "MAINTENANCE" | "CONSULTING" | "EMPLOYMENT" | "OTHER";
                            /** @enum {string} */
                            status: "ACTIVE" | "SUSPENDED" | "PENDING_TERMINATION" | "TERMINATED";
                            start_date: string;
                            end_date: string;
                            value: number;
                            currency: string;
                            notice_period_days: number;
                            /** @enum {string} */
                            termination_reason?: "MUTUAL_AGREEMENT" | "BREACH" | "CONVENIENCE" | "NON_RENEWAL" | "INSOLVENCY" | "OTHER";
                            termination_id?: string;
                            version: number;
                            created_at: string;
                            updated_at: string;
                            client_name: string;
                        }[];
                        truncated: boolean;
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    getContractsById: {
        parameters: {
            query?: never;
            header?: never;
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        contract_id: string;
                        client_id: string;
                        title: string;
                        /** @enum {string} */
                        contract_type: "SERVICE" | "SUPPLY" | "LICENSE" | "LEASE" | "MAINTENANCE" | "CONSULTING" | "EMPLOYMENT" | "OTHER";
                        /** @enum {string} */
                        status: "ACTIVE" | "SUSPENDED" | "PENDING_TERMINATION" | "TERMINATED";
                        start_date: string;
                        end_date: string;
                        value: number;
                        currency: string;
                        notice_period_days: number;
                        /** @enum {string} */
                        termination_reason?: "MUTUAL_AGREEMENT" | "BREACH" | "CONVENIENCE" | "NON_RENEWAL" | "INSOLVENCY" | "OTHER";
                        termination_id?: string;
                        version: number;
                        created_at: string;
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `contract.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    putContractsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The record's ETag, e.g. "3" (or send `version` in the body). */
                "If-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    title?: string;
                    /** @enum {string} */
                    contract_type?: "SERVICE" | "SUPPLY" | "LICENSE" | "LEASE" | "MAINTENANCE" | "CONSULTING" | "EMPLOYMENT" | "OTHER";
                    start_date?: string;
                    end_date?: string;
                    /** @description Exact amount in major units of `currency`: at most two decimals and 15 significant digits (up to 10000000000000). */
                    value?: number;
                    currency?: string;
                    notice_period_days?: number;
                    client_id?: string;
                    version?: number;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        contract_id: string;
                        client_id: string;
                        title: string;
                        /** @enum {string} */
                        contract_type: "SERVICE" | "SUPPLY" | "LICENSE" | "LEASE" | "MAINTENANCE" | "CONSULTING" | "EMPLOYMENT" | "OTHER";
                        /** @enum {string} */
                        status: "ACTIVE" | "SUSPENDED" | "PENDING_TERMINATION" | "TERMINATED";
                        start_date: string;
                        end_date: string;
                        value: number;
                        currency: string;
                        notice_period_days: number;
                        /** @enum {string} */
                        termination_reason?: "MUTUAL_AGREEMENT" | "BREACH" | "CONVENIENCE" | "NON_RENEWAL" | "INSOLVENCY" | "OTHER";
                        termination_id?: string;
                        version: number;
                        created_at: string;
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `contract.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `contract.read_only`, `version.conflict` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            /** @description Problem: `version.required` */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            500: components["responses"]["500"];
        };
    };
    deleteContractsById: {
        parameters: {
            query?: never;
            header: {
                /** @description The record's ETag, e.g. "3". */
                "If-Match": string;
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
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `contract.has_termination`, `version.conflict` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            /** @description Problem: `version.required` */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            500: components["responses"]["500"];
        };
    };
    getContractsByIdAudit: {
        parameters: {
            query?: {
                limit?: string;
                cursor?: string;
            };
            header?: never;
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
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
                        }[];
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    getContractsByIdFiles: {
        parameters: {
            query?: {
                limit?: string;
                cursor?: string;
            };
            header?: never;
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
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
                        }[];
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `contract.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    postContractsByIdFiles: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    filename: string;
                    content_type: string;
                    size: number;
                    sha256: string;
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        file: {
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
                        upload: {
                            /** @enum {string} */
                            method: "PUT" | "GET";
                            url: string;
                            headers: {
                                [key: string]: string;
                            };
                            expires_at: string;
                        };
                    } | {
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
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `contract.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `contract.read_only` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    getContractsByIdFilesByFileId: {
        parameters: {
            query?: {
                redirect?: "0" | "1" | "true" | "false";
            };
            header?: never;
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        file: {
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
                };
            };
            /** @description Success, no content */
            302: {
                headers: {
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
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `file.not_available` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    deleteContractsByIdFilesByFileId: {
        parameters: {
            query?: never;
            header?: never;
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
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `contract.read_only`, `file.not_available` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    getAudit: {
        parameters: {
            query: {
                limit?: string;
                cursor?: string;
                actor: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
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
                        }[];
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    getContractsByIdTermination: {
        parameters: {
            query?: never;
            header?: never;
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        termination_id: string;
                        contract_id: string;
                        /** @enum {string} */
                        status: "PENDING_APPROVAL" | "SCHEDULED" | "COMPLETED" | "REJECTED" | "WITHDRAWN";
                        /** @enum {string} */
                        reason: "MUTUAL_AGREEMENT" | "BREACH" | "CONVENIENCE" | "NON_RENEWAL" | "INSOLVENCY" | "OTHER";
                        notes?: string;
                        effective_date: string;
                        approval_required: boolean;
                        /** @enum {string} */
                        previous_status: "ACTIVE" | "SUSPENDED";
                        requested_by: string;
                        requested_by_name?: string;
                        requested_at: string;
                        decided_by?: string;
                        decided_by_name?: string;
                        decided_at?: string;
                        decision_comment?: string;
                        withdrawn_at?: string;
                        completed_at?: string;
                        version: number;
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `contract.not_found`, `termination.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    postContractsByIdTermination: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    reason: "MUTUAL_AGREEMENT" | "BREACH" | "CONVENIENCE" | "NON_RENEWAL" | "INSOLVENCY" | "OTHER";
                    effective_date?: string;
                    notes?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        termination_id: string;
                        contract_id: string;
                        /** @enum {string} */
                        status: "PENDING_APPROVAL" | "SCHEDULED" | "COMPLETED" | "REJECTED" | "WITHDRAWN";
                        /** @enum {string} */
                        reason: "MUTUAL_AGREEMENT" | "BREACH" | "CONVENIENCE" | "NON_RENEWAL" | "INSOLVENCY" | "OTHER";
                        notes?: string;
                        effective_date: string;
                        approval_required: boolean;
                        /** @enum {string} */
                        previous_status: "ACTIVE" | "SUSPENDED";
                        requested_by: string;
                        requested_by_name?: string;
                        requested_at: string;
                        decided_by?: string;
                        decided_by_name?: string;
                        decided_at?: string;
                        decision_comment?: string;
                        withdrawn_at?: string;
                        completed_at?: string;
                        version: number;
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `contract.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `termination.invalid_transition`, `version.conflict` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    getContractsByIdEvents: {
        parameters: {
            query?: never;
            header?: never;
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
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
                        }[];
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    postContractsByIdTerminationApprove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    comment?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        termination_id: string;
                        contract_id: string;
                        /** @enum {string} */
                        status: "PENDING_APPROVAL" | "SCHEDULED" | "COMPLETED" | "REJECTED" | "WITHDRAWN";
                        /** @enum {string} */
                        reason: "MUTUAL_AGREEMENT" | "BREACH" | "CONVENIENCE" | "NON_RENEWAL" | "INSOLVENCY" | "OTHER";
                        notes?: string;
                        effective_date: string;
                        approval_required: boolean;
                        /** @enum {string} */
                        previous_status: "ACTIVE" | "SUSPENDED";
                        requested_by: string;
                        requested_by_name?: string;
                        requested_at: string;
                        decided_by?: string;
                        decided_by_name?: string;
                        decided_at?: string;
                        decision_comment?: string;
                        withdrawn_at?: string;
                        completed_at?: string;
                        version: number;
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            /** @description Problem: `auth.forbidden`, `termination.four_eyes` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `contract.not_found`, `termination.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `termination.invalid_transition`, `version.conflict` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    postContractsByIdTerminationReject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    comment: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        termination_id: string;
                        contract_id: string;
                        /** @enum {string} */
                        status: "PENDING_APPROVAL" | "SCHEDULED" | "COMPLETED" | "REJECTED" | "WITHDRAWN";
                        /** @enum {string} */
                        reason: "MUTUAL_AGREEMENT" | "BREACH" | "CONVENIENCE" | "NON_RENEWAL" | "INSOLVENCY" | "OTHER";
                        notes?: string;
                        effective_date: string;
                        approval_required: boolean;
                        /** @enum {string} */
                        previous_status: "ACTIVE" | "SUSPENDED";
                        requested_by: string;
                        requested_by_name?: string;
                        requested_at: string;
                        decided_by?: string;
                        decided_by_name?: string;
                        decided_at?: string;
                        decision_comment?: string;
                        withdrawn_at?: string;
                        completed_at?: string;
                        version: number;
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            /** @description Problem: `auth.forbidden`, `termination.four_eyes` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `contract.not_found`, `termination.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `termination.invalid_transition`, `version.conflict` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    postContractsByIdTerminationWithdraw: {
        parameters: {
            query?: never;
            header?: never;
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        termination_id: string;
                        contract_id: string;
                        /** @enum {string} */
                        status: "PENDING_APPROVAL" | "SCHEDULED" | "COMPLETED" | "REJECTED" | "WITHDRAWN";
                        /** @enum {string} */
                        reason: "MUTUAL_AGREEMENT" | "BREACH" | "CONVENIENCE" | "NON_RENEWAL" | "INSOLVENCY" | "OTHER";
                        notes?: string;
                        effective_date: string;
                        approval_required: boolean;
                        /** @enum {string} */
                        previous_status: "ACTIVE" | "SUSPENDED";
                        requested_by: string;
                        requested_by_name?: string;
                        requested_at: string;
                        decided_by?: string;
                        decided_by_name?: string;
                        decided_at?: string;
                        decision_comment?: string;
                        withdrawn_at?: string;
                        completed_at?: string;
                        version: number;
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            /** @description Problem: `auth.forbidden`, `termination.not_requester` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `contract.not_found`, `termination.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `termination.invalid_transition`, `version.conflict` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    postContractsByIdSuspend: {
        parameters: {
            query?: never;
            header?: never;
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        contract_id: string;
                        client_id: string;
                        title: string;
                        /** @enum {string} */
                        contract_type: "SERVICE" | "SUPPLY" | "LICENSE" | "LEASE" | "MAINTENANCE" | "CONSULTING" | "EMPLOYMENT" | "OTHER";
                        /** @enum {string} */
                        status: "ACTIVE" | "SUSPENDED" | "PENDING_TERMINATION" | "TERMINATED";
                        start_date: string;
                        end_date: string;
                        value: number;
                        currency: string;
                        notice_period_days: number;
                        /** @enum {string} */
                        termination_reason?: "MUTUAL_AGREEMENT" | "BREACH" | "CONVENIENCE" | "NON_RENEWAL" | "INSOLVENCY" | "OTHER";
                        termination_id?: string;
                        version: number;
                        created_at: string;
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `contract.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `termination.invalid_transition`, `version.conflict` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    postContractsByIdReinstate: {
        parameters: {
            query?: never;
            header?: never;
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        contract_id: string;
                        client_id: string;
                        title: string;
                        /** @enum {string} */
                        contract_type: "SERVICE" | "SUPPLY" | "LICENSE" | "LEASE" | "MAINTENANCE" | "CONSULTING" | "EMPLOYMENT" | "OTHER";
                        /** @enum {string} */
                        status: "ACTIVE" | "SUSPENDED" | "PENDING_TERMINATION" | "TERMINATED";
                        start_date: string;
                        end_date: string;
                        value: number;
                        currency: string;
                        notice_period_days: number;
                        /** @enum {string} */
                        termination_reason?: "MUTUAL_AGREEMENT" | "BREACH" | "CONVENIENCE" | "NON_RENEWAL" | "INSOLVENCY" | "OTHER";
                        termination_id?: string;
                        version: number;
                        created_at: string;
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `contract.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `termination.invalid_transition`, `version.conflict` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    getTerminations: {
        parameters: {
            query?: {
                limit?: string;
                cursor?: string;
                status?: "PENDING_APPROVAL" | "SCHEDULED" | "COMPLETED" | "REJECTED" | "WITHDRAWN";
                effective_before?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            termination_id: string;
                            contract_id: string;
                            /** @enum {string} */
                            status: "PENDING_APPROVAL" | "SCHEDULED" | "COMPLETED" | "REJECTED" | "WITHDRAWN";
                            /** @enum {string} */
                            reason: "MUTUAL_AGREEMENT" | "BREACH" | "CONVENIENCE" | "NON_RENEWAL" | "INSOLVENCY" | "OTHER";
                            notes?: string;
                            effective_date: string;
                            approval_required: boolean;
                            /** @enum {string} */
                            previous_status: "ACTIVE" | "SUSPENDED";
                            requested_by: string;
                            requested_by_name?: string;
                            requested_at: string;
                            decided_by?: string;
                            decided_by_name?: string;
                            decided_at?: string;
                            decision_comment?: string;
                            withdrawn_at?: string;
                            completed_at?: string;
                            version: number;
                            updated_at: string;
                        }[];
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    getTerminationsDeadEvents: {
        parameters: {
            query?: {
                limit?: string;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
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
                        }[];
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    postTerminationsDeadEventsByEventIdReplay: {
        parameters: {
            query?: never;
            header?: never;
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `event.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `event.not_dead` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    postNotifications: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @constant */
                    template: "termination-notice";
                    to: string[];
                    contract_id?: string;
                    props: {
                        contract_id: string;
                        contract_title: string;
                        client_name: string;
                        reason: string;
                        effective_date: string;
                        notes?: string;
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
                        effective_date: string;
                        /** Format: uri */
                        review_url: string;
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
                        due_date: string;
                        days_left: number;
                        end_date: string;
                        notice_period_days: number;
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
            };
        };
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        notification_id: string;
                        /** @enum {string} */
                        template: "termination-notice" | "status-update" | "approval-request" | "termination-decision" | "end-date-reminder" | "system-alert";
                        to: string[];
                        contract_id?: string;
                        props: {
                            [key: string]: unknown;
                        };
                        /** @enum {string} */
                        status: "QUEUED" | "SENT" | "FAILED" | "DEAD";
                        attempts: number;
                        ses_message_id?: string;
                        last_error_code?: string;
                        created_at: string;
                        updated_at: string;
                        sent_at?: string;
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `contract.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    getNotificationsDead: {
        parameters: {
            query?: {
                limit?: string;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            notification_id: string;
                            /** @enum {string} */
                            template: "termination-notice" | "status-update" | "approval-request" | "termination-decision" | "end-date-reminder" | "system-alert";
                            to: string[];
                            contract_id?: string;
                            props: {
                                [key: string]: unknown;
                            };
                            /** @enum {string} */
                            status: "QUEUED" | "SENT" | "FAILED" | "DEAD";
                            attempts: number;
                            ses_message_id?: string;
                            last_error_code?: string;
                            created_at: string;
                            updated_at: string;
                            sent_at?: string;
                        }[];
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    getNotificationsById: {
        parameters: {
            query?: never;
            header?: never;
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        notification_id: string;
                        /** @enum {string} */
                        template: "termination-notice" | "status-update" | "approval-request" | "termination-decision" | "end-date-reminder" | "system-alert";
                        to: string[];
                        contract_id?: string;
                        props: {
                            [key: string]: unknown;
                        };
                        /** @enum {string} */
                        status: "QUEUED" | "SENT" | "FAILED" | "DEAD";
                        attempts: number;
                        ses_message_id?: string;
                        last_error_code?: string;
                        created_at: string;
                        updated_at: string;
                        sent_at?: string;
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `notification.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    postNotificationsByIdRetry: {
        parameters: {
            query?: never;
            header?: never;
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        notification_id: string;
                        /** @enum {string} */
                        template: "termination-notice" | "status-update" | "approval-request" | "termination-decision" | "end-date-reminder" | "system-alert";
                        to: string[];
                        contract_id?: string;
                        props: {
                            [key: string]: unknown;
                        };
                        /** @enum {string} */
                        status: "QUEUED" | "SENT" | "FAILED" | "DEAD";
                        attempts: number;
                        ses_message_id?: string;
                        last_error_code?: string;
                        created_at: string;
                        updated_at: string;
                        sent_at?: string;
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Problem: `notification.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem: `notification.not_dead` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    getContractsByIdNotifications: {
        parameters: {
            query?: {
                limit?: string;
                cursor?: string;
            };
            header?: never;
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            notification_id: string;
                            /** @enum {string} */
                            template: "termination-notice" | "status-update" | "approval-request" | "termination-decision" | "end-date-reminder" | "system-alert";
                            to: string[];
                            contract_id?: string;
                            props: {
                                [key: string]: unknown;
                            };
                            /** @enum {string} */
                            status: "QUEUED" | "SENT" | "FAILED" | "DEAD";
                            attempts: number;
                            ses_message_id?: string;
                            last_error_code?: string;
                            created_at: string;
                            updated_at: string;
                            sent_at?: string;
                        }[];
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
}
