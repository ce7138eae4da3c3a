import { Fact } from "../../../components/Fact.tsx";
import { Check, FormError } from "../../../components/Fields.tsx";
import { dateTime, money } from "../../../components/format.ts";
import { DashboardShell } from "../../../components/Layout.tsx";
import { notFound } from "../../../components/notice.ts";
import { OrderStatusPill } from "../../../components/OrderStatusPill.tsx";
import { readOwnerPost } from "../../../components/owner_post.ts";
import {
  checked,
  emptyForm,
  failedForm,
  type FormState,
  inTenant,
  invalidForm,
  type LayoutData,
  redirectWith,
} from "../../../components/page.ts";
import { loadRecord } from "../../../components/record_page.ts";
import { Table } from "../../../components/Table.tsx";
import type { Ctx } from "../../../lib/app_env.ts";
import { type MessageKey, t } from "../../../lib/i18n/mod.ts";
import { render } from "../../../lib/render.tsx";
import type { PageProps } from "../../../lib/render.tsx";
import { type CustomerExport, eraseCustomer, exportCustomer } from "../../../services/customers.ts";
import { NotFoundError } from "../../../services/errors.ts";
import { formatPhone, normalizePhone } from "../../../services/phone.ts";

interface Data {
  layout: LayoutData;
  customer: CustomerExport;
  erase: FormState;
}

const LIST = "/dashboard/customers";

async function show(c: Ctx, phone: string, erase: FormState, status = 200) {
  const loaded = await loadRecord(c, "customers", LIST, (tx) => exportCustomer(tx, phone));
  if (loaded instanceof Response) return loaded;
  return render(c, { layout: loaded.layout, customer: loaded.page, erase } satisfies Data, status);
}

export const handler = {
  async GET(c: Ctx) {
    const phone = normalizePhone(c.req.param("phone") ?? "");
    if (!phone) return await notFound(c, "customers", LIST);
    return await show(c, phone, emptyForm());
  },
  async POST(c: Ctx) {
    const phone = normalizePhone(c.req.param("phone") ?? "");
    if (!phone) return await notFound(c, "customers", LIST);
    const post = await readOwnerPost(c, "customers", LIST);
    if (post instanceof Response) return post;
    const { user, locale, form } = post;
    if (!checked(form, "confirm")) {
      const errors = { confirm: t(locale, "customers.erase_confirm_needed") };
      return await show(c, phone, invalidForm(form, errors, locale), 422);
    }
    try {
      await inTenant(c, (tx) => eraseCustomer(tx, phone, user.userId));
    } catch (err) {
      if (err instanceof NotFoundError) return await notFound(c, "customers", LIST);
      return await show(c, phone, failedForm(form, err, locale), 409);
    }
    return redirectWith(c, LIST, "flash.erased");
  },
};

export default function CustomerPage({ data, locale, url }: PageProps<Data>) {
  const s = (k: MessageKey) => t(locale, k);
  const tz = data.layout.timezone;
  const p = data.customer;
  const path = `/dashboard/customers/${encodeURIComponent(p.phone)}`;
  return (
    <DashboardShell
      layout={data.layout}
      locale={locale}
      url={url}
      title={p.name || formatPhone(p.phone)}
      actions={<a class="btn ghost" href={LIST}>{s("dash.back")}</a>}
    >
      <section class="panel">
        <dl class="facts">
          <Fact label={s("customers.phone")}>{formatPhone(p.phone)}</Fact>
          <Fact label={s("customers.email")}>{p.email ?? "—"}</Fact>
        </dl>
        {data.layout.isOwner && (
          <p>
            <a
              class="btn"
              href={`/api/customers/${encodeURIComponent(p.phone)}`}
              download={`musteri-${p.phone.slice(1)}.json`}
            >
              {s("customers.export")}
            </a>{" "}
            <span class="hint">{s("customers.export_hint")}</span>
          </p>
        )}
      </section>
      <section class="panel" aria-labelledby="c-appts">
        <h2 id="c-appts">{s("customers.appointments")}</h2>
        <Table
          testId="customer-appointments"
          columns={[
            { label: s("orders.date") },
            { label: s("customers.service") },
            { label: s("dash.status") },
          ]}
          empty={s("customers.no_appointments")}
          rows={p.appointments}
          row={(a) => (
            <tr key={a.id}>
              <td>
                <a href={`/dashboard/calendar/${a.id}`}>{dateTime(a.starts_at, tz, locale)}</a>
              </td>
              <td>{a.service_name}</td>
              <td>{s(`appt.status.${a.status}` as MessageKey)}</td>
            </tr>
          )}
        />
      </section>
      <section class="panel" aria-labelledby="c-orders">
        <h2 id="c-orders">{s("customers.orders")}</h2>
        <Table
          testId="customer-orders"
          columns={[
            { label: s("orders.number") },
            { label: s("orders.date") },
            { label: s("orders.total"), num: true },
            { label: s("dash.status") },
          ]}
          empty={s("customers.no_orders")}
          rows={p.orders}
          row={(o) => (
            <tr key={o.id}>
              <td>
                <a href={`/dashboard/orders/${o.id}`}>{o.order_number}</a>
              </td>
              <td>{dateTime(o.created_at, tz, locale)}</td>
              <td class="num">{money(o.total_amount, locale)}</td>
              <td>
                <OrderStatusPill status={o.status} locale={locale} />
              </td>
            </tr>
          )}
        />
      </section>
      <section class="panel" aria-labelledby="c-convs">
        <h2 id="c-convs">{s("customers.conversations")}</h2>
        <Table
          testId="customer-conversations"
          columns={[
            { label: s("customers.last_seen") },
            { label: s("customers.channel") },
            { label: s("customers.messages"), num: true },
          ]}
          empty={s("customers.no_conversations")}
          rows={p.conversations}
          row={(conv) => (
            <tr key={conv.id}>
              <td>
                <a href={`/dashboard/inbox/${conv.id}`}>
                  {dateTime(conv.last_message_at, tz, locale)}
                </a>
              </td>
              <td>{s(`channel.${conv.channel}` as MessageKey)}</td>
              <td class="num">{conv.messages.length}</td>
            </tr>
          )}
        />
      </section>
      {data.layout.isOwner && (
        <section class="panel" aria-labelledby="c-erase">
          <h2 id="c-erase">{s("customers.erase")}</h2>
          <p class="hint">{s("customers.erase_hint")}</p>
          <form method="post" action={path} novalidate>
            <FormError form={data.erase} />
            <Check label={s("customers.erase_confirm")} name="confirm" form={data.erase} />
            <button type="submit" class="btn danger">{s("customers.erase")}</button>
          </form>
        </section>
      )}
    </DashboardShell>
  );
}
