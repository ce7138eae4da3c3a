/// <reference lib="dom" />
/**
 * The widget's conversation with Arma: a WebSocket that resumes by sequence number after a drop
 * (reconnecting with backoff), POST + Server-Sent Events and the history endpoint when WebSockets
 * cannot connect, and the conversation kept in localStorage per widget key.
 * @module
 */
import { dayWords, type Lang, texts, todayIn } from "./i18n.ts";

/** Who wrote a message. */
export type Role = "user" | "assistant" | "staff";

/** A booking or an order shown as a card under a reply. */
export interface Card {
  type: "appointment" | "order";
  // deno-lint-ignore no-explicit-any
  data: Record<string, any>;
}

/** A message of the conversation. */
export interface Msg {
  /** The server's sequence number; none while the customer's message is not yet stored. */
  seq?: number;
  role: Role;
  text: string;
  cards?: Card[];
  /** The customer's message, not yet confirmed by the server. */
  pending?: boolean;
  /** The socket generation it was sent on. */
  on?: number;
  /** The server refused it. */
  failed?: boolean;
}

/** A suggestion button: what it shows and what it sends. */
export interface Chip {
  label: string;
  text: string;
  /** The free time (HH:MM) a time suggestion is for. */
  t?: string;
}

/** What the widget shows from the server's `/api/widget/config`. */
export interface Config {
  business_name: string;
  assistant_name: string;
  greeting: { tr: string; en: string };
  kvkk_url: string | null;
  services: { id: string; name: string }[];
}

/** Everything the panel renders. */
export interface View {
  msgs: Msg[];
  /** The reply being written, or null. */
  draft: string | null;
  draftCards: Card[];
  /** A reply is expected. */
  waiting: boolean;
  /** What the assistant is doing ("Müsaitlik kontrol ediliyor…"). */
  status: string;
  staffTyping: boolean;
  /** False while the connection is down. */
  online: boolean;
  /** A person of the business has the conversation. */
  person: boolean;
  chips: Chip[];
  unread: number;
  error: boolean;
}

// deno-lint-ignore no-explicit-any
type Frame = Record<string, any>;

const PING_MS = 25_000;
const MAX_BACKOFF_MS = 15_000;
const WS_RETRY_MS = 15_000;
const POLL_MS = 4_000;

/** One widget's conversation. */
export class Chat {
  v: View = {
    msgs: [],
    draft: null,
    draftCards: [],
    waiting: false,
    status: "",
    staffTyping: false,
    online: true,
    person: false,
    chips: [],
    unread: 0,
    error: false,
  };
  id?: string;
  token?: string;
  /** The highest sequence number seen. */
  seq = 0;
  /** True while POST + SSE stand in for the WebSocket. */
  http = false;
  open = false;
  cfg?: Promise<Config | null>;
  private subs = new Set<() => void>();
  private ws?: WebSocket;
  private gen = 0;
  private ready = false;
  private tries = 0;
  private fails = 0;
  private worked = false;
  private inflight?: Msg;
  private posting = false;
  private lastPong = 0;
  private lastTyping = 0;
  private timers: Record<string, ReturnType<typeof setTimeout>> = {};
  private sk: string;

  constructor(private base: string, private key: string, public lang: Lang) {
    this.sk = `arma:${key}`;
    try {
      const s = JSON.parse(localStorage.getItem(this.sk) ?? "null");
      if (s?.i) {
        this.id = s.i;
        this.token = s.t;
        this.seq = s.s ?? 0;
        this.v.msgs = s.m ?? [];
      }
    } catch { /* storage blocked: the conversation lasts as long as the page */ }
    addEventListener("online", () => this.wake());
    document.addEventListener("visibilitychange", () => !document.hidden && this.wake());
  }

  /** Calls `fn` on every change; returns the unsubscribe function. */
  on(fn: () => void): () => void {
    this.subs.add(fn);
    return () => this.subs.delete(fn);
  }

  private emit() {
    for (const fn of this.subs) fn();
  }

  private save() {
    try {
      localStorage.setItem(
        this.sk,
        JSON.stringify({
          i: this.id,
          t: this.token,
          s: this.seq,
          m: this.v.msgs.filter((m) => m.seq).slice(-50).map(({ on: _, ...m }) => m),
        }),
      );
    } catch { /* storage full or blocked */ }
  }

  private reset() {
    this.id = this.token = undefined;
    this.seq = 0;
    this.v.msgs = this.v.msgs.filter((m) => m.pending);
    try {
      localStorage.removeItem(this.sk);
    } catch { /* blocked */ }
  }

  /** The business closed the conversation: the next message starts a new one, on a new socket. */
  private restart() {
    this.reset();
    this.v.person = false;
    const ws = this.ws;
    if (ws) {
      this.ws = undefined;
      ws.onclose = ws.onmessage = null;
      ws.close();
      clearInterval(this.timers.ping);
    }
    this.ready = false;
    if (!this.http) this.connect();
  }

  private headers(json = false): HeadersInit {
    const h: Record<string, string> = { "X-Widget-Key": this.key };
    if (this.token) h["X-Conversation-Token"] = this.token;
    if (json) h["Content-Type"] = "application/json";
    return h;
  }

  /** The business's name, greeting and services (fetched once). */
  config(): Promise<Config | null> {
    // The key in the query keeps this a simple request: no CORS preflight before the first paint.
    return this.cfg ??= fetch(
      `${this.base}/api/widget/config?key=${encodeURIComponent(this.key)}`,
      { credentials: "omit" },
    ).then((r) => r.ok ? r.json() : null).catch(() => null);
  }

  /** The panel opened or closed. */
  setOpen(open: boolean) {
    this.open = open;
    if (open) {
      this.v.unread = 0;
      if (!this.http) this.connect();
    }
    this.emit();
  }

  private wake() {
    if (!this.ws && !this.http && (this.id || this.open)) {
      this.tries = 0;
      this.connect();
    }
  }

  private later(name: string, ms: number, fn: () => void) {
    clearTimeout(this.timers[name]);
    this.timers[name] = setTimeout(fn, ms);
  }

  /** Opens the WebSocket (when not open already). */
  connect() {
    if (this.ws) return;
    clearTimeout(this.timers.retry);
    const ws = new WebSocket(
      `${this.base.replace(/^http/, "ws")}/api/chat/ws?key=${encodeURIComponent(this.key)}`,
    );
    const gen = ++this.gen;
    // A socket counts as working once the server answered on it (a proxy may accept the upgrade
    // and still cut every connection).
    let answered = false;
    this.ws = ws;
    this.ready = false;
    ws.onopen = () => {
      this.lastPong = Date.now();
      this.sendFrame(
        this.id
          ? {
            type: "hello",
            conversation_id: this.id,
            conversation_token: this.token,
            after_seq: this.seq,
          }
          : { type: "hello" },
      );
      clearInterval(this.timers.ping);
      this.timers.ping = setInterval(() => {
        // A socket that stopped answering is dropped rather than waited for.
        if (Date.now() - this.lastPong > 2 * PING_MS + 5_000) this.drop(ws, true);
        else this.sendFrame({ type: "ping" });
      }, PING_MS);
    };
    ws.onmessage = (e) => {
      let f: Frame;
      try {
        f = JSON.parse(String(e.data));
      } catch {
        return;
      }
      if (this.ws !== ws) return;
      if (!answered) {
        answered = this.worked = true;
        this.fails = 0;
      }
      this.frame(f);
      if (!this.ready && (f.type === "ready" || f.type === "meta")) this.onReady(gen);
    };
    ws.onclose = () => this.drop(ws, answered);
  }

  private drop(ws: WebSocket, answered: boolean) {
    if (this.ws !== ws) return;
    ws.onclose = ws.onmessage = null;
    ws.close();
    this.ws = undefined;
    this.ready = false;
    clearInterval(this.timers.ping);
    if (!answered) this.fails++;
    // A reply cut off mid-stream is dropped: the stored one comes back when the socket resumes.
    this.v.draft = null;
    this.v.draftCards = [];
    this.v.status = "";
    // WebSockets that never worked on this page give way to HTTP at the second failure; after they
    // did work, a failure is more likely an outage, which HTTP would not get through either.
    if (this.fails >= (this.worked ? 5 : 2) && !this.http) {
      this.http = true;
      this.poll();
      this.flush();
    }
    this.v.online = this.http;
    const delay = this.http
      ? WS_RETRY_MS
      : Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.tries++) * (0.8 + Math.random() * 0.4);
    this.later("retry", delay, () => this.connect());
    this.emit();
  }

  private sendFrame(f: Frame) {
    if (this.ws?.readyState === 1) this.ws.send(JSON.stringify(f));
  }

  /** The socket answered hello: it is ready for messages. */
  private onReady(gen: number) {
    if (gen !== this.gen) return;
    this.ready = true;
    this.tries = 0;
    this.v.online = true;
    if (this.http) {
      this.http = false;
      clearInterval(this.timers.poll);
    }
    // A message sent on a socket that dropped before its echo came is sent again, unless the
    // replay (which follows at once) shows the server stored it.
    this.later("flush", this.inflight ? 600 : 0, () => this.flush());
  }

  private frame(f: Frame) {
    const v = this.v;
    if (f.error) {
      if (f.error.code === "conversation_not_found") {
        this.reset();
        this.sendFrame({ type: "hello" });
      } else {
        v.error = true;
        v.waiting = false;
        this.failed();
      }
    } else if (f.status === "closed") this.restart();
    else if (f.type === "meta") {
      this.id = f.conversation_id;
      if (f.conversation_token) this.token = f.conversation_token;
      v.person = f.status === "handover";
      this.save();
    } else if (f.type === "message") {
      this.put(f as Msg);
      if (f.role === "user") this.flush();
    } else if (f.type === "delta") {
      v.draft = (v.draft ?? "") + f.text;
      v.status = "";
    } else if (f.type === "status") {
      if (f.tool) v.status = f.text;
      else if (f.status) v.person = f.status === "handover";
    } else if (f.type === "tool") this.tool(f.name, f.result);
    else if (f.type === "handover") v.person = true;
    else if (f.type === "done") {
      // Free times as suggestions: the ones the reply offers, else the first few.
      const slots = this.slots;
      if (slots.length) {
        const offered = slots.filter((c) => f.text.includes(c.t!));
        v.chips = (offered.length ? offered : slots).slice(0, 6);
        this.slots = [];
      }
      if (f.seq) {
        this.put({
          seq: f.seq,
          role: "assistant",
          text: f.text,
          cards: v.draftCards.length ? v.draftCards : undefined,
        });
      }
      v.draft = null;
      v.draftCards = [];
      v.waiting = false;
      v.status = "";
    } else if (f.type === "typing" && f.who === "staff") {
      v.staffTyping = true;
      this.later("typing", 5_000, () => {
        v.staffTyping = false;
        this.emit();
      });
    } else if (f.type === "pong") this.lastPong = Date.now();
    this.emit();
  }

  /** Adds a stored message, once: by its sequence number, or as the echo of a pending one. */
  private put(m: Msg) {
    const v = this.v;
    if (!m.seq) return;
    const known = v.msgs.find((x) => x.seq === m.seq);
    if (known) {
      known.text = m.text;
      if (m.cards) known.cards = m.cards;
    } else {
      const mine = m.role === "user" ? v.msgs.find((x) => x.pending && x.text === m.text) : null;
      if (mine) {
        mine.seq = m.seq;
        delete mine.pending;
        if (this.inflight === mine) this.inflight = undefined;
      } else {
        v.msgs.push({ seq: m.seq, role: m.role, text: m.text, cards: m.cards });
        if (m.role !== "user" && !this.open) v.unread++;
      }
      v.msgs.sort((a, b) => (a.seq ?? 1e12) - (b.seq ?? 1e12));
    }
    if (m.role !== "user") {
      v.staffTyping = false;
      if (m.role === "assistant" && v.waiting) {
        v.waiting = false;
        v.draft = null;
      }
    }
    this.seq = Math.max(this.seq, m.seq);
    this.save();
  }

  // deno-lint-ignore no-explicit-any
  private tool(name: string, r: any) {
    const v = this.v;
    if (!r || r.error) return;
    const t = texts(this.lang);
    const en = this.lang === "en";
    if (name === "list_services" && r.services) {
      for (const s of r.services) this.dur[s.name] = s.duration_minutes;
      v.chips = r.services.slice(0, 8).map((s: { name: string }) => ({
        label: s.name,
        text: en ? `I'd like to book ${s.name}` : s.name + t.book,
      }));
    } else if (name === "list_products" && r.products) {
      v.chips = r.products.filter((p: { in_stock: boolean }) => p.in_stock).slice(0, 8)
        .map((p: { name: string }) => ({
          label: p.name,
          text: en ? `I'd like to order ${p.name}` : p.name + t.buy,
        }));
    } else if (name === "check_availability" && r.slots) {
      if (r.service) this.dur[r.service.name] = r.service.duration_minutes;
      const today = todayIn(r.timezone ?? "Europe/Istanbul");
      // One turn may look at several parts of a day (afternoon, then evening): all are kept.
      const seen = new Set(this.slots.map((c) => c.label));
      for (const s of r.slots as { date: string; time: string }[]) {
        const t = s.time.slice(0, 5);
        const label = `${dayWords(this.lang, s.date, today)} ${t}`;
        if (seen.has(label)) continue;
        seen.add(label);
        this.slots.push({ label, text: label, t });
      }
    } else if (name === "hold_slot") {
      this.slots = [];
      v.chips = [];
    } else if (name === "create_appointment" && r.confirmation_code) {
      v.draftCards.push({
        type: "appointment",
        data: { duration_minutes: this.dur[r.service], tz: this.tz, ...r },
      });
      v.chips = [];
    } else if (name === "create_order" && r.order_number) {
      v.draftCards.push({ type: "order", data: r });
      v.chips = [];
    }
    if (r.timezone) this.tz = r.timezone;
  }

  /** The business's time zone, as the tools last said it. */
  tz = "Europe/Istanbul";
  /** Free times from this turn's availability check, shown as suggestions when it is done. */
  private slots: Chip[] = [];
  /** Service durations in minutes by name, as the tools told them (for calendar entries). */
  private dur: Record<string, number> = {};

  /** Sends the customer's message. */
  send(text: string) {
    text = text.trim();
    if (!text) return;
    const v = this.v;
    v.msgs.push({ role: "user", text, pending: true });
    v.chips = [];
    v.waiting = true;
    v.error = false;
    this.later("wait", 90_000, () => {
      v.waiting = false;
      this.emit();
    });
    this.emit();
    if (!this.http) this.connect();
    this.flush();
  }

  /** Tells the business the customer is typing (at most every 3 s). */
  typing() {
    if (this.id && this.ready && Date.now() - this.lastTyping > 3_000) {
      this.lastTyping = Date.now();
      this.sendFrame({ type: "typing" });
    }
  }

  /** Sends the next message that waits, one at a time. */
  private flush() {
    if (this.posting) return;
    const m = this.inflight ?? this.v.msgs.find((x) => x.pending);
    if (!m) return;
    if (this.http) return void this.post(m);
    if (!this.ready || m.on === this.gen) return;
    this.inflight = m;
    m.on = this.gen;
    this.sendFrame({ type: "message", message: m.text, locale: this.lang, channel: "web" });
  }

  /** The server refused the message in flight: it is shown as not sent. */
  private failed() {
    const m = this.inflight;
    this.inflight = undefined;
    if (m) {
      delete m.pending;
      m.failed = true;
    }
  }

  /** Sends a message with POST and reads the reply as Server-Sent Events. */
  private async post(m: Msg) {
    this.posting = true;
    this.inflight = m;
    const before = this.seq;
    let ok = false;
    try {
      const res = await fetch(`${this.base}/api/chat/message`, {
        method: "POST",
        credentials: "omit",
        headers: { ...this.headers(true), Accept: "text/event-stream" },
        body: JSON.stringify({
          conversation_id: this.id,
          message: m.text,
          locale: this.lang,
          channel: "web",
        }),
      });
      if (res.status === 404 && this.id) {
        this.reset();
        return;
      }
      if (!res.ok || !res.body) {
        this.v.error = true;
        this.v.waiting = false;
        this.failed();
        return;
      }
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buf = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += value.replace(/\r/g, "");
        let i;
        while ((i = buf.indexOf("\n\n")) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const ev = /^event: ?(.*)$/m.exec(block)?.[1] ?? "message";
          const data = block.split("\n").filter((l) => l.startsWith("data:"))
            .map((l) => l.slice(5).trim()).join("\n");
          if (!data) continue;
          const body = JSON.parse(data);
          this.frame(ev === "error" ? { error: body } : { type: ev, ...body });
        }
      }
      // The stream leaves out stored messages: the history gives both with their numbers.
      await this.catchUp(before);
      ok = true;
    } catch {
      this.v.online = false;
      this.emit();
    } finally {
      this.posting = false;
      if (this.inflight === m && m.seq) this.inflight = undefined;
      if (ok) this.flush();
      else if (this.http) this.later("flush", 3_000, () => this.flush());
      else this.flush();
    }
  }

  /** Fetches the messages after `after` (the history endpoint), for HTTP mode. */
  async catchUp(after = this.seq) {
    if (!this.id) return;
    const res = await fetch(
      `${this.base}/api/chat/history/${this.id}?after_seq=${after}`,
      { headers: this.headers(), credentials: "omit" },
    );
    if (res.status === 404 || res.status === 401) return this.reset();
    if (!res.ok) throw new Error(`history ${res.status}`);
    const body = await res.json();
    this.v.online = true;
    if (body.conversation.status === "closed") return this.reset();
    this.v.person = body.conversation.status === "handover";
    for (const m of body.messages) this.put(m);
    this.emit();
  }

  private poll() {
    clearInterval(this.timers.poll);
    this.timers.poll = setInterval(() => {
      if (this.id && !this.posting) this.catchUp().catch(() => {});
    }, POLL_MS);
  }
}
