/**
 * One term and its value in a page's list of facts (`<dl class="facts">`).
 * @module
 */
import type { ComponentChildren } from "preact";

/** A `<dt>` and its `<dd>`; `testId` marks the value for tests. */
export function Fact(
  { label, children, testId, class: className }: {
    label: string;
    children: ComponentChildren;
    testId?: string;
    class?: string;
  },
) {
  return (
    <>
      <dt>{label}</dt>
      <dd class={className} data-testid={testId}>{children}</dd>
    </>
  );
}
