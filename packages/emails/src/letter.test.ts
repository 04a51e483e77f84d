import { describe, expect, it } from "vitest";
import { renderLetter, TerminationLetter } from "./letter";

describe("the termination letter", () => {
  it("renders a PDF", async () => {
    const pdf = Buffer.from(await renderLetter(TerminationLetter.PreviewProps));
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("renders the same letter to the same bytes, so storing it again finds it unchanged", async () => {
    const first = Buffer.from(await renderLetter(TerminationLetter.PreviewProps));
    const again = Buffer.from(await renderLetter(TerminationLetter.PreviewProps));
    expect(again.equals(first)).toBe(true);
  });
});
