import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const src = join(import.meta.dirname, "../src");
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? sources(join(dir, name)) : /\.tsx?$/.test(name) ? [join(dir, name)] : []));

/** What a handler reads of a request, followed by a cast: `c.req.query() as X`, `(await jsonBody(c)) as X`, `body as X`. */
const CAST_ON_INPUT = /(?:c\.req\.\w+\([^)]*\)|(?:jsonBody|optionalBody)\(c\)\)|\bbody\)?)\s+as\s+(?=[A-Z({[])/;

describe("the handlers", () => {
  it("read their request only through the schemas that checked it, never through a cast", () => {
    const casts = sources(src).flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, i) => (CAST_ON_INPUT.test(line) ? [`${relative(src, file)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(casts).toEqual([]);
  });
});
