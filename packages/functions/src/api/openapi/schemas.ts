/**
 * The names of the document's component schemas: every resource a reply
 * carries and every input a request sends. A body or reply whose schema is
 * not named here is written inline, and a test says so.
 */
import { Audit, Calendar, Client, Contract, File, Import, Notification, Outbox, Term, Termination, Webhook } from "@testex/core";
import type { GenericSchema } from "valibot";
import { Health } from "../routes/health";
import { Me } from "../routes/me";

export const RESOURCES: Record<string, GenericSchema> = {
  Client: Client.Client,
  Contract: Contract.Contract,
  Termination: Termination.Termination,
  AuditEntry: Audit.AuditEntry,
  File: File.File,
  UploadGrant: File.UploadGrant,
  DownloadLink: File.DownloadLink,
  Notification: Notification.Notification,
  OutboxEvent: Outbox.Event,
  ContractSearchResult: Contract.SearchResult,
  TerminationReason: Termination.Reason,
  TerminationReport: Termination.Report,
  TerminationPolicy: Termination.PolicyView,
  ImportReport: Import.Report,
  ImportJob: Import.Job.Job,
  ImportUploadGrant: Import.Job.UploadGrant,
  ImportRefusedRow: Import.Job.RefusedRow,
  SavedImportMapping: Import.Mappings.SavedMapping,
  CalendarLink: Calendar.FeedLink,
  WebhookSubscription: Webhook.Subscription,
  WebhookSubscriptionWithSecret: Webhook.WithSecret,
  WebhookDelivery: Webhook.Delivery,
  Me,
  Health,
};

export const INPUTS: Record<string, GenericSchema> = {
  ClientCreate: Client.CreateInput,
  ClientUpdate: Client.UpdateInput,
  ContractCreate: Contract.CreateInput,
  ContractUpdate: Contract.UpdateInput,
  ContractRenewal: Term.RenewInput,
  TerminationRequest: Termination.RequestInput,
  TerminationApproval: Termination.ApproveInput,
  TerminationRejection: Termination.RejectInput,
  UploadRequest: File.UploadInput,
  NoticeRequest: Notification.NoticeRequest,
  ImportStart: Import.Job.StartInput,
  ImportUploadRequest: Import.Job.UploadRequest,
  ImportMapping: Import.Mapping,
  WebhookCreate: Webhook.SubscriptionInput,
  WebhookUpdate: Webhook.SubscriptionChanges,
  WebhookRotation: Webhook.RotateInput,
};

export const TAGS: Record<string, string> = {
  Operations: "Reachability of what the API depends on; this document and its interactive page.",
  Clients: "The parties contracts are made with.",
  Contracts: "Contracts, their terms, versions and audit trails.",
  Files: "A contract's documents: uploaded straight to S3 or through the API, verified, archived on deletion.",
  Audit: "Who did what, by record or by person.",
  Imports: "Contracts from a spreadsheet (CSV or XLSX), row by row, with a dry run: small files at once, large ones uploaded to S3 and imported by a background job; mappings saved by name.",
  Calendar: "Each person's deadline calendar (iCalendar), subscribed to by a secret address.",
  Terminations: "Ending a contract: request, four-eyes approval, schedule, completion, and the effects that follow.",
  Events: "What each change announced (the outbox): a contract's events and which of their effects are done; events whose effects kept failing, and their replay.",
  Notifications: "Notices sent by e-mail from templates, and their delivery.",
  Identity: "Who is signed in, with their roles and what those allow.",
  Webhooks: "Signed event deliveries (Standard Webhooks) to receivers that admins subscribe; their delivery logs and replays. The events themselves are under `webhooks`.",
};
