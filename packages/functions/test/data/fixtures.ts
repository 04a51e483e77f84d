import { Outbox } from "@testex/core";
import { processEventsOf } from "../termination/fixtures";

/** What the processor does with a background import's events, until none is left to do. */
export async function processUntilSettled(importId: string) {
  for (let round = 0; round < 20; round++) {
    await processEventsOf(`import:${importId}`);
    const events = await Outbox.byContract(`import:${importId}`);
    if (events.every((event) => event.status !== "PENDING")) return;
  }
  throw new Error(`import ${importId} did not settle`);
}
