import { serve, type ServerType } from "@hono/node-server";
import { afterAll, beforeAll } from "vitest";
import { freePort } from "./local";
import { app } from "@testex/functions/api/app";

/** Serves the app over a real socket for the file's tests; `url()` is its base, e.g. http://127.0.0.1:41234. */
export function servedApp(): { url: () => string } {
  let server: ServerType | undefined;
  let base = "";
  beforeAll(async () => {
    const port = await freePort();
    server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" });
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(() => {
    server?.close();
  });
  return { url: () => base };
}
