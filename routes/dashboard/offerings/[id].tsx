import { Field, FormError, Select } from "../../../components/Fields.tsx";
import { count, dateTime, type Locale } from "../../../components/format.ts";
import { DashboardShell } from "../../../components/Layout.tsx";
import { offeringBody, OfferingForm, offeringValues } from "../../../components/OfferingForm.tsx";
import {
  currentUser,
  emptyForm,
  failedForm,
  type FormFields,
  type FormState,
  inTenant,
  invalidForm,
  keep,
  type LayoutData,
  num,
  pageLocale,
  redirectWith,
  safeNext,
  text,
  validate,
} from "../../../components/page.ts";
import { loadRecord, recordHandler } from "../../../components/record_page.ts";
import { Table } from "../../../components/Table.tsx";
import type { Ctx } from "../../../lib/app_env.ts";
import { type MessageKey, t, textOr } from "../../../lib/i18n/mod.ts";
import { render } from "../../../lib/render.tsx";
import type { PageProps } from "../../../lib/render.tsx";
import {
  adjustStock,
  getOffering,
  listStockMovements,
  updateOffering,
} from "../../../services/offerings/offerings.ts";
import {
  type Offering,
  OfferingUpdate,
  StockAdjustment,
} from "../../../services/offerings/schemas.ts";
import { staffOptions } from "../../../services/staff/staff.ts";

type Movement = Awaited<ReturnType<typeof listStockMovements>>[number];

interface Data {
  layout: LayoutData;
  offering: Offering;
  form: FormState;
  stock: FormState;
  staff: { id: string; name: string }[];
  movements: Movement[];
}

async function show(
  c: Ctx,
  id: string,
  forms: { form?: FormState; stock?: FormState } = {},
  status = 200,
): Promise<Response> {
  const loaded = await loadRecord(c, "offerings", "/dashboard/offerings", async (tx) => {
    const offering = await getOffering(tx, id);
    return {
      offering,
      staff: await staffOptions(tx),
      movements: offering.offering_type === "product" ? await listStockMovements(tx, id, 50) : [],
    };
  });
  if (loaded instanceof Response) return loaded;
  const { layout, page } = loaded;
  return render(
    c,
    {
      layout,
      ...page,
      form: forms.form ?? emptyForm(offeringValues(page.offering)),
      stock: forms.stock ?? emptyForm({ reason: "restock" }),
    } satisfies Data,
    status,
  );
}

async function save(c: Ctx, id: string, form: FormFields): Promise<Response> {
  const user = currentUser(c);
  const locale = pageLocale(c);
  const current = await inTenant(c, (tx) => getOffering(tx, id));
  const v = validate(OfferingUpdate, offeringBody(form, current.offering_type, "update"), locale);
  if (!v.ok) return await show(c, id, { form: invalidForm(form, v.errors, locale) }, 422);
  try {
    await inTenant(c, (tx) => updateOffering(tx, id, v.data, user.userId));
  } catch (err) {
    return await show(c, id, { form: failedForm(form, err, locale) }, 422);
  }
  return redirectWith(c, `/dashboard/offerings/${id}`, "flash.saved");
}

async function stock(c: Ctx, id: string, form: FormFields): Promise<Response> {
  const user = currentUser(c);
  const locale = pageLocale(c);
  const v = validate(StockAdjustment, {
    delta: num(form, "delta") ?? "",
    reason: text(form, "reason") || undefined,
  }, locale);
  if (!v.ok) return await show(c, id, { stock: { values: keep(form), errors: v.errors } }, 422);
  try {
    await inTenant(c, (tx) => adjustStock(tx, id, v.data, user.userId));
  } catch (err) {
    return await show(c, id, { stock: failedForm(form, err, locale) }, 409);
  }
  return redirectWith(c, `/dashboard/offerings/${id}#stock`, "flash.stock");
}

async function toggle(c: Ctx, id: string, form: FormFields): Promise<Response> {
  const user = currentUser(c);
  await inTenant(c, async (tx) => {
    const o = await getOffering(tx, id);
    await updateOffering(tx, id, { is_active: !o.is_active }, user.userId);
  });
  return redirectWith(
    c,
    safeNext(text(form, "back") || `/dashboard/offerings/${id}`),
    "flash.saved",
  );
}

export const handler = recordHandler({
  section: "offerings",
  list: "/dashboard/offerings",
  show,
  actions: { stock, toggle, save },
  ownerOnly: true,
});

const REASONS = ["restock", "correction", "damaged", "returned"] as const;

function reasonLabel(reason: string, locale: Locale): string {
  return textOr(locale, `stock.reason.${reason}`, reason);
}

function Ledger(
  { movements, timezone, locale }: { movements: Movement[]; timezone: string; locale: Locale },
) {
  const s = (k: MessageKey) => t(locale, k);
  return (
    <Table
      testId="stock-ledger"
      caption={s("stock.ledger")}
      columns={[
        { label: s("stock.when") },
        { label: s("stock.delta"), num: true },
        { label: s("stock.balance"), num: true },
        { label: s("stock.reason") },
      ]}
      empty={s("dash.none")}
      rows={movements}
      row={(m) => (
        <tr key={m.id}>
          <td>{dateTime(m.created_at, timezone, locale)}</td>
          <td class="num">{m.delta > 0 ? `+${m.delta}` : m.delta}</td>
          <td class="num">{count(m.balance, locale)}</td>
          <td>
            {reasonLabel(m.reason, locale)}
            {m.order_id && (
              <>
                {" "}
                <a href={`/dashboard/orders/${m.order_id}`}>{s("stock.order")}</a>
              </>
            )}
          </td>
        </tr>
      )}
    />
  );
}

export default function OfferingPage({ data, locale, url }: PageProps<Data>) {
  const s = (k: MessageKey) => t(locale, k);
  const o = data.offering;
  const owner = data.layout.isOwner;
  return (
    <DashboardShell
      layout={data.layout}
      locale={locale}
      url={url}
      title={o.name}
      actions={
        <span class={`pill ${o.is_active ? "ok" : ""}`}>
          {s(o.is_active ? "dash.active" : "dash.inactive")}
        </span>
      }
    >
      <p>
        <a href="/dashboard/offerings">← {s("off.title")}</a>
      </p>
      {!owner && <p class="alert info">{s("dash.owner_only_note")}</p>}
      <section class="panel" aria-labelledby="edit-title">
        <h2 id="edit-title">{s(o.offering_type === "service" ? "off.service" : "off.product")}</h2>
        <OfferingForm
          type={o.offering_type}
          form={data.form}
          locale={locale}
          action={`/dashboard/offerings/${o.id}`}
          mode="update"
          staff={data.staff}
          disabled={!owner}
        />
      </section>
      {o.offering_type === "product" && (
        <section class="panel" id="stock" aria-labelledby="stock-title">
          <h2 id="stock-title">
            {s("stock.title")}:{" "}
            <span data-testid="stock-now">
              {o.meta_info.stock_tracking === false
                ? s("off.untracked")
                : count(Number(o.meta_info.stock_quantity ?? 0), locale)}
            </span>
          </h2>
          <form method="post" action={`/dashboard/offerings/${o.id}`} class="filters" novalidate>
            <FormError form={data.stock} />
            <input type="hidden" name="_action" value="stock" />
            <fieldset disabled={!owner} class="plain-fieldset filters">
              <Field
                label={s("stock.delta")}
                name="delta"
                type="number"
                required
                hint={s("stock.delta_hint")}
                form={data.stock}
              />
              <Select
                label={s("stock.reason")}
                name="reason"
                form={data.stock}
                options={REASONS.map((r) => ({ value: r, label: reasonLabel(r, locale) }))}
              />
              <button type="submit" class="btn">{s("stock.apply")}</button>
            </fieldset>
          </form>
          <h3>{s("stock.ledger")}</h3>
          <Ledger movements={data.movements} timezone={data.layout.timezone} locale={locale} />
        </section>
      )}
    </DashboardShell>
  );
}
