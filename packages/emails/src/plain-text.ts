/**
 * Characters that change how text around them is read without being text:
 * bidi embeddings, overrides and isolates (a "Trojan Source" file name can
 * make a contract title read backwards) and the invisible direction marks.
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** C0 and C1 controls (CR and LF among them), DEL, and the Unicode line and paragraph separators. */
const CONTROLS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g;

/** Text with its bidi controls removed: what a reader sees is the order it was written in. */
export const withoutBidiControls = (text: string) => text.replace(BIDI_CONTROLS, "");

/**
 * Text for a one-line field such as a mail subject: no line breaks or other
 * controls (CR/LF in a header is how headers are injected), no bidi controls,
 * runs of spaces as one.
 */
export const oneLine = (text: string) => withoutBidiControls(text).replace(CONTROLS, " ").replace(/ {2,}/g, " ").trim();
