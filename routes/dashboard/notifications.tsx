import { ActionButton } from "../../components/Fields.tsx";
import { dateTime, type Locale } from "../../components/format.ts";
import { DashboardShell } from "../../components/Layout.tsx";
import { notFound } from "../../components/notice.ts";
import {
  inTenant,
  isId,
  type LayoutData,
  loadPage,
  readForm,
  redirectWith,
  text,
} from "../../components/page.ts";
import { Table } from "../../components/Table.tsx";
import LiveUpdates from "../../islands/LiveUpdates.tsx";
import type { Ctx } from "../../lib/app_env.ts";
import { type MessageKey, t, textOr } from "../../lib/i18n/mod.ts";
import { render } from "../../lib/render.tsx";
import type { PageProps } from "../../lib/render.tsx";
import { NotFoundError } from "../../services/errors.ts";
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  type Notification,
} from "../../services/notifications.ts";
import { listSms, type SmsRecord } from "../../services/sms/outbox.ts";

interface Data {
  layout: LayoutData;
  notes: Notification[];
  sms: SmsRecord[];
  provider: string;
}

export const handler = {
  async GET(c: Ctx) {
    const { layout, page } = await loadPage(c, "notifications", async (tx) => ({
      notes: await listNotifications(tx, { limit: 100 }),
      sms: await listSms(tx, 100),
    }));
    return render(
      c,
      {
        layout,
        ...page,
        provider: c.get("deps").providers.sms.name,
      } satisfies Data,
    );
  },
  async POST(c: Ctx) {
    const form = await readForm(c);
    if (text(form, "_action") === "read_all") {
      await inTenant(c, markAllNotificationsRead);
      return redirectWith(c, "/dashboard/notifications", "flash.read");
    }
    if (text(form, "_action") !== "read") return c.redirect("/dashboard/notifications", 303);
    const id = text(form, "id");
    if (!isId(id)) return await notFound(c, "notifications", "/dashboard/notifications");
    try {
      await inTenant(c, (tx) => markNotificationRead(tx, id));
    } catch (err) {
      if (err instanceof NotFoundError) {
        return await notFound(c, "notifications", "/dashboard/notifications");
      }
      throw err;
    }
    return redirectWith(c, "/dashboard/notifications", "flash.read");
  },
};

function smsTone(status: string): string {
  return status === "delivered"
    ? "ok"
    : status === "failed" || status === "undelivered"
    ? "bad"
    : status === "sent"
    ? "info"
    : "warn";
}

function label(prefix: string, value: string, locale: Locale): string {
  return textOr(locale, `${prefix}.${value}`, value);
}

function noteLink(n: Notification): string | null {
  const data = n.data as { product_id?: string; order_id?: string };
  if (data.order_id) return `/dashboard/orders/${data.order_id}`;
  if (data.product_id) return `/dashboard/offerings/${data.product_id}`;
  return null;
}

export default function NotificationsPage({ data, locale, url }: PageProps<Data>) {
  const s = (k: MessageKey) => t(locale, k);
  const tz = data.layout.timezone;
  const unread = data.notes.filter((n) => !n.read_at).length;
  return (
    <DashboardShell layout={data.layout} locale={locale} url={url} title={s("notes.title")}>
      <section class="panel" aria-labelledby="notes-title">
        <div class="page-head">
          <h2 id="notes-title">{s("notes.business")}</h2>
          {unread > 0 && (
            <ActionButton
              action="/dashboard/notifications"
              fields={{ _action: "read_all" }}
              label={s("notes.read_all")}
            />
          )}
        </div>
        <div id="notes-live">
          {data.notes.length === 0
            ? <p class="muted">{s("notes.none")}</p>
            : (
              <ul class="plain compact" data-testid="notes">
                {data.notes.map((n) => {
                  const link = noteLink(n);
                  return (
                    <li key={n.id} class={n.read_at ? "read" : "unread"}>
                      <span class={`pill ${n.read_at ? "" : "warn"}`}>
                        {label("notes.kind", n.kind, locale)}
                      </span>{" "}
                      {link ? <a href={link}>{n.title}</a> : n.title}
                      {n.body && <span class="muted">· {n.body}</span>}{" "}
                      <span class="muted">{dateTime(n.created_at, tz, locale)}</span>{" "}
                      {!n.read_at && (
                        <ActionButton
                          action="/dashboard/notifications"
                          fields={{ _action: "read", id: n.id }}
                          label={s("notes.mark_read")}
                          variant="ghost"
                        />
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
        </div>
      </section>
      <section class="panel" aria-labelledby="sms-title">
        <h2 id="sms-title">{s("notes.sms")}</h2>
        <p class="muted">
          {s("notes.sms_provider")}: <strong>{label("provider", data.provider, locale)}</strong>
          {data.provider === "outbox" && <>· {s("notes.outbox_hint")}</>}
        </p>
        <Table
          id="sms-live"
          testId="sms-table"
          caption={s("notes.sms")}
          columns={[
            { label: s("notes.when") },
            { label: s("notes.to") },
            { label: s("notes.message") },
            { label: s("dash.status") },
          ]}
          empty={s("notes.no_sms")}
          rows={data.sms}
          row={(m) => (
            <tr key={m.id}>
              <td>{dateTime(m.created_at, tz, locale)}</td>
              <td>{m.to_phone}</td>
              <td>
                <span class="muted">{label("sms.template", m.template, locale)}</span>
                <br />
                {m.body}
              </td>
              <td>
                <span class={`pill ${smsTone(m.status)}`}>
                  {label("sms.status", m.status, locale)}
                </span>
                {m.error && <div class="field-error">{m.error}</div>}
              </td>
            </tr>
          )}
        />
      </section>
      <LiveUpdates
        types={["sms.changed", "notifications.changed", "appointments.changed", "orders.changed"]}
        regions={["notes-live", "sms-live"]}
        announce={s("live.updated")}
      />
    </DashboardShell>
  );
}
