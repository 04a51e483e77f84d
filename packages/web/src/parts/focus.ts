/** Where the outcome of an action is announced: a live region at the top of the page (see the shell). */
export const RESULT_ID = "result";

/**
 * After an action, focus moves to its outcome, said in words: a screen reader
 * reads it, and Tab goes on from there instead of from the top of the page.
 */
export function useFocusResult() {
  return (message: string) => {
    const result = document.getElementById(RESULT_ID);
    if (!result) return;
    result.textContent = message;
    result.hidden = false;
    result.focus();
  };
}
