/**
 * Security headers on every response. Pages get a strict content security policy; the widget
 * script and its demo page may be embedded anywhere.
 * @module
 */
const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "frame-ancestors 'self'",
  "base-uri 'self'",
  "form-action 'self'",
].join("; ");

/**
 * Sets security headers on a finished response: `nosniff` (and HSTS behind https) on every
 * response; the document-only headers (CSP, framing, referrer and opener policies) on HTML pages,
 * where they mean something.
 */
export function setSecurityHeaders(h: Headers, hsts: boolean): void {
  h.set("X-Content-Type-Options", "nosniff");
  if (hsts) h.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  if (!(h.get("content-type") ?? "").startsWith("text/html")) return;
  h.set("Referrer-Policy", "strict-origin-when-cross-origin");
  h.set("Cross-Origin-Opener-Policy", "same-origin");
  if (!h.has("Content-Security-Policy")) {
    h.set("Content-Security-Policy", PAGE_CSP);
    h.set("X-Frame-Options", "SAMEORIGIN");
  }
}
