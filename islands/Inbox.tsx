/**
 * The inbox: conversations (website and ARMA) with the latest first, and the chosen one's
 * transcript with the tool calls the assistant made. A person takes a conversation over, answers
 * (the customer sees it live) and hands it back. On the server it renders plain links and forms
 * that work without JavaScript; in the browser new messages and conversations arrive live.
 * @module
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { clock, dateTime, type Locale } from "../components/format.ts";
import { errorText, fieldErrors, type Issue } from "../components/messages.ts";
import { type MessageKey, t } from "../lib/i18n/mod.ts";
import { api } from "./api.ts";
import { onChange } from "./events.ts";

/** A conversation in the list. */
export interface InboxConversation {
  id: string;
  channel: string;
  status: "active" | "handover" | "closed";
  customer_name: string | null;
  customer_phone: string | null;
  last_message_at: string;
  last_message: string | null;
  last_role: string | null;
  handover_reason?: string | null;
}

/** A message of the transcript. */
export interface InboxMessage {
  id: string;
  seq: number;
  role: "user" | "assistant" | "staff" | "system";
  content: string;
  created_at: string;
  metadata: { tool_calls?: { name: string; args: unknown; result: unknown }[]; error?: string };
}

/** Props of the inbox. */
export interface InboxProps {
  locale: Locale;
  timezone: string;
  status: "" | "active" | "handover" | "closed";
  conversations: InboxConversation[];
  selected: InboxConversation | null;
  messages: InboxMessage[];
  /** An error or note from a form post (no JavaScript). */
  notice?: string;
  replyError?: string;
}

function who(c: InboxConversation, locale: Locale): string {
  return c.customer_name ?? c.customer_phone ?? t(locale, "inbox.anonymous");
}

function pretty(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return String(value);
  }
}

export default function Inbox(props: InboxProps) {
  const { locale, timezone: tz } = props;
  const s = (k: MessageKey) => t(locale, k);
  const [list, setList] = useState(props.conversations);
  const [current, setCurrent] = useState(props.selected);
  const [messages, setMessages] = useState(props.messages);
  const [text, setText] = useState("");
  const [error, setError] = useState(props.replyError ?? "");
  const [notice, setNotice] = useState(props.notice ?? "");
  const [busy, setBusy] = useState(false);
  const [ready, setReady] = useState(false);
  const currentRef = useRef(current);
  const lastSeq = useRef(props.messages.reduce((m, x) => Math.max(m, x.seq), 0));
  const bottom = useRef<HTMLDivElement>(null);
  const lastTyping = useRef(0);
  currentRef.current = current;

  const loadList = async () => {
    const q = new URLSearchParams({ limit: "50" });
    if (props.status) q.set("status", props.status);
    const res = await api<{ data: InboxConversation[] }>("GET", `/api/chat/conversations?${q}`);
    if (!res.ok) return;
    setList(res.body.data);
    const open = currentRef.current;
    const fresh = open && res.body.data.find((c) => c.id === open.id);
    if (fresh) setCurrent({ ...open, ...fresh });
  };

  const loadMessages = async (id: string, reset: boolean) => {
    const after = reset ? 0 : lastSeq.current;
    const res = await api<{ conversation: InboxConversation; messages: InboxMessage[] }>(
      "GET",
      `/api/chat/history/${id}?after_seq=${after}`,
    );
    if (!res.ok || currentRef.current?.id !== id) return;
    const incoming = res.body.messages;
    setCurrent((c) => (c && c.id === id ? { ...c, ...res.body.conversation } : c));
    if (reset) {
      setMessages(incoming);
    } else if (incoming.length > 0) {
      setMessages((old) => {
        const known = new Set(old.map((m) => m.id));
        return [...old, ...incoming.filter((m) => !known.has(m.id))];
      });
    }
    lastSeq.current = Math.max(
      reset ? 0 : lastSeq.current,
      ...incoming.map((m) => m.seq),
    );
  };

  useEffect(() => {
    setReady(true);
    return onChange((types, events) => {
      // "connected": what changed between rendering and subscribing is fetched too.
      const all = types.has("*") || types.has("connected");
      if (all || types.has("conversations.changed") || types.has("messages.created")) loadList();
      const open = currentRef.current;
      if (!open) return;
      const mine = events.some((e) =>
        (e.type === "messages.created" || e.type === "conversations.changed") &&
        (e.data?.conversation_id === open.id || e.data?.id === open.id)
      );
      if (all || mine) loadMessages(open.id, false);
    });
  }, []);

  useEffect(() => {
    bottom.current?.scrollIntoView({ block: "end" });
  }, [messages.length, current?.id]);

  const choose = async (e: Event, c: InboxConversation) => {
    e.preventDefault();
    setCurrent(c);
    currentRef.current = c;
    setMessages([]);
    setError("");
    setNotice("");
    lastSeq.current = 0;
    history.replaceState(null, "", `/dashboard/inbox/${c.id}${location.search}`);
    await loadMessages(c.id, true);
  };

  const act = async (e: Event, kind: "take" | "handback") => {
    e.preventDefault();
    if (!current) return;
    setBusy(true);
    const res = kind === "take"
      ? await api("POST", "/api/chat/handover", { conversation_id: current.id })
      : await api("POST", `/api/chat/conversations/${current.id}/handback`);
    setBusy(false);
    if (!res.ok) {
      setNotice(
        res.status === 0
          ? s("err.network")
          : errorText(locale, res.error!.code, res.error!.message),
      );
      return;
    }
    setCurrent({ ...current, status: kind === "take" ? "handover" : "active" });
    setNotice(s(kind === "take" ? "flash.taken" : "flash.handed_back"));
    loadList();
  };

  const reply = async (e: Event) => {
    e.preventDefault();
    if (!current) return;
    setBusy(true);
    const res = await api<InboxMessage>(
      "POST",
      `/api/chat/conversations/${current.id}/messages`,
      { text },
    );
    setBusy(false);
    if (!res.ok) {
      const issues = (res.error?.details as { issues?: Issue[] } | undefined)?.issues;
      setError(
        issues
          ? fieldErrors(locale, issues).text ?? s("err.invalid")
          : res.status === 0
          ? s("err.network")
          : errorText(locale, res.error!.code, res.error!.message),
      );
      return;
    }
    setText("");
    setError("");
    setCurrent({ ...current, status: "handover" });
    setMessages((old) => old.some((m) => m.id === res.body.id) ? old : [...old, res.body]);
    lastSeq.current = Math.max(lastSeq.current, res.body.seq);
  };

  const typing = () => {
    if (!current || Date.now() - lastTyping.current < 3000) return;
    lastTyping.current = Date.now();
    api("POST", `/api/chat/conversations/${current.id}/typing`);
  };

  const query = props.status ? `?status=${props.status}` : "";
  return (
    <div class="inbox" data-ready={ready ? "true" : undefined}>
      <nav class="conv-list" aria-label={s("inbox.conversations")}>
        {list.length === 0 && <p class="muted" style="padding:12px">{s("inbox.none")}</p>}
        <ul data-testid="conversation-list">
          {list.map((c) => (
            <li key={c.id}>
              <a
                href={`/dashboard/inbox/${c.id}${query}`}
                aria-current={current?.id === c.id ? "true" : undefined}
                onClick={(e) => choose(e, c)}
                data-conversation={c.id}
              >
                <strong>{who(c, locale)}</strong>{" "}
                <span
                  class={`pill ${
                    c.status === "handover" ? "warn" : c.status === "closed" ? "" : "info"
                  }`}
                >
                  {s(`inbox.status.${c.status}` as MessageKey)}
                </span>{" "}
                <span class="pill">{s(`channel.${c.channel}` as MessageKey)}</span>
                {c.status === "handover" && c.last_role === "user" && (
                  <span class="badge" title={s("inbox.awaiting")}>!</span>
                )}
                <span class="preview">{c.last_message ?? ""}</span>
                <span class="muted small">{dateTime(c.last_message_at, tz, locale)}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <section class="transcript" aria-labelledby="transcript-title">
        {!current ? <p class="muted" id="transcript-title">{s("inbox.choose")}</p> : (
          <>
            <div class="page-head">
              <h2 id="transcript-title">
                {who(current, locale)}{" "}
                <span class="pill" data-testid="conversation-status">
                  {s(`inbox.status.${current.status}` as MessageKey)}
                </span>
              </h2>
              <div class="page-actions">
                {current.status === "active" && (
                  <form
                    method="post"
                    action={`/dashboard/inbox/${current.id}`}
                    onSubmit={(e) => act(e, "take")}
                  >
                    <input type="hidden" name="_action" value="take" />
                    <button type="submit" class="btn" disabled={busy}>{s("inbox.take")}</button>
                  </form>
                )}
                {current.status === "handover" && (
                  <form
                    method="post"
                    action={`/dashboard/inbox/${current.id}`}
                    onSubmit={(e) => act(e, "handback")}
                  >
                    <input type="hidden" name="_action" value="handback" />
                    <button type="submit" class="btn" disabled={busy}>{s("inbox.handback")}</button>
                  </form>
                )}
              </div>
            </div>
            {current.customer_phone && (
              <p class="muted">
                {s("orders.phone")}:{" "}
                <a href={`tel:${current.customer_phone}`}>{current.customer_phone}</a>
              </p>
            )}
            {notice && <div class="alert info" role="status">{notice}</div>}
            <div class="messages" role="log" aria-live="polite" aria-label={s("inbox.transcript")}>
              {messages.map((m) => (
                <div key={m.id} class={`msg ${m.role}`} data-role={m.role}>
                  <span class="meta">
                    {s(`inbox.role.${m.role}` as MessageKey)} · {clock(m.created_at, tz, locale)}
                  </span>
                  {m.content}
                  {(m.metadata.tool_calls?.length ?? 0) > 0 && (
                    <details>
                      <summary>
                        {s("inbox.tools")}: {m.metadata.tool_calls!.map((c) => c.name).join(", ")}
                      </summary>
                      {m.metadata.tool_calls!.map((c, i) => (
                        <div key={i}>
                          <strong>{c.name}</strong>
                          <pre>{`${s("inbox.args")}: ${pretty(c.args)}\n${s("inbox.result")}: ${pretty(c.result)}`}</pre>
                        </div>
                      ))}
                    </details>
                  )}
                </div>
              ))}
              <div ref={bottom} />
            </div>
            {current.status !== "closed" && (
              <form
                method="post"
                action={`/dashboard/inbox/${current.id}`}
                class="reply"
                onSubmit={reply}
                novalidate
              >
                <input type="hidden" name="_action" value="reply" />
                <div class={`field${error ? " invalid" : ""}`}>
                  <label for="reply-text">{s("inbox.reply")}</label>
                  <textarea
                    id="reply-text"
                    name="text"
                    rows={2}
                    value={text}
                    aria-invalid={error ? "true" : undefined}
                    aria-describedby={error ? "reply-err" : "reply-hint"}
                    onInput={(e) => {
                      setText((e.target as HTMLTextAreaElement).value);
                      typing();
                    }}
                  />
                  <p class="hint" id="reply-hint">
                    {current.status === "active" ? s("inbox.reply_takes") : s("inbox.reply_live")}
                  </p>
                  {error && <p class="field-error" id="reply-err">{error}</p>}
                </div>
                <button type="submit" class="btn primary" disabled={busy}>{s("inbox.send")}</button>
              </form>
            )}
          </>
        )}
      </section>
    </div>
  );
}
