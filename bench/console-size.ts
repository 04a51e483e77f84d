/**
 * 7. The console's first load: the JavaScript a browser fetches before the
 * first screen renders (the entry and the modules it preloads), gzipped as
 * CloudFront serves it. Screens are their own chunks, loaded when opened: the
 * heaviest is shown beside it for context.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { buildConsole } from "@testex/local/console";
import { emit, type Row } from "./lib/report";

const SECTION = "7 console";
const MAX_FIRST_LOAD_GZIP = 200 * 1024;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function main() {
  const outDir = mkdtempSync(join(tmpdir(), "testex-bench-console-"));
  try {
    await buildConsole({ apiUrl: "https://api.example.com", issuer: "https://issuer.example.com", clientId: "testex-console", outDir });
    const html = readFileSync(join(outDir, "index.html"), "utf8");
    const firstLoad = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\/([^"]+\.js)"/g)].map((m) => m[1]!);
    const gzipped = (file: string) => gzipSync(readFileSync(join(outDir, file))).length;
    const first = firstLoad.reduce((sum, file) => sum + gzipped(file), 0);
    const chunks = readdirSync(join(outDir, "assets")).filter((file) => file.endsWith(".js") && !firstLoad.includes(`assets/${file}`));
    const sized = chunks.map((file) => ({ file, bytes: gzipped(join("assets", file)) })).sort((a, b) => b.bytes - a.bytes);
    const heaviest = sized[0];
    const everything = first + sized.reduce((sum, chunk) => sum + chunk.bytes, 0);
    const rows: Row[] = [
      {
        section: SECTION,
        item: "first-load JavaScript, gzipped",
        figure: kb(first),
        target: `≤ ${kb(MAX_FIRST_LOAD_GZIP)}`,
        pass: first <= MAX_FIRST_LOAD_GZIP,
        note: `${firstLoad.length} file(s): React, router, query cache, OIDC client, typed API client, the shell`,
      },
      {
        section: SECTION,
        item: "heaviest screen chunk, gzipped",
        figure: heaviest ? kb(heaviest.bytes) : "none",
        target: "–",
        pass: null,
        note: heaviest ? `${heaviest.file}, loaded when that screen first opens` : undefined,
      },
      {
        section: SECTION,
        item: "every screen loaded, gzipped",
        figure: kb(everything),
        target: "–",
        pass: null,
        note: `the first load plus all ${sized.length} lazily loaded chunks`,
      },
    ];
    emit({ rows, details: { firstLoad } });
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

await main();
