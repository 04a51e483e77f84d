/**
 * Every module's effects file, each registering what its events cause and
 * what it runs on the clock. Importing this registers them all; a new
 * module's effects file is listed here once.
 */
import "./backup";
import "./contract";
import "./file";
import "./notification";
import "./outbox";
import "./term";
import "./termination";
