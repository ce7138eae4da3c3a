/// <reference lib="dom" />
/**
 * The widget's entry: `<script src="…/widget.js" data-key="pk_…" async></script>` adds the
 * launcher and the chat panel in a shadow root, talking to the server the script came from.
 * Optional: data-locale (tr|en), data-color (#hex accent), data-position (right|left),
 * data-greeting.
 * @module
 */
import { render } from "preact";
import { Chat } from "./client.ts";
import { pickLang } from "./i18n.ts";
import { css } from "./styles.ts";
import { App } from "./ui.tsx";

const script = (document.currentScript ??
  document.querySelector('script[data-key][src*="widget"]')) as HTMLScriptElement | null;

function boot(script: HTMLScriptElement) {
  const d = script.dataset;
  if (!d.key) return console.warn("Arma widget: the script tag needs data-key");
  if (document.querySelector("arma-widget")) return;
  const lang = pickLang([
    d.locale,
    document.documentElement.lang,
    ...(navigator.languages ?? [navigator.language]),
  ]);
  const host = document.createElement("arma-widget");
  const root = host.attachShadow({ mode: "open" });
  const text = css(d.color, d.position === "left" ? "left" : "right");
  const mount = document.createElement("div");
  root.append(mount);
  // A constructed stylesheet is not an inline style: a page whose CSP forbids those still works.
  if ("replaceSync" in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement("style");
    style.textContent = text;
    root.prepend(style);
  }
  document.body.append(host);
  const chat = new Chat(new URL(script.src).origin, d.key, lang);
  render(<App chat={chat} opts={{ lang, greeting: d.greeting }} />, mount);
  // A conversation in progress reconnects at once, so a person's answer arrives while closed.
  if (chat.id) chat.connect();
  performance.mark("arma:ready");
}

if (script) {
  if (document.body) boot(script);
  else document.addEventListener("DOMContentLoaded", () => boot(script));
}
