import { en, type Wording } from "./en";

export type { Wording };

/** The languages notices and letters are written in; English until a second is added. */
const WORDING = { en } satisfies Record<string, Wording>;
export type Locale = keyof typeof WORDING;

export const wording = (locale: Locale = "en"): Wording => WORDING[locale];
