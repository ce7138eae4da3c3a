import { Field, Select } from "../../../components/Fields.tsx";
import { dateTime, money } from "../../../components/format.ts";
import { orderTone, paymentText } from "../../../components/orders.ts";
import { DashboardShell } from "../../../components/Layout.tsx";
import {
  type FormState,
  type LayoutData,
  loadPage,
  pageLocale,
  validate,
  validCursor,
} from "../../../components/page.ts";
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
      <form method="get" action="/dashboard/orders" class="filters" role="search">
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
        <button type="submit" class="btn">{s("dash.filter")}</button>
        <a class="btn ghost" href="/dashboard/orders">{s("dash.clear")}</a>
      </form>
      <div id="orders-live" class="table-wrap">
        <table data-testid="orders-table">
          <caption class="sr-only">{s("orders.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{s("orders.number")}</th>
              <th scope="col">{s("orders.date")}</th>
              <th scope="col">{s("orders.customer")}</th>
              <th scope="col">{s("orders.items")}</th>
              <th scope="col" class="num">{s("orders.total")}</th>
              <th scope="col">{s("orders.payment")}</th>
              <th scope="col">{s("dash.status")}</th>
            </tr>
          </thead>
          <tbody>
            {data.orders.length === 0 && (
              <tr>
                <td colSpan={7} class="muted">{s("orders.none")}</td>
              </tr>
            )}
            {data.orders.map((o) => (
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
                  <span class={`pill ${orderTone(o.status)}`}>
                    {s(`order.status.${o.status}` as MessageKey)}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav class="pager" aria-label={s("dash.pages")}>
        {url.searchParams.has("cursor") && (
          <a
            href={`/dashboard/orders${
              data.filters.values.status ? `?status=${data.filters.values.status}` : ""
            }`}
          >
            {s("dash.first_page")}
          </a>
        )}
        {data.next && <a href={`/dashboard/orders?${next}`}>{s("dash.next_page")}</a>}
      </nav>
      <LiveUpdates
        types={["orders.changed"]}
        regions={["orders-live"]}
        announce={s("live.updated")}
      />
    </DashboardShell>
  );
}
