import { Field } from "../../../components/Fields.tsx";
import { dateTime } from "../../../components/format.ts";
import { FilterForm } from "../../../components/FilterForm.tsx";
import { DashboardShell } from "../../../components/Layout.tsx";
import { Pager } from "../../../components/Pager.tsx";
import {
  type FormState,
  type LayoutData,
  loadPage,
  pageLocale,
  validate,
} from "../../../components/page.ts";
import { Table } from "../../../components/Table.tsx";
import LiveUpdates from "../../../islands/LiveUpdates.tsx";
import type { Ctx } from "../../../lib/app_env.ts";
import { type MessageKey, t } from "../../../lib/i18n/mod.ts";
import { render } from "../../../lib/render.tsx";
import type { PageProps } from "../../../lib/render.tsx";
import {
  CustomerListQuery,
  type CustomerSummary,
  listCustomers,
} from "../../../services/customers.ts";
import { AppError } from "../../../services/errors.ts";
import { formatPhone } from "../../../services/phone.ts";

interface Data {
  layout: LayoutData;
  filters: FormState;
  customers: CustomerSummary[];
  next: string | null;
}

export const handler = {
  async GET(c: Ctx) {
    const locale = pageLocale(c);
    const raw: Record<string, string> = {};
    for (const k of ["q", "cursor"]) {
      const v = c.req.query(k)?.trim();
      if (v) raw[k] = v;
    }
    const v = validate(CustomerListQuery, raw, locale);
    const query = v.ok ? v.data : CustomerListQuery.parse({});
    const { layout, page } = await loadPage(c, "customers", async (tx) => {
      try {
        return await listCustomers(tx, query);
      } catch (err) {
        // A cursor this server did not make starts the list again.
        if (!(err instanceof AppError) || err.code !== "invalid_cursor") throw err;
        return await listCustomers(tx, { ...query, cursor: undefined });
      }
    });
    return render(
      c,
      {
        layout,
        filters: { values: raw, errors: v.ok ? {} : v.errors },
        customers: page.data,
        next: page.next_cursor,
      } satisfies Data,
    );
  },
};

export default function CustomersPage({ data, locale, url }: PageProps<Data>) {
  const s = (k: MessageKey) => t(locale, k);
  const tz = data.layout.timezone;
  const next = new URLSearchParams(url.search);
  if (data.next) next.set("cursor", data.next);
  const q = data.filters.values.q;
  return (
    <DashboardShell layout={data.layout} locale={locale} url={url} title={s("customers.title")}>
      <p class="muted">{s("customers.intro")}</p>
      <FilterForm action="/dashboard/customers" locale={locale}>
        <Field label={s("customers.search")} name="q" type="search" form={data.filters} />
      </FilterForm>
      <Table
        id="customers-live"
        testId="customers-table"
        caption={s("customers.title")}
        columns={[
          { label: s("customers.name") },
          { label: s("customers.phone") },
          { label: s("customers.appointments"), num: true },
          { label: s("customers.orders"), num: true },
          { label: s("customers.conversations"), num: true },
          { label: s("customers.last_seen") },
        ]}
        empty={s("customers.none")}
        rows={data.customers}
        row={(p) => (
          <tr key={p.phone}>
            <td>
              <a href={`/dashboard/customers/${encodeURIComponent(p.phone)}`}>{p.name}</a>
            </td>
            <td>{formatPhone(p.phone)}</td>
            <td class="num">{p.appointments}</td>
            <td class="num">{p.orders}</td>
            <td class="num">{p.conversations}</td>
            <td>{dateTime(p.last_seen, tz, locale)}</td>
          </tr>
        )}
      />
      <Pager
        first={url.searchParams.has("cursor")
          ? `/dashboard/customers${q ? `?q=${encodeURIComponent(String(q))}` : ""}`
          : null}
        next={data.next ? `/dashboard/customers?${next}` : null}
        locale={locale}
      />
      <LiveUpdates
        types={["appointments.changed", "orders.changed", "conversations.changed"]}
        regions={["customers-live"]}
        announce={s("live.updated")}
      />
    </DashboardShell>
  );
}
