import { ActionButton, Field, FormError, Select } from "../../../components/Fields.tsx";
import { dateTime, money, percent } from "../../../components/format.ts";
import { DashboardShell } from "../../../components/Layout.tsx";
import { notFound } from "../../../components/notice.ts";
import { orderTone, paymentText } from "../../../components/orders.ts";
import {
  currentUser,
  emptyForm,
  formErrorOf,
  type FormFields,
  type FormState,
  isId,
  keep,
  type LayoutData,
  loadPage,
  optText,
  pageLocale,
  readForm,
  redirectWith,
  text,
  validate,
} from "../../../components/page.ts";
import { withTenant } from "../../../db/tenant.ts";
import LiveUpdates from "../../../islands/LiveUpdates.tsx";
import type { Ctx } from "../../../lib/app_env.ts";
import { type MessageKey, t } from "../../../lib/i18n/mod.ts";
import { tr } from "../../../lib/i18n/tr.ts";
import { withPaymentLink } from "../../../lib/payment_link.ts";
import { render } from "../../../lib/render.tsx";
import type { PageProps } from "../../../lib/render.tsx";
import { NotFoundError } from "../../../services/errors.ts";
import {
  getOrder,
  type Order,
  ORDER_TRANSITIONS,
  orderPayment,
  setOrderStatus,
} from "../../../services/orders/orders.ts";
import { OrderStatusUpdate, PaymentAction } from "../../../services/orders/schemas.ts";

interface Data {
  layout: LayoutData;
  order: Order;
  provider: string;
  status: FormState;
  payment: FormState;
}

async function show(
  c: Ctx,
  id: string,
  forms: { status?: FormState; payment?: FormState },
  httpStatus = 200,
): Promise<Response> {
  let loaded;
  try {
    loaded = await loadPage(c, "orders", (tx) => getOrder(tx, id));
  } catch (err) {
    if (err instanceof NotFoundError) return await notFound(c, "orders", "/dashboard/orders");
    throw err;
  }
  return render(
    c,
    {
      layout: loaded.layout,
      order: loaded.page,
      provider: c.get("deps").providers.payments.name,
      status: forms.status ?? emptyForm(),
      payment: forms.payment ?? emptyForm({ method: "cash" }),
    } satisfies Data,
    httpStatus,
  );
}

async function changeStatus(c: Ctx, id: string, form: FormFields): Promise<Response> {
  const user = currentUser(c);
  const locale = pageLocale(c);
  const v = validate(OrderStatusUpdate, {
    status: text(form, "status") ?? "",
    reason: optText(form, "reason"),
  }, locale);
  if (!v.ok) {
    return await show(c, id, {
      status: { values: keep(form), errors: v.errors, error: t(locale, "err.form") },
    }, 422);
  }
  try {
    await withTenant(
      c.get("deps").db,
      user.tenantId,
      (tx) => setOrderStatus(tx, id, v.data.status, { reason: v.data.reason, actor: "business" }),
    );
  } catch (err) {
    if (err instanceof NotFoundError) throw err;
    const { errors, error } = formErrorOf(err, locale);
    return await show(c, id, { status: { values: keep(form), errors, error } }, 409);
  }
  return redirectWith(c, `/dashboard/orders/${id}`, "flash.status");
}

async function payment(c: Ctx, id: string, form: FormFields): Promise<Response> {
  const user = currentUser(c);
  const locale = pageLocale(c);
  const action = text(form, "action") === "link" ? { action: "link" } : {
    action: "record",
    method: text(form, "method") ?? "",
    reference: optText(form, "reference"),
  };
  const v = validate(PaymentAction, action, locale);
  if (!v.ok) {
    return await show(c, id, {
      payment: { values: keep(form), errors: v.errors, error: t(locale, "err.form") },
    }, 422);
  }
  const paymentProvider = c.get("deps").providers.payments.name;
  try {
    const order = await withTenant(
      c.get("deps").db,
      user.tenantId,
      (tx) => orderPayment(tx, id, v.data, { paymentProvider }),
    );
    if (v.data.action === "link") await withPaymentLink(c, order);
  } catch (err) {
    if (err instanceof NotFoundError) throw err;
    const { errors, error } = formErrorOf(err, locale);
    return await show(c, id, { payment: { values: keep(form), errors, error } }, 409);
  }
  return redirectWith(
    c,
    `/dashboard/orders/${id}`,
    v.data.action === "link" ? "flash.link" : "flash.paid",
  );
}

export const handler = {
  GET(c: Ctx) {
    const id = c.req.param("id");
    if (!isId(id)) return notFound(c, "orders", "/dashboard/orders");
    return show(c, id, {});
  },
  async POST(c: Ctx) {
    const id = c.req.param("id");
    if (!isId(id)) return await notFound(c, "orders", "/dashboard/orders");
    const form = await readForm(c);
    try {
      switch (text(form, "_action")) {
        case "payment":
          return await payment(c, id, form);
        case "status":
          return await changeStatus(c, id, form);
        default:
          return c.redirect(`/dashboard/orders/${id}`, 303);
      }
    } catch (err) {
      if (err instanceof NotFoundError) return await notFound(c, "orders", "/dashboard/orders");
      throw err;
    }
  },
};

function providerName(name: string, locale: "tr" | "en"): string {
  const key = `provider.${name}`;
  return key in tr ? t(locale, key as MessageKey) : name;
}

function addressText(a: Record<string, unknown> | null): string | null {
  if (!a) return null;
  return [a.street, a.district, a.postal_code, a.city].filter(Boolean).join(", ");
}

export default function OrderPage({ data, locale, url }: PageProps<Data>) {
  const s = (k: MessageKey) => t(locale, k);
  const o = data.order;
  const tz = data.layout.timezone;
  const transitions = ORDER_TRANSITIONS[o.status].filter((x) => x !== "paid" && x !== "cancelled");
  const canCancel = ORDER_TRANSITIONS[o.status].includes("cancelled");
  return (
    <DashboardShell
      layout={data.layout}
      locale={locale}
      url={url}
      title={`${s("orders.order")} ${o.order_number}`}
      actions={
        <span class={`pill ${orderTone(o.status)}`} data-testid="order-status">
          {s(`order.status.${o.status}` as MessageKey)}
        </span>
      }
    >
      <p>
        <a href="/dashboard/orders">← {s("orders.title")}</a>
      </p>
      <div id="order-live">
        <div class="two-col">
          <section class="panel" aria-labelledby="lines-title">
            <h2 id="lines-title">{s("orders.lines")}</h2>
            <div class="table-wrap">
              <table data-testid="order-lines">
                <thead>
                  <tr>
                    <th scope="col">{s("orders.product")}</th>
                    <th scope="col" class="num">{s("orders.qty")}</th>
                    <th scope="col" class="num">{s("orders.unit")}</th>
                    <th scope="col" class="num">{s("orders.net")}</th>
                    <th scope="col" class="num">{s("orders.kdv")}</th>
                    <th scope="col" class="num">{s("orders.gross")}</th>
                  </tr>
                </thead>
                <tbody>
                  {o.items.map((l) => (
                    <tr key={l.product_id}>
                      <td>
                        <a href={`/dashboard/offerings/${l.product_id}`}>{l.name}</a>
                      </td>
                      <td class="num">{l.quantity}</td>
                      <td class="num">{money(l.unit_price, locale)}</td>
                      <td class="num">{money(l.net_amount, locale)}</td>
                      <td class="num">
                        {money(l.tax_amount, locale)}{" "}
                        <span class="muted">({percent(l.tax_rate, locale)})</span>
                      </td>
                      <td class="num">{money(l.total_price, locale)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row" colSpan={5}>{s("orders.subtotal_net")}</th>
                    <td class="num">{money(o.subtotal_net, locale)}</td>
                  </tr>
                  <tr>
                    <th scope="row" colSpan={5}>{s("orders.tax_total")}</th>
                    <td class="num">{money(o.tax_total, locale)}</td>
                  </tr>
                  <tr>
                    <th scope="row" colSpan={5}>{s("orders.shipping")}</th>
                    <td class="num">{money(o.shipping_cost, locale)}</td>
                  </tr>
                  <tr>
                    <th scope="row" colSpan={5}>{s("orders.total")}</th>
                    <td class="num">
                      <strong data-testid="order-total">{money(o.total_amount, locale)}</strong>
                    </td>
                  </tr>
                </tfoot>
              </table>
            </div>
          </section>
          <section class="panel" aria-labelledby="customer-title">
            <h2 id="customer-title">{s("orders.customer")}</h2>
            <dl class="facts">
              <dt>{s("dash.name")}</dt>
              <dd>{o.customer_name}</dd>
              <dt>{s("orders.phone")}</dt>
              <dd>
                <a href={`tel:${o.customer_phone}`}>{o.customer_phone}</a>
              </dd>
              {o.customer_email && (
                <>
                  <dt>{s("auth.email")}</dt>
                  <dd>{o.customer_email}</dd>
                </>
              )}
              <dt>{s("orders.delivery")}</dt>
              <dd>{s(o.delivery === "pickup" ? "orders.pickup" : "orders.ship")}</dd>
              {addressText(o.shipping_address) && (
                <>
                  <dt>{s("orders.address")}</dt>
                  <dd>{addressText(o.shipping_address)}</dd>
                </>
              )}
              <dt>{s("orders.date")}</dt>
              <dd>{dateTime(o.created_at, tz, locale)}</dd>
              <dt>{s("cal.channel")}</dt>
              <dd>{s(`channel.${o.channel}` as MessageKey)}</dd>
              {o.notes && (
                <>
                  <dt>{s("cal.notes")}</dt>
                  <dd>{o.notes}</dd>
                </>
              )}
            </dl>
          </section>
        </div>
        <section class="panel" aria-labelledby="payment-title">
          <h2 id="payment-title">{s("orders.payment")}</h2>
          <dl class="facts">
            <dt>{s("dash.status")}</dt>
            <dd data-testid="payment-status">{paymentText(o.payment_status, locale)}</dd>
            <dt>{s("orders.method")}</dt>
            <dd>{s(`pay.method.${o.payment_method}` as MessageKey)}</dd>
            {o.payment_provider && (
              <>
                <dt>{s("orders.provider")}</dt>
                <dd>{providerName(o.payment_provider, locale)}</dd>
              </>
            )}
            {o.payment_reference && (
              <>
                <dt>{s("orders.reference")}</dt>
                <dd>
                  <code>{o.payment_reference}</code>
                </dd>
              </>
            )}
            {o.payment_link && (
              <>
                <dt>{s("orders.link")}</dt>
                <dd>
                  <a href={o.payment_link} rel="noopener noreferrer" target="_blank">
                    {o.payment_link}
                  </a>
                </dd>
              </>
            )}
            {o.payment_expires_at && o.status === "pending" && (
              <>
                <dt>{s("orders.expires")}</dt>
                <dd>{dateTime(o.payment_expires_at, tz, locale)}</dd>
              </>
            )}
            {o.payment_instructions && (
              <>
                <dt>{s("orders.instructions")}</dt>
                <dd class="pre">{o.payment_instructions}</dd>
              </>
            )}
            {o.paid_at && (
              <>
                <dt>{s("orders.paid_at")}</dt>
                <dd>{dateTime(o.paid_at, tz, locale)}</dd>
              </>
            )}
          </dl>
        </section>
      </div>
      {o.status === "pending" && (
        <section class="panel" aria-labelledby="record-title">
          <h2 id="record-title">{s("orders.record_payment")}</h2>
          <form method="post" action={`/dashboard/orders/${o.id}`} class="filters" novalidate>
            <FormError form={data.payment} />
            <input type="hidden" name="_action" value="payment" />
            <input type="hidden" name="action" value="record" />
            <Select
              label={s("orders.method")}
              name="method"
              form={data.payment}
              options={["cash", "bank_transfer", "card_at_shop"].map((m) => ({
                value: m,
                label: s(`pay.method.${m}` as MessageKey),
              }))}
            />
            <Field label={s("orders.reference")} name="reference" form={data.payment} />
            <button type="submit" class="btn primary">{s("orders.mark_paid")}</button>
          </form>
          {data.provider !== "manual" && (
            <ActionButton
              action={`/dashboard/orders/${o.id}`}
              fields={{ _action: "payment", action: "link" }}
              label={s("orders.new_link")}
            />
          )}
        </section>
      )}
      {(transitions.length > 0 || canCancel || data.status.error) && (
        <section class="panel" aria-labelledby="status-title">
          <h2 id="status-title">{s("orders.change_status")}</h2>
          <FormError form={data.status} />
          <div class="form-actions">
            {transitions.map((st) => (
              <ActionButton
                key={st}
                action={`/dashboard/orders/${o.id}`}
                fields={{ _action: "status", status: st }}
                label={s(`order.mark.${st}` as MessageKey)}
                variant="primary"
              />
            ))}
          </div>
          {canCancel && (
            <form method="post" action={`/dashboard/orders/${o.id}`} class="filters" novalidate>
              <input type="hidden" name="_action" value="status" />
              <input type="hidden" name="status" value="cancelled" />
              <Field label={s("orders.cancel_reason")} name="reason" form={data.status} />
              <button type="submit" class="btn danger">{s("order.mark.cancelled")}</button>
            </form>
          )}
        </section>
      )}
      <LiveUpdates
        types={["orders.changed"]}
        regions={["order-live"]}
        announce={s("live.updated")}
      />
    </DashboardShell>
  );
}
