/**
 * The termination letter as a PDF. Only the processor loads this (by dynamic
 * import, when a letter is due): @react-pdf/renderer stays out of every other
 * Lambda and out of the processor's start-up path.
 */
import { renderToBuffer } from "@react-pdf/renderer";
import type { LetterProps } from "@testex/core/termination/letter";
import { createElement } from "react";
import { fontStackFor } from "./letter/fonts";
import { TerminationLetter } from "./letter/termination-letter";
import { withoutBidiControls } from "./plain-text";

export { TerminationLetter };

/** Every string in the props with its bidi controls removed: the letter reads in the order it was written. */
const cleaned = <T>(value: T): T =>
  typeof value === "string"
    ? (withoutBidiControls(value) as T)
    : Array.isArray(value)
      ? (value.map(cleaned) as T)
      : value && typeof value === "object"
        ? (Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, cleaned(inner)])) as T)
        : value;

export async function renderLetter(raw: LetterProps): Promise<Uint8Array> {
  const props = cleaned(raw);
  const fonts = fontStackFor(JSON.stringify(props));
  return new Uint8Array(await renderToBuffer(createElement(TerminationLetter, { ...props, fonts }) as never));
}
