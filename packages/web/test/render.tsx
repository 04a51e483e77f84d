import { act, type ReactNode } from "react";
import { createRoot } from "react-dom/client";

// React warns unless it knows updates are awaited with act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** Renders into a fresh element of the test's DOM; `click` presses a button by its text, as a person would. */
export async function render(ui: ReactNode) {
  const container = document.createElement("div");
  document.body.append(container);
  const root = createRoot(container);
  await act(async () => root.render(ui));
  const button = (name: string) => {
    const found = [...container.querySelectorAll("button")].find((b) => (b.getAttribute("aria-label") ?? b.textContent) === name);
    if (!found) throw new Error(`No button "${name}" in: ${container.innerHTML}`);
    return found;
  };
  return {
    container,
    button,
    click: (name: string) => act(async () => button(name).click()),
    unmount: () => act(async () => root.unmount()),
  };
}
