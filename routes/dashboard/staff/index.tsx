import { DashboardShell } from "../../../components/Layout.tsx";
import { type LayoutData, loadPage } from "../../../components/page.ts";
import { Table } from "../../../components/Table.tsx";
import type { Ctx } from "../../../lib/app_env.ts";
import { type MessageKey, t } from "../../../lib/i18n/mod.ts";
import { render } from "../../../lib/render.tsx";
import type { PageProps } from "../../../lib/render.tsx";
import { serviceOptions } from "../../../services/offerings/offerings.ts";
import { listStaff, type StaffMember } from "../../../services/staff/staff.ts";
import type { Locale } from "../../../components/format.ts";

interface Data {
  layout: LayoutData;
  staff: StaffMember[];
  services: Record<string, string>;
}

export const handler = {
  async GET(c: Ctx) {
    const { layout, page } = await loadPage(c, "staff", async (tx) => {
      const staff = await listStaff(tx);
      const services = await serviceOptions(tx);
      return { staff, services: Object.fromEntries(services.map((s) => [s.id, s.name])) };
    });
    return render(c, { layout, ...page } satisfies Data);
  },
};

/** "Pzt 09:00–18:00, Sal 09:00–18:00" */
export function hoursSummary(m: StaffMember, locale: Locale): string {
  if (m.working_hours.length === 0) return t(locale, "staff.no_hours");
  return m.working_hours.map((h) =>
    `${t(locale, `weekday.short.${h.weekday}` as MessageKey)} ${h.start}–${h.end}`
  ).join(", ");
}

export default function StaffPage({ data, locale, url }: PageProps<Data>) {
  const s = (k: MessageKey) => t(locale, k);
  const owner = data.layout.isOwner;
  return (
    <DashboardShell
      layout={data.layout}
      locale={locale}
      url={url}
      title={s("staff.title")}
      actions={
        <>
          {owner && <a class="btn primary" href="/dashboard/staff/new">{s("staff.new")}</a>}
          <a class="btn" href="/dashboard/staff/hours">{s("hours.business")}</a>
        </>
      }
    >
      {!owner && <p class="alert info">{s("dash.owner_only_note")}</p>}
      <Table
        testId="staff-table"
        caption={s("staff.title")}
        columns={[
          { label: s("staff.name") },
          { label: s("staff.hours") },
          { label: s("staff.services") },
          { label: s("staff.time_off") },
          { label: s("dash.status") },
        ]}
        empty={s("staff.none")}
        rows={data.staff}
        row={(m) => (
          <tr key={m.id}>
            <td>
              {m.color && (
                <span
                  class="swatch"
                  style={`background:${m.color}`}
                  aria-hidden="true"
                />
              )}
              <a href={`/dashboard/staff/${m.id}`}>{m.name}</a>
              {m.title && <span class="muted">· {m.title}</span>}
            </td>
            <td>{hoursSummary(m, locale)}</td>
            <td>
              {m.service_ids.map((id) => data.services[id]).filter(Boolean).join(", ") ||
                <span class="muted">{s("staff.all_services")}</span>}
            </td>
            <td>{m.time_off.length}</td>
            <td>
              <span class={`pill ${m.is_active ? "ok" : ""}`}>
                {s(m.is_active ? "dash.active" : "dash.inactive")}
              </span>
            </td>
          </tr>
        )}
      />
    </DashboardShell>
  );
}
