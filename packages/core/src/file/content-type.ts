import { readEntry, zipEntries } from "./zip";

export const PDF = "application/pdf";
export const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
export const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const PNG = "image/png";
export const JPEG = "image/jpeg";
export const TXT = "text/plain";

const startsWith = (bytes: Buffer, ...signature: number[]) => signature.every((byte, i) => bytes[i] === byte);

/** The main part an Office package must declare for each type (ECMA-376 Part 2). */
const OFFICE_MAIN_PARTS: Record<string, { part: string; contentType: string }> = {
  [DOCX]: { part: "word/document.xml", contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml" },
  [XLSX]: { part: "xl/workbook.xml", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml" },
};

function officeType(bytes: Buffer): string | null {
  const entries = zipEntries(bytes);
  if (!entries) return null;
  const types = entries.find((e) => e.name === "[Content_Types].xml");
  const declared = types && readEntry(bytes, types)?.toString("utf8");
  if (!declared) return null;
  for (const [type, main] of Object.entries(OFFICE_MAIN_PARTS)) {
    const hasPart = entries.some((e) => e.name === main.part);
    if (hasPart && declared.includes(`PartName="/${main.part}"`) && declared.includes(main.contentType)) return type;
  }
  return null;
}

// Text is UTF-8 without NULs or control characters other than tab, CR, LF and form feed.
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/;
function isPlainText(bytes: Buffer): boolean {
  try {
    return !CONTROL.test(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return false;
  }
}

/**
 * What the bytes are, judged by their content alone (never by a header or a
 * filename), among the types documents may have; `null` for anything else
 * (executables, archives, HTML...).
 */
export function detectContentType(bytes: Buffer): string | null {
  if (bytes.subarray(0, 5).toString("latin1") === "%PDF-" && bytes.subarray(-1024).includes("%%EOF")) return PDF;
  if (startsWith(bytes, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return PNG;
  if (startsWith(bytes, 0xff, 0xd8, 0xff)) return JPEG;
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04)) return officeType(bytes);
  if (bytes.length > 0 && isPlainText(bytes)) return TXT;
  return null;
}
