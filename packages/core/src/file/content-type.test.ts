import AdmZip from "adm-zip";
import { describe, expect, it } from "vitest";
import { elf, exe, jpeg, office, pdf, png, text } from "#test/samples";
import { DOCX, JPEG, PDF, PNG, TXT, XLSX, detectContentType } from "./content-type";

describe("recognising a document by its bytes", () => {
  it.each([
    ["a PDF", pdf(), PDF],
    ["a PNG", png(), PNG],
    ["a JPEG", jpeg(), JPEG],
    ["a Word document", office("docx"), DOCX],
    ["an Excel workbook", office("xlsx"), XLSX],
    ["UTF-8 text", text(), TXT],
  ])("recognises %s", (_, bytes, type) => {
    expect(detectContentType(bytes)).toBe(type);
  });

  it.each([
    ["a Linux executable", elf()],
    ["a Windows executable", exe()],
    ["a truncated PDF (no end marker)", pdf().subarray(0, 200)],
    ["text with NUL bytes", Buffer.from("abc\0def")],
    ["text that is not UTF-8", Buffer.from([0x61, 0xc3, 0x28])],
    ["an empty file", Buffer.alloc(0)],
  ])("recognises nothing in %s", (_, bytes) => {
    expect(detectContentType(bytes)).toBeNull();
  });

  it("does not take any zip for an Office document", () => {
    const zip = new AdmZip();
    zip.addFile("word/document.xml", Buffer.from("<x/>"));
    expect(detectContentType(zip.toBuffer())).toBeNull();
  });

  it("does not take a package whose main part is declared with another type for a Word document", () => {
    expect(detectContentType(office("docx", "application/xml"))).toBeNull();
  });
});
