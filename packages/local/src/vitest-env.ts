import { inject } from "vitest";

// Runs before each test file's imports, so app code reads the test stack's links.
Object.assign(process.env, inject("stackEnv"), { LOG_LEVEL: process.env.LOG_LEVEL ?? "WARN" });
