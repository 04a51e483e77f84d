/**
 * Every module's effects file, each registering what its events cause.
 * Importing this registers them all; a new module's effects file is listed
 * here once.
 */
import "./backup";
import "./contract";
import "./import";
import "./termination";
import "./webhook";
