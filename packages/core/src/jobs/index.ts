/**
 * Every module's scheduled jobs, each file registering its own with the order
 * it runs in. Importing this registers them all; kept apart from the effects so
 * the processor does not load what only the scheduler runs.
 */
import "./file";
import "./notification";
import "./outbox";
import "./term";
import "./termination";
