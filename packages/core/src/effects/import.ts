import { Events, Job } from "../import";
import { subscribe, whenDead } from "./registry";

/** Each chunk of a background import runs as the effect of the event its start (or the chunk before) wrote. */
subscribe(Events.Advance, ({ import_id, chunk }) => [{ name: "import-chunk", run: () => Job.advance(import_id, chunk) }]);

/** A chunk that kept failing ends its job as FAILED, with what to do next. */
whenDead(Events.Advance, async (event) => {
  const { import_id, chunk } = Events.Advance.read(event);
  await Job.abandon(import_id, chunk);
});
