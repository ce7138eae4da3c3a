import { Field, Select } from "../../../components/Fields.tsx";
import { dateTime, money } from "../../../components/format.ts";
import { paymentText } from "../../../components/orders.ts";
import { OrderStatusPill } from "../../../components/OrderStatusPill.tsx";
import { FilterForm } from "../../../components/FilterForm.tsx";
import { DashboardShell } from "../../../components/Layout.tsx";
import { Pager } from "../../../components/Pager.tsx";
import {
  type FormState,
  type LayoutData,
  loadPage,
  pageLocale,
  validate,
  validCursor,
} from "../../../components/page.ts";
import { Table } from "../../../components/Table.tsx";
import LiveUpdates from "../../../islands/LiveUpdates.tsx";
import type { Ctx } from "../../../lib/app_env.ts";
import { type MessageKey, t } from "../../../lib/i18n/mod.ts";
import { render } from "../../../lib/render.tsx";
import type { PageProps } from "../../../lib/render.tsx";
import { listOrders, type Order } from "../../../services/orders/orders.ts";
import { OrderListQuery, OrderStatus } from "../../../services/orders/schemas.ts";

interface Data {
  layout: LayoutData;
  filters: FormState;
  orders: Order[];
  next: string | null;
}

export const handler = {
  async GET(c: Ctx) {
    const locale = pageLocale(c);
    const raw: Record<string, string> = {};
    for (const k of ["status", "phone", "cursor"]) {
      const v = c.req.query(k)?.trim();
      if (v) raw[k] = v;
    }
    if (!validCursor(raw.cursor)) delete raw.cursor;
    const v = validate(OrderListQuery, raw, locale);
    const query = v.ok ? v.data : OrderListQuery.parse({});
    let errors = v.ok ? {} : v.errors;
    const { layout, page } = await loadPage(c, "orders", async (tx) => {
      try {
        return await listOrders(tx, query);
      } catch (err) {
        if ((err as { code?: string }).code !== "invalid_phone") throw err;
        errors = { phone: t(locale, "err.code.invalid_phone") };
        return await listOrders(tx, { ...query, phone: undefined });
      }
    });
    return render(
      c,
      {
        layout,
        filters: { values: raw, errors },
        orders: page.data,
        next: page.next_cursor,
      } satisfies Data,
    );
  },
};

export default function OrdersPage({ data, locale, url }: PageProps<Data>) {
  const s = (k: MessageKey) => t(locale, k);
  const tz = data.layout.timezone;
  const next = new URLSearchParams(url.search);
  if (data.next) next.set("cursor", data.next);
  return (
    <DashboardShell layout={data.layout} locale={locale} url={url} title={s("orders.title")}>
      <FilterForm action="/dashboard/orders" locale={locale}>
        <Select
          label={s("dash.status")}
          name="status"
          form={data.filters}
          options={[
            { value: "", label: s("dash.all") },
            ...OrderStatus.options.map((st) => ({
              value: st,
              label: s(`order.status.${st}` as MessageKey),
            })),
          ]}
        />
        <Field label={s("orders.phone")} name="phone" type="tel" form={data.filters} />
      </FilterForm>
      <Table
        id="orders-live"
        testId="orders-table"
        caption={s("orders.title")}
        columns={[
          { label: s("orders.number") },
          { label: s("orders.date") },
          { label: s("orders.customer") },
          { label: s("orders.items") },
          { label: s("orders.total"), num: true },
          { label: s("orders.payment") },
          { label: s("dash.status") },
        ]}
        empty={s("orders.none")}
        rows={data.orders}
        row={(o) => (
          <tr key={o.id}>
            <td>
              <a href={`/dashboard/orders/${o.id}`}>{o.order_number}</a>
            </td>
            <td>{dateTime(o.created_at, tz, locale)}</td>
            <td>
              {o.customer_name}
              <span class="muted">· {o.customer_phone}</span>
            </td>
            <td>{o.items.map((i) => `${i.quantity} × ${i.name}`).join(", ")}</td>
            <td class="num">{money(o.total_amount, locale)}</td>
            <td>{paymentText(o.payment_status, locale)}</td>
            <td>
              <OrderStatusPill status={o.status} locale={locale} />
            </td>
          </tr>
        )}
      />
      <Pager
        first={url.searchParams.has("cursor")
          ? `/dashboard/orders${
            data.filters.values.status ? `?status=${data.filters.values.status}` : ""
          }`
          : null}
        next={data.next ? `/dashboard/orders?${next}` : null}
        locale={locale}
      />
      <LiveUpdates
        types={["orders.changed"]}
        regions={["orders-live"]}
        announce={s("live.updated")}
      />
    </DashboardShell>
  );
}
