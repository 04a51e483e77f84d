// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { Confirm } from "../src/parts/confirm";
import { Field } from "../src/parts/field";
import { render } from "./render";

describe("a confirmation", () => {
  const deleteDocument = () => (
    <Confirm open="Delete…" name="Delete budget.pdf" title="Delete budget.pdf?" confirm="Delete the document" danger onConfirm={act}>
      <p>The document is removed from the contract.</p>
    </Confirm>
  );
  const act = vi.fn();

  it("says what will happen in a dialog before anything is done", async () => {
    act.mockClear();
    const { container, click } = await render(deleteDocument());
    const dialog = container.querySelector("dialog")!;
    expect(dialog.open).toBe(false);
    await click("Delete budget.pdf");
    expect(dialog.open).toBe(true);
    expect(dialog.textContent).toContain("The document is removed from the contract.");
    expect(act).not.toHaveBeenCalled();
  });

  it("does nothing when cancelled, and the act once when confirmed", async () => {
    act.mockClear();
    const { container, click } = await render(deleteDocument());
    await click("Delete budget.pdf");
    await click("Cancel");
    expect(container.querySelector("dialog")!.open).toBe(false);
    expect(act).not.toHaveBeenCalled();
    await click("Delete budget.pdf");
    await click("Delete the document");
    expect(act).toHaveBeenCalledTimes(1);
  });
});

describe("a field", () => {
  it("is named by its label and described by its hint", async () => {
    const { container } = await render(<Field label="Effective date" hint="The notice period allows 6 Jan 2027 at the earliest.">{(id, hint) => <input id={id} aria-describedby={hint} />}</Field>);
    const input = container.querySelector("input")!;
    expect(container.querySelector(`label[for="${input.id}"]`)!.textContent).toBe("Effective date");
    expect(container.querySelector(`#${CSS.escape(input.getAttribute("aria-describedby")!)}`)!.textContent).toContain("6 Jan 2027");
  });
});
