import { BarChart } from "../../components/BarChart.tsx";
import { clock, count, type Locale, money, wholeMoney } from "../../components/format.ts";
import { DashboardShell } from "../../components/Layout.tsx";
import { type LayoutData, loadPage } from "../../components/page.ts";
import LiveUpdates from "../../islands/LiveUpdates.tsx";
import type { Ctx } from "../../lib/app_env.ts";
import { type MessageKey, t } from "../../lib/i18n/mod.ts";
import { render } from "../../lib/render.tsx";
import type { PageProps } from "../../lib/render.tsx";
import { type Overview, overview } from "../../services/stats.ts";

interface Data {
  layout: LayoutData;
  stats: Overview;
  publicUrl: string;
}

export const handler = {
  async GET(c: Ctx) {
    const { layout, page } = await loadPage(c, "overview", (tx) => overview(tx));
    return render(c, { layout, stats: page, publicUrl: c.get("deps").publicUrl } satisfies Data);
  },
};

/** The overview's charts, one per daily series, counted or in lira. */
const CHARTS: { series: Exclude<keyof Overview["series"], "dates">; lira?: boolean }[] = [
  { series: "appointments" },
  { series: "orders" },
  { series: "revenue", lira: true },
  { series: "resolved" },
];

function statusKey(status: string): MessageKey {
  return `appt.status.${status}` as MessageKey;
}

function Cards({ stats, locale }: { stats: Overview; locale: Locale }) {
  const s = (k: MessageKey) => t(locale, k);
  const open = stats.conversations.active + stats.conversations.handover;
  return (
    <div class="cards">
      <section class="card" aria-labelledby="card-today">
        <h2 id="card-today">{s("overview.today")}</h2>
        <p class="big" data-testid="stat-today">{count(stats.appointmentsToday.length, locale)}</p>
        {stats.appointmentsToday.length === 0
          ? <p class="muted">{s("overview.today_none")}</p>
          : (
            <ul class="plain compact">
              {stats.appointmentsToday.slice(0, 8).map((a) => (
                <li key={a.id}>
                  <a href={`/dashboard/calendar/${a.id}`}>
                    <strong>{clock(a.starts_at, stats.timezone, locale)}</strong> {a.service_name}
                  </a>{" "}
                  <span class="muted">
                    {a.customer_name}
                    {a.staff_name ? ` · ${a.staff_name}` : ""} · {s(statusKey(a.status))}
                  </span>
                </li>
              ))}
            </ul>
          )}
        <a href="/dashboard/calendar">{s("overview.open_calendar")}</a>
      </section>
      <section class="card" aria-labelledby="card-conv">
        <h2 id="card-conv">{s("overview.conversations")}</h2>
        <p class="big" data-testid="stat-conversations">{count(open, locale)}</p>
        <p class="muted">
          {count(stats.conversations.handover, locale)} {s("overview.waiting_person")}
        </p>
        <a href="/dashboard/inbox">{s("overview.open_inbox")}</a>
      </section>
      <section class="card" aria-labelledby="card-ship">
        <h2 id="card-ship">{s("overview.to_ship")}</h2>
        <p class="big" data-testid="stat-to-ship">{count(stats.ordersToShip, locale)}</p>
        <a href="/dashboard/orders?status=paid">{s("overview.open_orders")}</a>
      </section>
      <section class="card" aria-labelledby="card-stock">
        <h2 id="card-stock">{s("overview.low_stock")}</h2>
        <p class="big" data-testid="stat-low-stock">{count(stats.lowStock.length, locale)}</p>
        {stats.lowStock.length > 0 && (
          <ul class="plain compact">
            {stats.lowStock.slice(0, 5).map((n) => (
              <li key={n.id}>
                {n.product_id
                  ? <a href={`/dashboard/offerings/${n.product_id}`}>{n.title}</a>
                  : n.title}
              </li>
            ))}
          </ul>
        )}
        <a href="/dashboard/notifications">{s("overview.open_notifications")}</a>
      </section>
    </div>
  );
}

export default function OverviewPage({ data, locale, url }: PageProps<Data>) {
  const s = (k: MessageKey) => t(locale, k);
  const { stats } = data;
  const series = stats.series;
  const n = (v: number) => count(v, locale);
  const tl = (v: number) => money(v, locale);
  const welcomeKey = data.layout.flash?.key === "flash.welcome"
    ? data.layout.flash.extra
    : undefined;
  return (
    <DashboardShell layout={data.layout} locale={locale} url={url} title={s("overview.title")}>
      {welcomeKey && (
        <section class="panel" aria-labelledby="welcome-title">
          <h2 id="welcome-title">{s("overview.welcome_title")}</h2>
          <p>{s("overview.welcome_body")}</p>
          <pre class="snippet"><code>{`<script src="${data.publicUrl}/widget.js" data-key="${welcomeKey}" async></script>`}</code></pre>
          <p>
            <a href="/dashboard/offerings/new?type=service">{s("overview.welcome_service")}</a>
            {" · "}
            <a href="/dashboard/staff/new">{s("overview.welcome_staff")}</a>
            {" · "}
            <a href="/dashboard/staff/hours">{s("overview.welcome_hours")}</a>
          </p>
        </section>
      )}
      <div id="overview-live">
        <Cards stats={stats} locale={locale} />
        <h2 class="section-title">{s("overview.last30")}</h2>
        <div class="charts">
          {CHARTS.map(({ series: name, lira }) => (
            <BarChart
              key={name}
              id={`chart-${name}`}
              title={s(`chart.${name}`)}
              description={s(`chart.${name}_desc`)}
              dates={series.dates}
              values={series[name]}
              format={lira ? tl : n}
              tickFormat={lira ? (v) => wholeMoney(v, locale) : n}
              integer={!lira}
              locale={locale}
              yLabel={s(lira ? "chart.lira" : "chart.count")}
            />
          ))}
        </div>
      </div>
      <LiveUpdates
        types={[
          "appointments.changed",
          "orders.changed",
          "conversations.changed",
          "messages.created",
          "notifications.changed",
        ]}
        regions={["overview-live"]}
        announce={s("live.updated")}
      />
    </DashboardShell>
  );
}
