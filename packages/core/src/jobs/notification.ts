import * as Notification from "../notification";
import { schedule } from "../effects/registry";

// Notices recorded but never handed to the queue.
schedule(70, { name: "unsent notices", run: () => Notification.sweep() });
