import { Fact } from "../../../components/Fact.tsx";
import {
  ActionButton,
  Field,
  FormError,
  Select,
  StatusButtons,
} from "../../../components/Fields.tsx";
import { dateTime, money, percent } from "../../../components/format.ts";
import { DashboardShell } from "../../../components/Layout.tsx";
import { paymentText } from "../../../components/orders.ts";
import { OrderStatusPill } from "../../../components/OrderStatusPill.tsx";
import {
  emptyForm,
  failedForm,
  type FormFields,
  type FormState,
  inTenant,
  invalidForm,
  type LayoutData,
  optText,
  pageLocale,
  redirectWith,
  text,
  validate,
} from "../../../components/page.ts";
import { loadRecord, recordHandler } from "../../../components/record_page.ts";
import { Table } from "../../../components/Table.tsx";
import LiveUpdates from "../../../islands/LiveUpdates.tsx";
import type { Ctx } from "../../../lib/app_env.ts";
import { type MessageKey, t, textOr } from "../../../lib/i18n/mod.ts";
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
  forms: { status?: FormState; payment?: FormState } = {},
  httpStatus = 200,
): Promise<Response> {
  const loaded = await loadRecord(c, "orders", "/dashboard/orders", (tx) => getOrder(tx, id));
  if (loaded instanceof Response) return loaded;
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
  const locale = pageLocale(c);
  const v = validate(OrderStatusUpdate, {
    status: text(form, "status") ?? "",
    reason: optText(form, "reason"),
  }, locale);
  if (!v.ok) return await show(c, id, { status: invalidForm(form, v.errors, locale) }, 422);
  try {
    await inTenant(
      c,
      (tx) => setOrderStatus(tx, id, v.data.status, { reason: v.data.reason, actor: "business" }),
    );
  } catch (err) {
    if (err instanceof NotFoundError) throw err;
    return await show(c, id, { status: failedForm(form, err, locale) }, 409);
  }
  return redirectWith(c, `/dashboard/orders/${id}`, "flash.status");
}

async function payment(c: Ctx, id: string, form: FormFields): Promise<Response> {
  const locale = pageLocale(c);
  const action = text(form, "action") === "link" ? { action: "link" } : {
    action: "record",
    method: text(form, "method") ?? "",
    reference: optText(form, "reference"),
  };
  const v = validate(PaymentAction, action, locale);
  if (!v.ok) return await show(c, id, { payment: invalidForm(form, v.errors, locale) }, 422);
  const paymentProvider = c.get("deps").providers.payments.name;
  try {
    const order = await inTenant(c, (tx) => orderPayment(tx, id, v.data, { paymentProvider }));
    if (v.data.action === "link") await withPaymentLink(c, order);
  } catch (err) {
    if (err instanceof NotFoundError) throw err;
    return await show(c, id, { payment: failedForm(form, err, locale) }, 409);
  }
  return redirectWith(
    c,
    `/dashboard/orders/${id}`,
    v.data.action === "link" ? "flash.link" : "flash.paid",
  );
}

export const handler = recordHandler({
  section: "orders",
  list: "/dashboard/orders",
  show,
  actions: { payment, status: changeStatus },
});

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
      actions={<OrderStatusPill status={o.status} locale={locale} testId="order-status" />}
    >
      <p>
        <a href="/dashboard/orders">← {s("orders.title")}</a>
      </p>
      <div id="order-live">
        <div class="two-col">
          <section class="panel" aria-labelledby="lines-title">
            <h2 id="lines-title">{s("orders.lines")}</h2>
            <Table
              testId="order-lines"
              columns={[
                { label: s("orders.product") },
                { label: s("orders.qty"), num: true },
                { label: s("orders.unit"), num: true },
                { label: s("orders.net"), num: true },
                { label: s("orders.kdv"), num: true },
                { label: s("orders.gross"), num: true },
              ]}
              rows={o.items}
              row={(l) => (
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
              )}
              foot={
                <>
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
                </>
              }
            />
          </section>
          <section class="panel" aria-labelledby="customer-title">
            <h2 id="customer-title">{s("orders.customer")}</h2>
            <dl class="facts">
              <Fact label={s("dash.name")}>{o.customer_name}</Fact>
              <Fact label={s("orders.phone")}>
                <a href={`tel:${o.customer_phone}`}>{o.customer_phone}</a>
              </Fact>
              {o.customer_email && <Fact label={s("auth.email")}>{o.customer_email}</Fact>}
              <Fact label={s("orders.delivery")}>
                {s(o.delivery === "pickup" ? "orders.pickup" : "orders.ship")}
              </Fact>
              {addressText(o.shipping_address) && (
                <Fact label={s("orders.address")}>{addressText(o.shipping_address)}</Fact>
              )}
              <Fact label={s("orders.date")}>{dateTime(o.created_at, tz, locale)}</Fact>
              <Fact label={s("cal.channel")}>{s(`channel.${o.channel}` as MessageKey)}</Fact>
              {o.notes && <Fact label={s("cal.notes")}>{o.notes}</Fact>}
            </dl>
          </section>
        </div>
        <section class="panel" aria-labelledby="payment-title">
          <h2 id="payment-title">{s("orders.payment")}</h2>
          <dl class="facts">
            <Fact label={s("dash.status")} testId="payment-status">
              {paymentText(o.payment_status, locale)}
            </Fact>
            <Fact label={s("orders.method")}>
              {s(`pay.method.${o.payment_method}` as MessageKey)}
            </Fact>
            {o.payment_provider && (
              <Fact label={s("orders.provider")}>
                {textOr(locale, `provider.${o.payment_provider}`, o.payment_provider)}
              </Fact>
            )}
            {o.payment_reference && (
              <Fact label={s("orders.reference")}>
                <code>{o.payment_reference}</code>
              </Fact>
            )}
            {o.payment_link && (
              <Fact label={s("orders.link")}>
                <a href={o.payment_link} rel="noopener noreferrer" target="_blank">
                  {o.payment_link}
                </a>
              </Fact>
            )}
            {o.payment_expires_at && o.status === "pending" && (
              <Fact label={s("orders.expires")}>{dateTime(o.payment_expires_at, tz, locale)}</Fact>
            )}
            {o.payment_instructions && (
              <Fact label={s("orders.instructions")} class="pre">{o.payment_instructions}</Fact>
            )}
            {o.paid_at && <Fact label={s("orders.paid_at")}>{dateTime(o.paid_at, tz, locale)}
            </Fact>}
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
          <StatusButtons
            action={`/dashboard/orders/${o.id}`}
            statuses={transitions}
            label={(st) =>
              s(`order.mark.${st}` as MessageKey)}
            variant="primary"
          />
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
