/** Small, real documents of each accepted type (and some impostors), for tests. */
import AdmZip from "adm-zip";
import { createHash } from "node:crypto";

/** A small, valid one-page PDF (correct xref offsets) saying `text`. */
export function pdf(text = "Contract CT001"): Buffer {
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, "latin1"));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, "latin1");
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

/** A valid PDF of exactly `size` bytes (its text grows to fit). */
export function pdfOfSize(size: number): Buffer {
  let length = 0;
  for (;;) {
    const document = pdf("x".repeat(length));
    if (document.length === size) return document;
    length += size - document.length;
    if (length < 0) throw new Error("too small for a PDF");
  }
}

const OFFICE = {
  docx: { main: "word/document.xml", type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml" },
  xlsx: { main: "xl/workbook.xml", type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml" },
};

/** A minimal Office package of the given kind (deflated, as Word and Excel write them). */
export function office(kind: keyof typeof OFFICE, declared = OFFICE[kind].type): Buffer {
  const zip = new AdmZip();
  zip.addFile(
    "[Content_Types].xml",
    Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="xml" ContentType="application/xml"/><Override PartName="/${OFFICE[kind].main}" ContentType="${declared}"/></Types>`,
    ),
  );
  zip.addFile(OFFICE[kind].main, Buffer.from("<?xml version=\"1.0\"?><root/>"));
  return zip.toBuffer();
}

export const png = () => Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4df0000000049454e44ae426082", "hex");
export const jpeg = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("JFIF\0"), Buffer.alloc(64), Buffer.from([0xff, 0xd9])]);
export const text = () => Buffer.from("Notice of termination\r\nKündigung – 契約\tend\n");
/** A Linux executable's header, and a Windows one (the "MZ" DOS stub). */
export const elf = () => Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);
export const exe = () => Buffer.concat([Buffer.from("MZ"), Buffer.alloc(126)]);

export const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
