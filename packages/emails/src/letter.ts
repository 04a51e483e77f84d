/**
 * The termination letter as a PDF. Only the processor loads this (by dynamic
 * import, when a letter is due): @react-pdf/renderer stays out of every other
 * Lambda and out of the processor's start-up path.
 */
import { renderToBuffer } from "@react-pdf/renderer";
import type { LetterProps } from "@testex/core/termination/letter";
import { createElement } from "react";
import { TerminationLetter } from "./letter/termination-letter";

export { TerminationLetter };

export async function renderLetter(props: LetterProps): Promise<Uint8Array> {
  return new Uint8Array(await renderToBuffer(createElement(TerminationLetter, props) as never));
}
