/**
 * The console on this machine: built with Vite for the local stack (the API's
 * URL and the OpenID Provider fixed in the bundle, as infra/web.ts does for a
 * stage; one build is shared by every local stack, each copy with its own
 * settings written in) and served as static files, with index.html for every
 * page a link can open, as CloudFront serves it in AWS.
 */
import { serve, type ServerType } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { promisify } from "node:util";
import { Hono } from "hono";
import { consoleHeaders, type ConsoleOrigins } from "@testex/stage/console-headers";
import { cacheDir, inputsHash, onDisk, pruneOlder } from "./disk-cache";
import { repoRoot } from "./paths";

const webRoot = join(repoRoot, "packages/web");

export interface ConsoleBuild {
  apiUrl: string;
  issuer: string;
  clientId: string;
  /** Where the build goes (replaced on every build). */
  outDir: string;
}

/** What the build is made from; its settings are not among them (see below). */
const INPUTS = ["packages/web", "packages/client", "package-lock.json"];

/**
 * The build's settings, as Vite writes them into the bundle: one build, made with these stand-ins,
 * serves every stack on this machine, each copy with its own settings written in. Deployed stages
 * build with their real settings instead (infra/web.ts).
 */
const PLACEHOLDERS = {
  apiUrl: ["VITE_API_URL", "https://testex-api-url.invalid"],
  issuer: ["VITE_OIDC_ISSUER", "https://testex-oidc-issuer.invalid"],
  clientId: ["VITE_OIDC_CLIENT_ID", "testex-oidc-client-id-placeholder"],
} as const;

/** Vite's build of the console, made once for every change of its inputs (a child process, so the caller never loads Vite). */
async function sharedBuild(): Promise<string> {
  const dir = cacheDir("console");
  const name = `build-${inputsHash(INPUTS, "console")}`;
  pruneOlder(dir, "build-", name);
  return onDisk(dir, name, async (into) => {
    const vite = join(dirname(createRequire(join(webRoot, "package.json")).resolve("vite/package.json")), "bin/vite.js");
    const env = Object.fromEntries(Object.values(PLACEHOLDERS));
    await promisify(execFile)(process.execPath, [vite, "build", "--logLevel", "warn", "--emptyOutDir", "--outDir", into], {
      cwd: webRoot,
      env: { ...process.env, ...env },
    });
  });
}

/** The console built for these settings, in `outDir` (replaced on every build). */
export async function buildConsole(build: ConsoleBuild): Promise<string> {
  const source = await sharedBuild();
  rmSync(build.outDir, { recursive: true, force: true });
  const unwritten = new Set(Object.keys(PLACEHOLDERS));
  for (const file of readdirSync(source, { recursive: true, encoding: "utf8" })) {
    const from = join(source, file);
    const to = join(build.outDir, file);
    if (statSync(from).isDirectory()) continue;
    mkdirSync(dirname(to), { recursive: true });
    if (!/\.(html|js|css|map)$/.test(file)) {
      copyFileSync(from, to);
      continue;
    }
    let text = readFileSync(from, "utf8");
    for (const [setting, [, placeholder]] of Object.entries(PLACEHOLDERS)) {
      if (!file.endsWith(".map") && text.includes(placeholder)) unwritten.delete(setting);
      text = text.replaceAll(placeholder, build[setting as keyof typeof PLACEHOLDERS]);
    }
    writeFileSync(to, text);
  }
  // A setting Vite wrote in some other form would leave the console calling nowhere: say so here.
  if (unwritten.size > 0) throw new Error(`The console build holds no ${[...unwritten].join(", ")} to set; see PLACEHOLDERS in packages/local/src/console.ts.`);
  return build.outDir;
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
    // Not `immutable` as in AWS: here an asset's name stays the same when a restart on other ports writes other settings into it.
    .use("/assets/*", serveStatic({ root, onFound: (_path, c) => c.header("cache-control", "no-cache") }))
    .get("*", (c) => c.html(index, 200, { "cache-control": "no-cache" }));
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, () => resolve(server));
  });
}
