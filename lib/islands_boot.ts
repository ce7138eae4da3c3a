/**
 * Browser side of islands: finds each island marker and hydrates its component with its props.
 * @module
 */
import { type ComponentType, h, hydrate } from "preact";

/** Hydrates every island on the page. */
export function boot(islands: Record<string, ComponentType<Record<string, unknown>>>): void {
  for (const el of document.querySelectorAll<HTMLElement>("[data-island]")) {
    const component = islands[el.dataset.island ?? ""];
    if (!component) continue;
    const props = JSON.parse(el.dataset.props ?? "{}");
    hydrate(h(component, props), el);
  }
}
