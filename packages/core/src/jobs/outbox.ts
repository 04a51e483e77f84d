import * as Outbox from "../outbox";
import { schedule } from "../effects/registry";

// Outbox events whose stream delivery was lost.
schedule(50, { name: "stale outbox events", run: () => Outbox.redriveStale() });
