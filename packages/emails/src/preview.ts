/**
 * `npm run emails:preview`: renders every notice with its PreviewProps into
 * `.testex/email-previews/` (git-ignored), to look at without a mail client.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { render, templates } from "./index";

const out = fileURLToPath(new URL("../../../.testex/email-previews/", import.meta.url));
// Inside .testex/, which holds the local data and is private to its user.
mkdirSync(out, { recursive: true, mode: 0o700 });

const links: string[] = [];
for (const [name, template] of Object.entries(templates)) {
  const email = await render(name as keyof typeof templates, template.component.PreviewProps as never);
  writeFileSync(join(out, `${name}.html`), email.html);
  writeFileSync(join(out, `${name}.txt`), `Subject: ${email.subject}\n\n${email.text}\n`);
  links.push(`<li><a href="${name}.html">${name}</a> (<a href="${name}.txt">text</a>): ${escape(email.subject)}</li>`);
}
writeFileSync(join(out, "index.html"), `<!doctype html><meta charset="utf-8"><title>TESTEX notices</title><h1>TESTEX notices</h1><ul>${links.join("")}</ul>\n`);
console.log(`${links.length} notices rendered to ${join(out, "index.html")}`);

function escape(text: string) {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
