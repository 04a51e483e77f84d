import { consoleUrl } from "../config";
import { ValidationError } from "../error";

/** Where an approver decides a contract's pending termination, in the stage's console. */
export const reviewUrl = (contractId: string) => `${consoleUrl()}/contracts/${contractId}/termination`;

/**
 * Every link a notice carries (a prop named `…_url`) must lead into the
 * stage's console: a notice goes out from the stage's own sender, so a link
 * elsewhere would lend it to phishing. Checked when a notice is recorded.
 */
export function checkLinks(props: Record<string, unknown>): void {
  const home = `${consoleUrl()}/`;
  const foreign = Object.entries(props).filter(([key, value]) => key.endsWith("_url") && !(typeof value === "string" && value.startsWith(home)));
  if (foreign.length) throw new ValidationError(foreign.map(([key]) => ({ path: `props.${key}`, message: `A link in a notice must lead into the console (${home})` })));
}
