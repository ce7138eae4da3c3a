/**
 * The built-in crawler: fetches the site's pages over HTTP(S), breadth first from the start page,
 * same origin only, and reads their text. It refuses addresses inside private networks (so a
 * business cannot make the server read its own surroundings) unless told otherwise for tests.
 * @module
 */
import { ValidationError } from "../errors.ts";
import { htmlTitle, htmlToText, sameOriginLinks } from "./html.ts";
import type { Crawler } from "./types.ts";

const MAX_BYTES = 2 * 1024 * 1024;
const TIMEOUT_MS = 10_000;

function privateV4(ip: string): boolean {
  const p = ip.split(".").map(Number);
  if (p.length !== 4 || p.some((n) => !Number.isInteger(n) || n < 0 || n > 255)) return false;
  const [a, b] = p as [number, number];
  return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) ||
    (a === 100 && b >= 64 && b <= 127) ||
    a >= 224;
}

function privateV6(ip: string): boolean {
  const v = ip.toLowerCase().replace(/^\[|\]$/g, "");
  if (v === "::1" || v === "::") return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v);
  if (mapped) return privateV4(mapped[1]!);
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(v);
  if (hex) {
    const [hi, lo] = [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16)];
    return privateV4(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  return /^(fc|fd|fe8|fe9|fea|feb)/.test(v);
}

/** Refuses a URL whose host is, or resolves to, a private, loopback or link-local address. */
export async function assertPublicUrl(raw: string): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ValidationError("Not a web address", { field: "url" }, "invalid_url");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ValidationError(
      "Only http and https addresses can be read",
      { field: "url" },
      "invalid_url",
    );
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const refuse = () => {
    throw new ValidationError(
      "This address points inside a private network and cannot be read",
      { field: "url" },
      "private_address",
    );
  };
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".local")) refuse();
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) {
    if (privateV4(host)) refuse();
    return url;
  }
  if (host.includes(":")) {
    if (privateV6(host)) refuse();
    return url;
  }
  const addresses = [
    ...(await Deno.resolveDns(host, "A").catch(() => [] as string[])),
    ...(await Deno.resolveDns(host, "AAAA").catch(() => [] as string[])),
  ];
  if (addresses.length === 0) {
    throw new ValidationError(
      "The address's host could not be found",
      { field: "url" },
      "unknown_host",
    );
  }
  if (addresses.some((a) => (a.includes(":") ? privateV6(a) : privateV4(a)))) refuse();
  return url;
}

async function readLimited(res: Response): Promise<string> {
  const reader = res.body!.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BYTES) {
      await reader.cancel();
      break;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder().decode(all);
}

/** Creates the built-in crawler. */
export function createBuiltinCrawler(options: { allowPrivate?: boolean } = {}): Crawler {
  return {
    name: "builtin",
    async validate(url) {
      if (!options.allowPrivate) await assertPublicUrl(url);
    },
    async crawl(start, { limit, onPage, signal }) {
      const first = options.allowPrivate ? new URL(start) : await assertPublicUrl(start);
      const queue = [first.toString()];
      const seen = new Set(queue);
      let done = 0;
      while (queue.length > 0 && done < limit && !signal?.aborted) {
        const url = queue.shift()!;
        const timeout = AbortSignal.timeout(TIMEOUT_MS);
        const res = await fetch(url, {
          redirect: "follow",
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
          headers: { "User-Agent": "ArmaBot/1.0 (+https://arma.app)", Accept: "text/html" },
        }).catch(() => null);
        if (!res || !res.ok || !(res.headers.get("content-type") ?? "").includes("html")) {
          await res?.body?.cancel();
          continue;
        }
        if (new URL(res.url).origin !== first.origin) {
          await res.body?.cancel();
          continue;
        }
        const html = await readLimited(res);
        for (const link of sameOriginLinks(html, res.url)) {
          if (!seen.has(link) && seen.size < limit * 5) {
            seen.add(link);
            queue.push(link);
          }
        }
        done++;
        await onPage(
          { url: res.url, title: htmlTitle(html), text: htmlToText(html) },
          { found: Math.min(seen.size, limit), done },
        );
      }
    },
  };
}
