/**
 * The title of the page being rendered: a page's shell names it while the page renders, and the
 * renderer puts it in the document's `<title>` (rendered before the page, in the `_app` head).
 * @module
 */
let current: string | null = null;

/** Forgets the title of the previous render. */
export function resetPageTitle(): void {
  current = null;
}

/** Names the page being rendered. */
export function setPageTitle(title: string): void {
  current = title;
}

/** The document with the page's title before the site's name ("Takvim · Arma"). */
export function withPageTitle(html: string): string {
  if (!current) return html;
  const title = current.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
  return html.replace(/<title>([^<]*)<\/title>/, (_, site) => `<title>${title} · ${site}</title>`);
}
