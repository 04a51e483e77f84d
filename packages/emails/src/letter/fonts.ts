/**
 * The letter's fonts. PDF's built-in Helvetica covers Western European text
 * only (WinAnsi): a letter that is all such text uses it and loads nothing.
 * Any other character (Łódź, Cyrillic, Greek, 株式会社) switches the letter
 * to Noto Sans, embedded from the OFL-licensed `@fontsource` packages, and
 * only the files whose Unicode ranges the letter's text touches are read:
 * Noto Sans' subsets (Latin, Latin Extended, Cyrillic, Greek, Vietnamese…)
 * and Noto Sans JP's slices for CJK (Japanese kanji and kana, which include
 * most Chinese hanzi). Nothing here runs until a letter is rendered.
 */
import { Font } from "@react-pdf/renderer";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/** Regular and bold of each family; a CJK slice has regular only (its bold doubles the weight of the package for headings alone). */
const PACKAGES = [
  { name: "@fontsource/noto-sans", weights: [400, 700] },
  { name: "@fontsource/noto-sans-jp", weights: [400] },
] as const;

type Range = [from: number, to: number];
interface Face {
  /** The subset's name, e.g. noto-sans-latin-ext: one family in the letter's font stack. */
  family: string;
  ranges: Range[];
  files: { weight: number; path: string }[];
}

/** `U+0400-045F`, `U+2116` or `U+4??` (a wildcard range) as [from, to]. */
function rangeOf(token: string): Range {
  const [from, to = from] = token.trim().replace(/^U\+/i, "").split("-") as [string, string?];
  if (from.includes("?")) return [parseInt(from.replace(/\?/g, "0"), 16), parseInt(from.replace(/\?/g, "F"), 16)];
  return [parseInt(from, 16), parseInt(to, 16)];
}

/** The @font-face rules of a fontsource stylesheet: each subset's WOFF file and the code points it covers. */
function facesOf(pkg: string, weight: number): (Omit<Face, "files"> & { path: string })[] {
  const css = require.resolve(`${pkg}/${weight}.css`);
  return [...readFileSync(css, "utf8").matchAll(/@font-face\s*{([^}]*)}/g)].flatMap(([, body]) => {
    const file = /url\(\.\/(files\/[^)]+\.woff)\)/.exec(body!)?.[1];
    const ranges = /unicode-range:\s*([^;]+);/.exec(body!)?.[1];
    if (!file || !ranges) return [];
    return [{ family: basename(file).replace(`-${weight}-normal.woff`, ""), ranges: ranges.split(",").map(rangeOf), path: join(dirname(css), file) }];
  });
}

let faces: Face[] | undefined;
/** Every subset of every package, read from their stylesheets once. */
function allFaces(): Face[] {
  if (faces) return faces;
  const byFamily = new Map<string, Face>();
  for (const { name, weights } of PACKAGES) {
    for (const weight of weights) {
      for (const { family, ranges, path } of facesOf(name, weight)) {
        const face = byFamily.get(family) ?? { family, ranges, files: [] };
        face.files.push({ weight, path });
        byFamily.set(family, face);
      }
    }
  }
  return (faces = [...byFamily.values()]);
}

/** What Helvetica (WinAnsi) can show: Latin-1 and cp1252's typographic extras (€, quotes, dashes, ellipsis, bullet, ™). */
const WIN_ANSI_EXTRAS = new Set([..."€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"].map((c) => c.codePointAt(0)!));
const inWinAnsi = (code: number) => code <= 0xff || WIN_ANSI_EXTRAS.has(code);

const registered = new Set<string>();

/**
 * The font stack for a letter with this text: `["Helvetica"]` when the
 * built-in font shows all of it, else the Noto subsets that cover its
 * characters (registered on first use, Latin first so Latin text looks the
 * same whatever else the letter holds).
 */
export function fontStackFor(text: string): string[] {
  const codes = new Set([...text].map((c) => c.codePointAt(0)!));
  if ([...codes].every(inWinAnsi)) return ["Helvetica"];
  const needed = allFaces().filter(
    (face) => face.family === "noto-sans-latin" || [...codes].some((code) => face.ranges.some(([from, to]) => code >= from && code <= to)),
  );
  for (const face of needed) {
    if (registered.has(face.family)) continue;
    Font.register({ family: face.family, fonts: face.files.map(({ weight, path }) => ({ src: path, fontWeight: weight })) });
    registered.add(face.family);
  }
  return needed.map((face) => face.family);
}

/** How long a word may run before it is broken to wrap (a line of the letter holds about 80 characters). */
const LONGEST_WORD = 30;
const URL_LIKE = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)|^[^\s@]+@[^\s@]+\.[^\s@]+$/i;

/**
 * Where a word may break at the end of a line. Words are not hyphenated (a
 * legal letter reads better without), and a URL or e-mail address never is
 * (a hyphen inside one changes it). Any other word longer than a line could
 * hold is cut into pieces, so it wraps instead of running off the page.
 */
export function breakPoints(word: string): string[] {
  const chars = [...word];
  if (chars.length <= LONGEST_WORD || URL_LIKE.test(word)) return [word];
  const pieces: string[] = [];
  for (let i = 0; i < chars.length; i += LONGEST_WORD / 2) pieces.push(chars.slice(i, i + LONGEST_WORD / 2).join(""));
  return pieces;
}

Font.registerHyphenationCallback(breakPoints);
