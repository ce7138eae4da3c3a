/**
 * Islands on the server: components from `islands/` render as usual, wrapped in a marker that
 * carries their name and props so the browser can hydrate them.
 * @module
 */
import { type ComponentType, h, options, type VNode } from "preact";

const islands = new Map<ComponentType<unknown>, string>();
let creatingInner = false;
let used = false;

function IslandMarker(
  { name, component, props }: { name: string; component: ComponentType<unknown>; props: object },
) {
  used = true;
  creatingInner = true;
  const inner = h(component, props);
  creatingInner = false;
  return h("div", {
    "data-island": name,
    "data-props": JSON.stringify(props),
    style: "display:contents",
  }, inner);
}

let installed = false;

/** Registers the island components; their vnodes are wrapped from then on. */
export function registerIslands(list: { name: string; component: ComponentType<unknown> }[]): void {
  for (const { name, component } of list) islands.set(component, name);
  if (installed) return;
  installed = true;
  const previous = options.vnode;
  options.vnode = (vnode: VNode) => {
    const name = islands.get(vnode.type as ComponentType<unknown>);
    if (name && !creatingInner) {
      const props = vnode.props as Record<string, unknown>;
      vnode.props = { name, component: vnode.type, props: { ...props } } as never;
      vnode.type = IslandMarker as never;
    }
    previous?.(vnode);
  };
}

/** Starts tracking whether a render used an island. */
export function resetIslandUse(): void {
  used = false;
}

/** Whether the render since `resetIslandUse` used an island. */
export function islandsUsed(): boolean {
  return used;
}
