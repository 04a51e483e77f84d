/**
 * The console on this machine: built with Vite for the local stack (the API's
 * URL and the OpenID Provider fixed at build time, as infra/web.ts does for a
 * stage) and served as static files, with index.html for every page a link
 * can open, as CloudFront serves it in AWS.
 */
import { serve, type ServerType } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { promisify } from "node:util";
import { Hono } from "hono";
import { consoleHeaders, type ConsoleOrigins } from "../../../infra/console-headers";
import { repoRoot } from "./paths";

const webRoot = join(repoRoot, "packages/web");

export interface ConsoleBuild {
  apiUrl: string;
  issuer: string;
  clientId: string;
  /** Where the build goes (replaced on every build). */
  outDir: string;
}

/** Builds the console for these settings; a child process, so the caller never loads Vite. */
export async function buildConsole({ apiUrl, issuer, clientId, outDir }: ConsoleBuild): Promise<string> {
  const vite = join(dirname(createRequire(join(webRoot, "package.json")).resolve("vite/package.json")), "bin/vite.js");
  await promisify(execFile)(process.execPath, [vite, "build", "--logLevel", "warn", "--emptyOutDir", "--outDir", outDir], {
    cwd: webRoot,
    env: { ...process.env, VITE_API_URL: apiUrl, VITE_OIDC_ISSUER: issuer, VITE_OIDC_CLIENT_ID: clientId },
  });
  return outDir;
}

/**
 * Serves a build on 127.0.0.1: its files, and index.html for any other path
 * (the app routes it), each with the security headers CloudFront adds on a
 * stage, for the API and issuer the build was made for.
 */
export function serveConsole(dir: string, port: number, origins: ConsoleOrigins): Promise<ServerType> {
  const index = readFileSync(join(dir, "index.html"), "utf8");
  // serveStatic resolves its root from the working directory.
  const root = relative(process.cwd(), dir) || ".";
  const headers = consoleHeaders(origins);
  const app = new Hono()
    .use("*", async (c, next) => {
      await next();
      for (const [name, value] of Object.entries(headers)) c.header(name, value);
    })
    .use("/assets/*", serveStatic({ root, onFound: (_path, c) => c.header("cache-control", "public, max-age=31536000, immutable") }))
    .get("*", (c) => c.html(index, 200, { "cache-control": "no-cache" }));
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, () => resolve(server));
  });
}
