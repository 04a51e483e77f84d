/**
 * OWASP's CSV-injection guidance: a spreadsheet runs a cell that starts with
 * one of these as a formula (`=HYPERLINK(...)` in a contract title is enough),
 * so text that starts with one is exported behind an apostrophe, which
 * spreadsheets show as text. Numbers are written as numbers and never prefixed.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export const neutralise = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);

/** The inverse, for a file this API exported and a person sends back: `'=x` reads as `=x`; any other text is left as it is. */
export const restore = (text: string): string => (text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text);
