import { inboxData, type InboxStatus, inboxStatus } from "../../../components/inbox.ts";
import { DashboardShell } from "../../../components/Layout.tsx";
import { type LayoutData, loadPage } from "../../../components/page.ts";
import Inbox, { type InboxProps } from "../../../islands/Inbox.tsx";
import type { Ctx } from "../../../lib/app_env.ts";
import { type MessageKey, t } from "../../../lib/i18n/mod.ts";
import type { Locale } from "../../../components/format.ts";
import { render } from "../../../lib/render.tsx";
import type { PageProps } from "../../../lib/render.tsx";

/** What the inbox pages render. */
export interface InboxData {
  layout: LayoutData;
  inbox: Omit<InboxProps, "locale" | "timezone">;
}

export const handler = {
  async GET(c: Ctx) {
    const status = inboxStatus(c.req.query("status"));
    const { layout, page } = await loadPage(c, "inbox", (tx) => inboxData(tx, status, null));
    return render(c, { layout, inbox: { status, ...page } } satisfies InboxData);
  },
};

/** The status tabs. */
export function StatusTabs({ status, locale }: { status: InboxStatus; locale: Locale }) {
  const tabs: [InboxStatus, MessageKey][] = [
    ["", "dash.all"],
    ["handover", "inbox.status.handover"],
    ["active", "inbox.status.active"],
    ["closed", "inbox.status.closed"],
  ];
  return (
    <nav class="tabs" aria-label={t(locale, "dash.filter")}>
      {tabs.map(([value, key]) => (
        <a
          key={value}
          href={value ? `/dashboard/inbox?status=${value}` : "/dashboard/inbox"}
          aria-current={status === value ? "page" : undefined}
        >
          {t(locale, key)}
        </a>
      ))}
    </nav>
  );
}

export default function InboxPage({ data, locale, url }: PageProps<InboxData>) {
  return (
    <DashboardShell layout={data.layout} locale={locale} url={url} title={t(locale, "inbox.title")}>
      <StatusTabs status={data.inbox.status} locale={locale} />
      <Inbox {...data.inbox} locale={locale} timezone={data.layout.timezone} />
    </DashboardShell>
  );
}
