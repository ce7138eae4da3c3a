/**
 * The widget's styles, all inside its shadow root. `:host` is reset with `!important` (which wins
 * over the page's `!important` rules for a shadow host), sizes are in px (never rem, which follows
 * the page's root font size), and fonts are the system's own.
 * @module
 */

/** The relative luminance of a #rgb or #rrggbb colour. */
function luminance(hex: string): number {
  const h = hex.length === 4 ? hex.replace(/\w/g, "$&$&") : hex;
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(h.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** The contrast ratio of two colours (WCAG). */
export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

/** Black or white, whichever reads better on `accent` (at least 4.5:1 for any colour). */
export const textOn = (accent: string): string =>
  contrast(accent, "#000") > contrast(accent, "#fff") ? "#000" : "#fff";

/** The stylesheet for an accent colour and a side of the screen. */
export function css(color: string | undefined, side: "left" | "right"): string {
  const accent = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(color ?? "") ? color! : "#0f5d5e";
  const on = textOn(accent);
  return `:host{all:initial!important;display:block!important;position:fixed!important;z-index:2147483000!important;width:0!important;height:0!important;bottom:0!important;${side}:0!important;visibility:visible!important;opacity:1!important}
.r{--a:${accent};--o:${on};font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1f2328;text-align:left;direction:ltr}
.r *,.r *::before,.r *::after{box-sizing:border-box;margin:0;padding:0;border:0;font:inherit;color:inherit;background:none;letter-spacing:normal;word-spacing:normal;text-transform:none;text-decoration:none;text-shadow:none;float:none;min-width:0}
.r [hidden]{display:none!important}
.r :focus-visible{outline:3px solid #111;outline-offset:2px;box-shadow:0 0 0 2px #fff}
.r a{color:inherit;text-decoration:underline;cursor:pointer}
.r button{cursor:pointer;appearance:none}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.launcher{position:fixed;bottom:20px;${side}:20px;width:56px;height:56px;border-radius:50%;display:flex;align-items:center;justify-content:center;background:var(--a);color:var(--o);box-shadow:0 4px 14px rgba(0,0,0,.28)}
.launcher:hover{filter:brightness(1.1)}
.badge{position:absolute;top:-4px;right:-4px;min-width:22px;height:22px;border-radius:11px;background:#b3261e;color:#fff;font-size:12px;font-weight:700;line-height:22px;text-align:center;padding:0 6px}
.panel{position:fixed;bottom:88px;${side}:20px;width:380px;max-width:calc(100vw - 40px);height:600px;max-height:calc(100vh - 108px);display:flex;flex-direction:column;background:#fff;border-radius:14px;overflow:hidden;box-shadow:0 10px 40px rgba(0,0,0,.3)}
.hd{display:flex;align-items:center;justify-content:space-between;gap:8px;padding:14px 12px 14px 18px;background:var(--a);color:var(--o)}
.hd h2{font-size:17px;font-weight:700;line-height:1.3}
.sub{font-size:13px;opacity:.92}
.x{width:40px;height:40px;border-radius:8px;display:flex;align-items:center;justify-content:center;flex:none}
.net{background:#fff4ce;color:#4d3800;font-size:13px;padding:6px 18px}
.log{flex:1;overflow-y:auto;padding:16px;display:flex;flex-direction:column;gap:10px;background:#f6f7f9;overscroll-behavior:contain}
.m{display:flex;flex-direction:column;gap:6px;max-width:88%;align-self:flex-start}
.m.user{align-self:flex-end;align-items:flex-end}
.b{padding:9px 13px;border-radius:14px;white-space:pre-wrap;overflow-wrap:anywhere;background:#fff;border:1px solid #dfe2e6}
.user .b{background:var(--a);color:var(--o);border-color:transparent}
.pending .b{opacity:.75}
.staff .b{background:#fdf0dc;border-color:#e8c58f}
.who{font-size:12px;font-weight:700;color:#6b4300}
.who::before{content:"● ";color:#b36b00}
.kvkk{font-size:12px;color:#4a5058}
.err{color:#b3261e;font-size:13px}
.typing{display:flex;gap:4px;align-items:center;height:38px}
.typing i{width:7px;height:7px;border-radius:50%;background:#6a717a;animation:d 1.2s infinite}
.typing i:nth-child(3){animation-delay:.2s}.typing i:nth-child(4){animation-delay:.4s}
@keyframes d{0%,60%,100%{opacity:.3}30%{opacity:1}}
.status{font-size:13px;color:#4a5058;padding:6px 16px;background:#f6f7f9;border-top:1px solid #eceef1}
.card{background:#fff;border:1px solid #dfe2e6;border-left:4px solid var(--a);border-radius:12px;padding:12px 14px;display:flex;flex-direction:column;gap:10px;min-width:240px}
.card h3{font-weight:700;font-size:15px}
.row{display:flex;justify-content:space-between;gap:12px;font-size:14px}
.row dt{color:#4a5058}.row dd{text-align:right;font-weight:600}
.row.sep{border-top:1px solid #eceef1;padding-top:6px}
.row.total{font-size:16px;font-weight:700}.row.total dt{color:inherit}
.code dd{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:16px;letter-spacing:1px}
.pi{font-size:13px;color:#4a5058;white-space:pre-wrap}
.btn{display:block;text-align:center;padding:9px 12px;border-radius:10px;background:var(--a);color:var(--o)!important;text-decoration:none!important;font-weight:600}
.chips{display:flex;gap:6px;overflow-x:auto;padding:8px 12px 2px;flex:none}
.chips button{flex:none;white-space:nowrap;padding:7px 12px;border-radius:16px;border:1px solid var(--a);color:#1f2328;background:#fff;font-size:14px}
.chips button:hover{background:#eef3f3}
.form{display:flex;gap:8px;align-items:flex-end;padding:10px 12px 12px;border-top:1px solid #eceef1;flex:none;background:#fff}
.form textarea{flex:1;resize:none;max-height:120px;min-height:42px;padding:10px 12px;border:1px solid #8a9199;border-radius:10px;background:#fff;line-height:1.4}
.send{width:42px;height:42px;border-radius:10px;background:var(--a);color:var(--o);display:flex;align-items:center;justify-content:center;flex:none}
.send:disabled{opacity:.45;cursor:default}
@media (max-width:480px){.panel{top:0;left:0;right:0;bottom:auto;width:100%;max-width:none;height:100%;max-height:none;border-radius:0}.launcher.on{display:none}}
@media (prefers-reduced-motion:reduce){.typing i{animation:none}}`;
}
