/**
 * Every word a client reads from TESTEX (notices and the termination letter),
 * in English. A second language is a second file of the same shape
 * (`Wording`), added to ./index; templates never hold client-facing text.
 */
const date = (iso: string) =>
  new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));

const contract = (title: string, id: string) => `"${title}" (${id})`;

export const en = {
  date,
  footer: (reference?: string) =>
    `${reference ? `Reference: ${reference}. ` : ""}This message was sent automatically by TESTEX contract management; replies are not read.`,
  greeting: (name: string) => `Dear ${name},`,
  questions: "If you have questions about this notice, please contact your account manager and quote the contract reference.",
  terms: {
    contract: "Contract",
    from: "From",
    to: "To",
    effectiveDate: "Effective date",
    reason: "Reason",
    notice: "Notice",
    message: "Message",
    requestedBy: "Requested by",
    approvedBy: "Approved by",
  },
  noticeBasis: (basis: "NOTICE_PERIOD" | "SHORT_NOTICE", days?: number) =>
    basis === "SHORT_NOTICE"
      ? "Shorter than the notice period, as the reason for termination allows"
      : days
        ? `${days} days' notice, as the contract provides`
        : "As the contract provides",
  notice: {
    subject: (title: string, id: string) => `Notice of termination: ${title} (${id})`,
    preview: (title: string, effective: string) => `${title} ends on ${date(effective)}`,
    heading: "Notice of contract termination",
    body: (title: string, id: string, effective: string) =>
      `We hereby give notice that the contract ${contract(title, id)} is terminated with effect from ${date(effective)}.`,
    letterAttached: "The termination letter is attached to this message as a PDF document.",
  },
  confirmation: {
    subject: (title: string, id: string) => `Termination completed: ${title} (${id})`,
    preview: (title: string, effective: string) => `${title} ended on ${date(effective)}`,
    heading: "Your contract has ended",
    body: (title: string, id: string, effective: string) =>
      `As we notified you, the contract ${contract(title, id)} ended on ${date(effective)}. No further services or charges arise under it.`,
  },
  withdrawn: {
    subject: (title: string, id: string) => `Notice of termination withdrawn: ${title} (${id})`,
    preview: (title: string) => `${title} continues`,
    heading: "Notice of termination withdrawn",
    body: (title: string, id: string, effective: string) =>
      `We withdraw our notice terminating the contract ${contract(title, id)} with effect from ${date(effective)}. The contract continues on its terms.`,
  },
  letter: {
    title: "Termination of contract",
    subject: (title: string, id: string) => `Re: ${title} (${id})`,
    body: (title: string, id: string, effective: string) =>
      `We hereby terminate the contract ${contract(title, id)} between us with effect from ${date(effective)}.`,
    reference: (terminationId: string) => `Our reference: ${terminationId}`,
    closing: "Yours faithfully,",
    signature: (issuer: string) => `For ${issuer}`,
  },
};

export type Wording = typeof en;
