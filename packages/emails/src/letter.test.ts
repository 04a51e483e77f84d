import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { renderLetter, TerminationLetter } from "./letter";

const preview = TerminationLetter.PreviewProps;

/** The letter's text as a reader's PDF tool extracts it (poppler's pdftotext). */
const textOf = (pdf: Uint8Array) => execFileSync("pdftotext", ["-enc", "UTF-8", "-", "-"], { input: pdf }).toString("utf8");

describe("the termination letter", () => {
  it("renders a PDF", async () => {
    const pdf = Buffer.from(await renderLetter(preview));
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("renders the same letter to the same bytes, so storing it again finds it unchanged", async () => {
    const first = Buffer.from(await renderLetter(preview));
    const again = Buffer.from(await renderLetter(preview));
    expect(again.equals(first)).toBe(true);
  });

  it("prints the letterhead (legal entity, address, registration) and the signatory's name and title", async () => {
    const text = textOf(await renderLetter(preview));
    const { legal_entity, address, registration, signatory } = preview.issuer;
    for (const line of [legal_entity, address.join(" · "), registration, signatory.name, signatory.title, `For ${legal_entity}`]) expect(text).toContain(line);
  });

  it("prints names in any script exactly: Japanese, Polish, Cyrillic, Greek", async () => {
    const text = textOf(
      await renderLetter({
        ...preview,
        client: { name: "株式会社 東京商事", address: "ul. Piotrkowska 1, 90-001 Łódź" },
        contract_title: "Поставка оборудования / Προμήθεια εξοπλισμού",
      }),
    );
    expect(text).toContain("株式会社 東京商事");
    expect(text).toContain("Łódź");
    expect(text).toContain("Поставка оборудования");
    expect(text).toContain("Προμήθεια εξοπλισμού");
  });

  it("wraps a word longer than a line onto the page instead of running off it, and never breaks a URL with a hyphen", async () => {
    const token = "Q".repeat(150);
    const url = "https://files.example.com/contracts/termination-documentation/annex-information.pdf";
    const pdf = await renderLetter({ ...preview, client_message: `${"word ".repeat(6)}${url} ${token} end` });
    // pdftotext joins a word hyphenated across lines, as a reader would.
    expect(textOf(pdf)).toContain(`${url}\n${token}`);
    const bbox = execFileSync("pdftotext", ["-bbox", "-", "-"], { input: pdf }).toString("utf8");
    const pageWidth = Number(/<page width="([\d.]+)"/.exec(bbox)![1]);
    const rightEdges = [...bbox.matchAll(/<word [^>]*xMax="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(Math.max(...rightEdges)).toBeLessThan(pageWidth);
  });

  it("drops bidi controls, so a name reads in the order it was written", async () => {
    const text = textOf(await renderLetter({ ...preview, client: { ...preview.client, name: "Acme \u202Egnp.exe\u202C Ltd" } }));
    expect(text).toContain("Acme gnp.exe Ltd");
    expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });
});
