import type { Page } from "../db/cursor";

/** The largest page a list answers: an export reads the whole list in pages of this size. */
const PAGE_SIZE = 100;

/**
 * Every item of a paged list. The first page is read before this returns, so
 * a bad filter is refused (422) before a reply starts; the rest are read as
 * the consumer asks for them.
 */
export async function everyItem<T>(list: (page: { limit: number; cursor?: string }) => Promise<Page<T>>): Promise<AsyncIterable<T>> {
  const first = await list({ limit: PAGE_SIZE });
  return (async function* () {
    yield* first.items;
    let cursor = first.next_cursor;
    while (cursor) {
      const page = await list({ limit: PAGE_SIZE, cursor });
      yield* page.items;
      cursor = page.next_cursor;
    }
  })();
}
