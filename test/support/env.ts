import { inject } from "vitest";

// Runs before each test file's imports, so app code reads the test stack's links.
Object.assign(process.env, inject("stackEnv"));

// The code under test writes its JSON logs and metric lines straight to stdout and stderr, as Lambda
// expects. Sent through the console instead, the runner keeps them with the test that wrote them and
// prints them only when that test fails (or always, when LOG_LEVEL is set; see vitest.config.ts).
const toConsole = (print: (line: string) => void): typeof process.stdout.write =>
  ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    print(String(chunk).replace(/\n$/, ""));
    const done = rest.find((arg): arg is () => void => typeof arg === "function");
    done?.();
    return true;
  }) as typeof process.stdout.write;
process.stdout.write = toConsole(console.log);
process.stderr.write = toConsole(console.error);
