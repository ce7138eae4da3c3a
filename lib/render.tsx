/**
 * Renders a route's page on the server inside the `_app` shell, and adds the islands script when
 * the page holds an island.
 * @module
 */
import type { ComponentType } from "preact";
import { renderToString } from "preact-render-to-string";
import type { Ctx } from "./app_env.ts";
import { islandsUsed, resetIslandUse } from "./island.tsx";
import { localeOf } from "./locale.ts";
import { resetPageTitle, withPageTitle } from "./page_title.ts";

/** What a page component receives. */
export interface PageProps<T = unknown> {
  data: T;
  url: URL;
  params: Record<string, string>;
  locale: "tr" | "en";
}

/** What the `_app` shell receives. */
export interface AppProps {
  Component: ComponentType;
  url: URL;
  locale: "tr" | "en";
}

/** Renders the matched route's page with `data`. */
export function render(c: Ctx, data: unknown, status = 200): Response {
  const route = c.get("page") as
    | { page: ComponentType<PageProps>; shell?: ComponentType<AppProps> }
    | undefined;
  if (!route) throw new Error("render: the route has no page component");
  const url = new URL(c.req.url);
  const locale = localeOf(c);
  const props: PageProps = { data, url, params: c.req.param() as Record<string, string>, locale };
  const Page = route.page;
  const Inner = () => <Page {...props} />;
  resetIslandUse();
  resetPageTitle();
  let html = route.shell
    ? renderToString(<route.shell Component={Inner} url={url} locale={locale} />)
    : renderToString(<Inner />);
  html = withPageTitle(html);
  if (islandsUsed()) {
    const tag = `<script type="module" src="/build/islands.js"></script>`;
    html = html.includes("</body>") ? html.replace("</body>", `${tag}</body>`) : html + tag;
  }
  return c.html(`<!DOCTYPE html>${html}`, status as 200);
}
