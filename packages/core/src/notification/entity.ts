import { Entity } from "electrodb";

export const NOTIFICATION_STATUSES = ["QUEUED", "SENT", "FAILED", "DEAD"] as const;

export const NotificationEntity = new Entity({
  model: { entity: "notification", version: "1", service: "testex" },
  attributes: {
    notification_id: { type: "string", required: true, readOnly: true },
    template: { type: "string", required: true, readOnly: true },
    to: { type: "list", items: { type: "string" }, required: true, readOnly: true },
    contract_id: { type: "string", readOnly: true },
    props: { type: "any", required: true, readOnly: true },
    status: { type: NOTIFICATION_STATUSES, required: true },
    attempts: { type: "number", required: true },
    created_at: { type: "string", required: true, readOnly: true },
    updated_at: { type: "string", required: true },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["notification_id"] },
      sk: { field: "sk", composite: [] },
    },
  },
});
