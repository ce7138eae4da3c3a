/// <reference lib="dom" />
/**
 * The widget's interface: the launcher, the chat panel (a dialog with a live message log,
 * suggestion buttons and the composer) and the booking and order cards.
 * @module
 */
import type { ComponentChildren } from "preact";
import { useEffect, useLayoutEffect, useReducer, useRef, useState } from "preact/hooks";
import type { Card, Chat, Config, Msg } from "./client.ts";
import { type Lang, longDate, money, type Texts, texts, zoned } from "./i18n.ts";

/** How the page configured the widget. */
export interface Options {
  lang: Lang;
  greeting?: string;
}

const ICON_CHAT = "M4 4h16v12H7l-3 3V4z";
const ICON_CLOSE = "M6 6l12 12M18 6L6 18";
const ICON_SEND = "M3 20l18-8L3 4v6l12 2-12 2z";

const Icon = ({ d, stroke }: { d: string; stroke?: boolean }) => (
  <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
    <path
      d={d}
      fill={stroke ? "none" : "currentColor"}
      stroke={stroke ? "currentColor" : "none"}
      stroke-width="2.5"
      stroke-linecap="round"
    />
  </svg>
);

/** Text with its web addresses as links and **bold** parts. */
function Rich({ text }: { text: string }) {
  const out: ComponentChildren[] = [];
  text.split(/(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)]|\*\*[^*\n]+\*\*)/).forEach((part, i) => {
    if (i % 2 === 0) out.push(part);
    else if (part.startsWith("**")) out.push(<b>{part.slice(2, -2)}</b>);
    else {
      out.push(
        <a href={part} target="_blank" rel="noopener noreferrer">
          {part}
        </a>,
      );
    }
  });
  return <>{out}</>;
}

const esc = (s: unknown) => String(s ?? "").replace(/([\\;,])/g, "\\$1").replace(/\n/g, "\\n");
const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");

/** An iCalendar file of a booking, as a data: address. */
export function ics(d: Card["data"], business: string, t: Texts): string {
  const start = d.starts_at
    ? new Date(d.starts_at)
    : zoned(d.date, d.time, d.tz ?? "Europe/Istanbul");
  const end = d.ends_at
    ? new Date(d.ends_at)
    : new Date(start.getTime() + (Number(d.duration_minutes) || 60) * 6e4);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Arma//Widget//TR",
    "BEGIN:VEVENT",
    `UID:${d.confirmation_code}@arma`,
    `DTSTAMP:${stamp(new Date())}`,
    `DTSTART:${stamp(start)}`,
    `DTEND:${stamp(end)}`,
    `SUMMARY:${esc(`${d.service}${business ? ` – ${business}` : ""}`)}`,
    `DESCRIPTION:${
      esc(`${t.code}: ${d.confirmation_code}${d.staff ? `\n${t.who}: ${d.staff}` : ""}`)
    }`,
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return `data:text/calendar;charset=utf-8,${encodeURIComponent(lines.join("\r\n"))}`;
}

const Row = ({ k, children, cls }: { k: string; children: ComponentChildren; cls?: string }) => (
  <div class={`row ${cls ?? ""}`}>
    <dt>{k}</dt>
    <dd>{children}</dd>
  </div>
);

function CardView({ card, lang, business }: { card: Card; lang: Lang; business: string }) {
  const t = texts(lang);
  const d = card.data;
  if (card.type === "appointment") {
    return (
      <section class="card" aria-label={t.booked}>
        <h3>✓ {t.booked}</h3>
        <dl>
          <Row k={t.service}>{d.service}</Row>
          {d.staff && <Row k={t.who}>{d.staff}</Row>}
          <Row k={t.date}>{longDate(lang, d.date)}</Row>
          <Row k={t.time}>{String(d.time).slice(0, 5)}</Row>
          {d.price != null && <Row k={t.price}>{money(lang, d.price)}</Row>}
          <Row k={t.code} cls="code">{d.confirmation_code}</Row>
        </dl>
        <a class="btn" href={ics(d, business, t)} download={`randevu-${d.confirmation_code}.ics`}>
          {t.calendar}
        </a>
      </section>
    );
  }
  const link = /^https?:\/\//.test(d.payment_link ?? "") ? d.payment_link : null;
  return (
    <section class="card" aria-label={t.ordered}>
      <h3>✓ {t.ordered}</h3>
      <dl>
        <Row k={t.order} cls="code">{d.order_number}</Row>
        {(d.items ?? []).map((i: { name: string; quantity: number; total: number }) => (
          <Row key={i.name} k={`${i.name} × ${i.quantity}`}>{money(lang, i.total)}</Row>
        ))}
        <Row k={t.net} cls="sep">{money(lang, d.subtotal_net)}</Row>
        <Row k={t.tax}>{money(lang, d.tax_total)}</Row>
        <Row k={t.shipping}>{Number(d.shipping) ? money(lang, d.shipping) : t.free}</Row>
        <Row k={t.total} cls="total">{money(lang, d.total_amount)}</Row>
      </dl>
      {link
        ? (
          <a class="btn" href={link} target="_blank" rel="noopener noreferrer">
            {t.pay}
          </a>
        )
        : d.payment_instructions && <p class="pi">{d.payment_instructions}</p>}
    </section>
  );
}

function Bubble({ m, lang, business }: { m: Msg; lang: Lang; business: string }) {
  const t = texts(lang);
  const who = m.role === "user" ? t.you : m.role === "staff" ? t.staff : t.bot;
  return (
    <div class={`m ${m.role}${m.pending ? " pending" : ""}`} data-seq={m.seq}>
      {m.role === "staff" ? <span class="who">{who}</span> : <span class="sr">{who}:</span>}
      {m.text && (
        <p class="b">
          <Rich text={m.text} />
        </p>
      )}
      {m.failed && <span class="err">{t.failed}</span>}
      {m.cards?.map((c, i) => <CardView key={i} card={c} lang={lang} business={business} />)}
    </div>
  );
}

/** The launcher and the panel. */
export function App({ chat, opts }: { chat: Chat; opts: Options }) {
  const [, rerender] = useReducer((n: number, _: number) => n + 1, 0);
  const [open, setOpen] = useState(false);
  const [cfg, setCfg] = useState<Config | null>(null);
  const [draft, setDraft] = useState("");
  const launcher = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const log = useRef<HTMLDivElement>(null);
  const opened = useRef(false);
  const { lang } = opts;
  const t = texts(lang);
  const v = chat.v;

  useEffect(() => chat.on(() => rerender(0)), []);

  // A layout effect: focus moves in the same frame the panel opens or closes.
  useLayoutEffect(() => {
    chat.setOpen(open);
    if (open) {
      opened.current = true;
      chat.config().then(setCfg);
      input.current?.focus();
    } else if (opened.current) launcher.current?.focus();
    const vv = globalThis.visualViewport;
    if (!open || !vv) return;
    // On phones the panel fills the visible part of the screen, above the on-screen keyboard.
    const fit = () => {
      const s = panel.current?.style;
      if (!s) return;
      const small = innerWidth <= 480;
      s.height = small ? `${vv.height}px` : "";
      s.top = small ? `${vv.offsetTop}px` : "";
    };
    fit();
    vv.addEventListener("resize", fit);
    vv.addEventListener("scroll", fit);
    return () => {
      vv.removeEventListener("resize", fit);
      vv.removeEventListener("scroll", fit);
    };
  }, [open]);

  useEffect(() => {
    const el = log.current;
    if (el) el.scrollTop = el.scrollHeight;
  });

  const send = (text: string) => {
    chat.send(text);
    setDraft("");
    input.current?.focus();
  };
  const title = cfg?.assistant_name || t.title;
  const business = cfg?.business_name ?? "";
  const greeting = opts.greeting || cfg?.greeting?.[lang] || t.greeting;
  // Suggestions are the assistant's: none while a person has the conversation.
  const chips = v.person
    ? []
    : v.chips.length || v.msgs.length
    ? v.chips
    : (cfg?.services ?? []).slice(0, 6)
      .map((s) => ({
        label: s.name,
        text: lang === "en" ? `I'd like to book ${s.name}` : s.name + t.book,
      }));
  const busy = v.draft !== null;

  return (
    <div class="r">
      <button
        ref={launcher}
        type="button"
        class={`launcher${open ? " on" : ""}`}
        aria-label={open ? t.close : v.unread ? `${t.open} (${v.unread} ${t.new})` : t.open}
        aria-expanded={open}
        aria-controls="arma-panel"
        onClick={() => setOpen(!open)}
        onPointerEnter={() => chat.config()}
        onFocus={() => chat.config()}
      >
        <Icon d={open ? ICON_CLOSE : ICON_CHAT} stroke={open} />
        {!open && v.unread > 0 && <span class="badge" aria-hidden="true">{v.unread}</span>}
      </button>
      <div
        ref={panel}
        id="arma-panel"
        class="panel"
        role="dialog"
        aria-labelledby="arma-title"
        hidden={!open}
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            e.stopPropagation();
            setOpen(false);
          }
        }}
      >
        <header class="hd">
          <div>
            <h2 id="arma-title">{title}</h2>
            <p class="sub">{v.person ? t.person : business || t.online}</p>
          </div>
          <button type="button" class="x" aria-label={t.close} onClick={() => setOpen(false)}>
            <Icon d={ICON_CLOSE} stroke />
          </button>
        </header>
        {!v.online && <p class="net" role="status">{t.offline}</p>}
        <div class="log" ref={log} role="log" aria-live="polite" aria-busy={busy}>
          <div class="m assistant intro">
            <p class="b">{greeting}</p>
            <p class="kvkk">
              {t.kvkk}{" "}
              {cfg?.kvkk_url && /^https?:\/\//.test(cfg.kvkk_url) && (
                <a href={cfg.kvkk_url} target="_blank" rel="noopener noreferrer">
                  {t.kvkkLink}
                </a>
              )}
            </p>
          </div>
          {v.msgs.map((m, i) => (
            <Bubble key={m.seq ?? `p${i}`} m={m} lang={lang} business={business} />
          ))}
          {busy && (
            <div class="m assistant">
              <p class="b">
                <Rich text={v.draft ?? ""} />
              </p>
              {v.draftCards.map((c, i) => (
                <CardView key={i} card={c} lang={lang} business={business} />
              ))}
            </div>
          )}
          {v.waiting && !busy && (
            <div class="m assistant">
              <p class="b typing">
                <span class="sr">{t.typing}</span>
                <i aria-hidden="true" />
                <i aria-hidden="true" />
                <i aria-hidden="true" />
              </p>
            </div>
          )}
          {v.error && <p class="err">{t.failed}</p>}
        </div>
        {(v.status || v.staffTyping) && (
          <p class="status" role="status">{v.status || t.staffTyping}</p>
        )}
        {chips.length > 0 && (
          <div class="chips" role="group" aria-label={t.suggestions}>
            {chips.map((c) => (
              <button type="button" onClick={() => send(c.text)}>{c.label}</button>
            ))}
          </div>
        )}
        <form
          class="form"
          onSubmit={(e) => {
            e.preventDefault();
            send(draft);
          }}
        >
          <textarea
            ref={input}
            rows={1}
            value={draft}
            aria-label={t.placeholder}
            placeholder={t.placeholder}
            maxLength={4000}
            onInput={(e) => {
              setDraft(e.currentTarget.value);
              chat.typing();
            }}
            onKeyDown={(e) => {
              if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
                e.preventDefault();
                send(draft);
              }
            }}
          />
          <button type="submit" class="send" aria-label={t.send} disabled={!draft.trim()}>
            <Icon d={ICON_SEND} />
          </button>
        </form>
      </div>
    </div>
  );
}
