import * as v from "valibot";
import type { Tx } from "../db/transaction";
import { Text } from "../schema";
import { SEARCH_KINDS, SearchWordEntity } from "./entity";
import { SEARCHABLE_WORDS, words } from "./words";

export { SearchWordEntity, SEARCH_KINDS };
export { words, matchesAll, SEARCHABLE_WORDS } from "./words";

/** A text search finds its record by, with the rule stated in the API document. */
export const SearchableText = (max: number, whose: string) =>
  v.pipe(
    Text(max),
    v.description(
      `Search finds ${whose} by the first ${SEARCHABLE_WORDS} distinct words of this text (letters and digits; case and accents ignored). A longer text is stored whole; its later words are not searchable.`,
    ),
  );

export type SearchKind = (typeof SEARCH_KINDS)[number];
/** The word entity as a transaction offers it. */
type WordsInTransaction = Tx<{ searchWord: typeof SearchWordEntity }>["searchWord"];

const key = (kind: SearchKind, targetId: string, word: string) => ({ kind, initial: word.slice(0, 1), word, target_id: targetId });

/**
 * The word items a change of `before` into `after` adds and removes, for the
 * caller's transaction: the record and its words are written together.
 */
export function reindex(searchWord: WordsInTransaction, kind: SearchKind, targetId: string, before: string | undefined, after: string | undefined) {
  const old = new Set(before === undefined ? [] : words(before));
  const next = new Set(after === undefined ? [] : words(after));
  return [
    ...[...next].filter((word) => !old.has(word)).map((word) => searchWord.put(key(kind, targetId, word)).commit()),
    ...[...old].filter((word) => !next.has(word)).map((word) => searchWord.delete(key(kind, targetId, word)).commit()),
  ];
}

/** Ids of the records of `kind` having a word that starts with `prefix`, at most `limit` of them. */
export async function idsByPrefix(kind: SearchKind, prefix: string, limit: number): Promise<{ ids: string[]; more: boolean }> {
  const result = await SearchWordEntity.query
    .byWord({ kind, initial: prefix.slice(0, 1) })
    .begins({ word: prefix })
    .go({ limit: limit + 1, attributes: ["target_id"] });
  const ids = [...new Set(result.data.map((item) => item.target_id))];
  return { ids: ids.slice(0, limit), more: result.data.length > limit };
}
