import { TEMPLATE_NAMES, TEMPLATE_PROPS } from "@testex/core/notification/templates";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { render, templates } from "./index";

const SUBJECTS = {
  "termination-notice": "Notice of termination: Managed hosting services 2025-2027 (CT7K2M4Q7ZP1X9)",
  "termination-confirmation": "Termination completed: Managed hosting services 2025-2027 (CT7K2M4Q7ZP1X9)",
  "termination-withdrawn": "Notice of termination withdrawn: Managed hosting services 2025-2027 (CT7K2M4Q7ZP1X9)",
  "status-update": "Managed hosting services 2025-2027 (CT7K2M4Q7ZP1X9) has been suspended",
  "approval-request": "Approval needed: termination of Managed hosting services 2025-2027 (CT7K2M4Q7ZP1X9)",
  "termination-decision": "Termination approved: Managed hosting services 2025-2027 (CT7K2M4Q7ZP1X9)",
  "end-date-reminder": "Last day to give notice on Managed hosting services 2025-2027 (CT7K2M4Q7ZP1X9) is in 30 days",
  "contract-renewed": "Renewed until 31 March 2028: Managed hosting services 2025-2027 (CT7K2M4Q7ZP1X9)",
  "contract-expired": "Expired on 31 March 2027: Managed hosting services 2025-2027 (CT7K2M4Q7ZP1X9)",
  "system-alert": "[TESTEX alert] A notice could not be delivered: NT4Q7ZP1X9K2",
};

describe.each(TEMPLATE_NAMES)("the %s notice", (name) => {
  const preview = templates[name].component.PreviewProps;

  it("has preview props that its own schema accepts", () => {
    expect(v.safeParse(TEMPLATE_PROPS[name], preview).issues).toBeUndefined();
  });

  it("renders HTML naming the contract, a non-empty text part and its subject", async () => {
    const email = await render(name, preview as never);
    expect(email.subject).toBe(SUBJECTS[name]);
    expect(email.html).toMatch(/^<!DOCTYPE html/i);
    expect(email.html).toContain("CT7K2M4Q7ZP1X9");
    expect(email.text).toContain("CT7K2M4Q7ZP1X9");
    expect(email.text).not.toMatch(/<[a-z]/i);
  });
});

describe("rendering", () => {
  it("escapes text from props in the HTML part", async () => {
    const email = await render("termination-notice", { ...templates["termination-notice"].component.PreviewProps, client_name: "<script>alert(1)</script>" });
    expect(email.html).not.toContain("<script>alert(1)</script>");
    expect(email.text).toContain("<script>alert(1)</script>");
  });

  it("keeps the subject on one line: no CR/LF, other controls or bidi overrides from a title reach it", async () => {
    const props = { ...templates["termination-notice"].component.PreviewProps, contract_title: "Hosting\r\nBcc: victim@example.com\u0000\u202Egnp.exe" };
    const email = await render("termination-notice", props);
    expect(email.subject).toBe(`Notice of termination: Hosting Bcc: victim@example.com gnp.exe (${props.contract_id})`);
  });

  it("words a reinstatement as the contract being active again", async () => {
    const email = await render("status-update", { ...templates["status-update"].component.PreviewProps, status: "ACTIVE" });
    expect(email.subject).toContain("is active again");
  });

  it("puts both decision links in an approval request", async () => {
    const props = templates["approval-request"].component.PreviewProps;
    const email = await render("approval-request", props);
    expect(email.html).toContain(`href="${props.review_url}"`);
    expect(email.text).toContain(props.review_url);
  });
});
