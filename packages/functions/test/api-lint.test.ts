/**
 * Outside linters, run offline on the committed document: Redocly's
 * `recommended` rules and Spectral's `spectral:oas`. Zero errors and zero
 * warnings from both.
 */
import { readFileSync } from "node:fs";
import { createConfig, lintFromString } from "@redocly/openapi-core";
import { Document, Spectral } from "@stoplight/spectral-core";
import { Json } from "@stoplight/spectral-parsers";
import { oas } from "@stoplight/spectral-rulesets";
import { describe, expect, it } from "vitest";
import { DOCUMENT_FILE } from "../src/api/openapi/file";

const source = readFileSync(DOCUMENT_FILE, "utf8");

describe("the API document, linted", () => {
  it("has no error and no warning under Redocly's recommended rules", async () => {
    const config = await createConfig({ extends: ["recommended"] });
    const problems = await lintFromString({ source, absoluteRef: DOCUMENT_FILE, config });
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
  });

  it("has no finding under Spectral's spectral:oas rules", async () => {
    const spectral = new Spectral();
    spectral.setRuleset(oas as never);
    const findings = await spectral.run(new Document(source, Json, DOCUMENT_FILE));
    expect(findings.map((f) => `${f.code}: ${f.message} at ${f.path.join(".")}`)).toEqual([]);
  });
});
