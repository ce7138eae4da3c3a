/**
 * Plain text and links from HTML, without a DOM: enough to read a small business's pages.
 * @module
 */

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ccedil: "ç",
  Ccedil: "Ç",
  ouml: "ö",
  Ouml: "Ö",
  uuml: "ü",
  Uuml: "Ü",
  rsquo: "’",
  lsquo: "‘",
  rdquo: "”",
  ldquo: "“",
  ndash: "–",
  mdash: "—",
  hellip: "…",
};

/** Decodes HTML character references. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, ref: string) => {
    if (ref[0] === "#") {
      const code = ref[1] === "x" || ref[1] === "X"
        ? parseInt(ref.slice(2), 16)
        : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : "";
    }
    return ENTITIES[ref] ?? all;
  });
}

/** The page's title. */
export function htmlTitle(html: string): string | null {
  const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  const title = m ? decodeEntities(m[1]!.replace(/\s+/g, " ").trim()) : "";
  return title || null;
}

/** The readable text of a page: headings, paragraphs and lists as lines; no scripts or styles. */
export function htmlToText(html: string): string {
  let body = html.replace(/<!--[\s\S]*?-->/g, " ");
  body = body.replace(
    /<(script|style|noscript|svg|template|iframe|head)\b[\s\S]*?<\/\1\s*>/gi,
    " ",
  );
  body = body.replace(
    /<(nav|footer)\b[\s\S]*?<\/\1\s*>/gi,
    (block) => block.length < 2000 ? " " : block,
  );
  body = body.replace(/<h([1-6])\b[^>]*>/gi, (_, n) => `\n\n${"#".repeat(Number(n))} `);
  body = body.replace(/<li\b[^>]*>/gi, "\n- ");
  body = body.replace(/<br\s*\/?>/gi, "\n");
  body = body.replace(
    /<\/(p|div|section|article|h[1-6]|ul|ol|table|tr|header|main|address|blockquote)\s*>/gi,
    "\n\n",
  );
  body = body.replace(/<\/(td|th)\s*>/gi, " ");
  body = body.replace(/<[^>]+>/g, " ");
  return decodeEntities(body)
    .split("\n")
    .map((line) => line.replace(/[ \t\u00a0]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

const SKIP = /\.(pdf|jpe?g|png|gif|webp|svg|zip|rar|mp4|mp3|docx?|xlsx?|pptx?|ico|css|js)$/i;

/** The same-origin page links of a page, absolute, without fragments. */
export function sameOriginLinks(html: string, base: string): string[] {
  const origin = new URL(base).origin;
  const out = new Set<string>();
  for (const m of html.matchAll(/<a\b[^>]*\bhref\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
    const href = decodeEntities(m[2] ?? m[3] ?? m[4] ?? "").trim();
    if (!href || /^(mailto|tel|javascript|data):/i.test(href)) continue;
    let url: URL;
    try {
      url = new URL(href, base);
    } catch {
      continue;
    }
    if (url.origin !== origin || SKIP.test(url.pathname)) continue;
    url.hash = "";
    out.add(url.toString());
  }
  return [...out];
}
