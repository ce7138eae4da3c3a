/**
 * Test support for dashboard pages: a small browser over `app.fetch` that keeps cookies, posts
 * HTML forms as a browser does and can follow redirects.
 * @module
 */
import type { TestApp } from "../_support/app.ts";

/** A page response. */
export interface Page {
  status: number;
  headers: Headers;
  html: string;
  location: string | null;
  url: string;
}

/** A cookie-keeping client of the app. */
export class PageClient {
  readonly cookies = new Map<string, string>();
  constructor(readonly app: TestApp, readonly origin = "http://arma.test") {}

  private keep(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => /max-age=0\b/i.test(a.trim())) ||
        attrs.some((a) =>
          /^expires=/i.test(a.trim()) && Date.parse(a.trim().slice(8)) < Date.now()
        );
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** Sends one request; redirects are not followed. */
  async fetch(
    method: string,
    path: string,
    init: { body?: BodyInit; headers?: Record<string, string> } = {},
  ): Promise<Page> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set("Cookie", this.cookieHeader());
    if (method !== "GET" && !headers.has("origin")) headers.set("Origin", this.origin);
    const url = new URL(path, this.origin).toString();
    const res = await this.app.app.fetch(new Request(url, { method, headers, body: init.body }));
    this.keep(res);
    return {
      status: res.status,
      headers: res.headers,
      html: await res.text(),
      location: res.headers.get("location"),
      url,
    };
  }

  /** GET, following redirects. */
  async get(path: string): Promise<Page> {
    let page = await this.fetch("GET", path);
    for (let i = 0; i < 5 && page.location && page.status >= 300 && page.status < 400; i++) {
      page = await this.fetch("GET", page.location);
    }
    return page;
  }

  /** Posts a form (urlencoded); `follow` follows the redirect of a successful post. */
  async post(
    path: string,
    fields: Record<string, string | string[]>,
    options: { follow?: boolean } = {},
  ): Promise<Page> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) {
      for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    }
    const page = await this.fetch("POST", path, {
      body,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    if (options.follow && page.location && page.status === 303) {
      return await this.get(page.location);
    }
    return page;
  }
}

/** Signs a business up through the sign-up form and returns its signed-in client. */
export async function signupThroughForm(
  app: TestApp,
  name = "Form Kuaför",
): Promise<{ client: PageClient; email: string; password: string }> {
  const client = new PageClient(app);
  const email = `owner-${crypto.randomUUID()}@example.com`;
  const password = "correct horse battery";
  const res = await client.post("/signup", {
    business_name: name,
    name: "Sahip",
    email,
    password,
  });
  if (res.status !== 303) throw new Error(`signup failed: ${res.status} ${res.html.slice(0, 500)}`);
  return { client, email, password };
}

/** The text of an element with `id`, tags removed (rough, for assertions). */
export function textOf(html: string): string {
  return html.replace(/<script[\s\S]*?<\/script>/g, "").replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'").replace(/\s+/g, " ");
}
