import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { clientTypes, TYPES_FILE } from "../src/generate";

describe("the typed client", () => {
  it("is generated from the committed API document (else run `npm run openapi`)", async () => {
    expect(readFileSync(TYPES_FILE, "utf8")).toBe(await clientTypes());
  });
});
