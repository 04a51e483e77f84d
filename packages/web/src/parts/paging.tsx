import { useState } from "react";

/** Cursor paging: the cursors of the pages seen so far, so "Previous" goes back without the API keeping state. */
export function usePaging(resetKey: string) {
  const [state, setState] = useState<{ key: string; cursors: (string | undefined)[] }>({ key: resetKey, cursors: [undefined] });
  const cursors = state.key === resetKey ? state.cursors : [undefined];
  return {
    cursor: cursors[cursors.length - 1],
    page: cursors.length,
    next: (cursor: string) => setState({ key: resetKey, cursors: [...cursors, cursor] }),
    previous: () => setState({ key: resetKey, cursors: cursors.slice(0, -1) }),
  };
}

export function Pager({ paging, nextCursor, label }: { paging: ReturnType<typeof usePaging>; nextCursor?: string | null; label: string }) {
  return (
    <nav className="pager" aria-label={`${label} pages`}>
      <button type="button" onClick={paging.previous} disabled={paging.page === 1}>
        Previous page
      </button>
      <span>Page {paging.page}</span>
      <button type="button" onClick={() => nextCursor && paging.next(nextCursor)} disabled={!nextCursor}>
        Next page
      </button>
    </nav>
  );
}
