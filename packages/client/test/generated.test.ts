import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { clientRules, clientTypes, RULES_FILE, TYPES_FILE } from "../src/generate";

describe("the typed client", () => {
  it("is generated from the committed API document (else run `npm run openapi`)", async () => {
    expect(readFileSync(TYPES_FILE, "utf8")).toBe(await clientTypes());
  });

  it("carries the document's enums and bounds as values (else run `npm run openapi`)", () => {
    expect(readFileSync(RULES_FILE, "utf8")).toBe(clientRules());
  });
});
