import { ActionButton, Field, Select } from "../../../components/Fields.tsx";
import { count, type Locale, money } from "../../../components/format.ts";
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
import InlineEdit from "../../../islands/InlineEdit.tsx";
import type { Ctx } from "../../../lib/app_env.ts";
import { type MessageKey, t } from "../../../lib/i18n/mod.ts";
import { render } from "../../../lib/render.tsx";
import type { PageProps } from "../../../lib/render.tsx";
import { listOfferings } from "../../../services/offerings/offerings.ts";
import { type Offering, OfferingListQuery } from "../../../services/offerings/schemas.ts";

interface Data {
  layout: LayoutData;
  filters: FormState;
  offerings: Offering[];
  next: string | null;
}

const FILTERS = ["type", "category", "active", "q", "cursor"] as const;

export const handler = {
  async GET(c: Ctx) {
    const locale = pageLocale(c);
    const raw: Record<string, string> = {};
    for (const k of FILTERS) {
      const v = c.req.query(k)?.trim();
      if (v) raw[k] = v;
    }
    if (!validCursor(raw.cursor)) delete raw.cursor;
    const v = validate(OfferingListQuery, raw, locale);
    const query = v.ok ? v.data : OfferingListQuery.parse({});
    const { layout, page } = await loadPage(c, "offerings", (tx) => listOfferings(tx, query));
    return render(
      c,
      {
        layout,
        filters: { values: raw, errors: v.ok ? {} : v.errors },
        offerings: page.data,
        next: page.next_cursor,
      } satisfies Data,
    );
  },
};

function detail(o: Offering, locale: Locale): string {
  const m = o.meta_info;
  if (o.offering_type === "service") {
    return `${m.duration_minutes} ${t(locale, "off.minutes")}`;
  }
  return m.stock_tracking === false
    ? t(locale, "off.untracked")
    : `${t(locale, "off.stock")}: ${count(Number(m.stock_quantity ?? 0), locale)}`;
}

export default function OfferingsPage({ data, locale, url }: PageProps<Data>) {
  const s = (k: MessageKey) => t(locale, k);
  const owner = data.layout.isOwner;
  const back = `${url.pathname}${url.search}`;
  const nextParams = new URLSearchParams(url.search);
  if (data.next) nextParams.set("cursor", data.next);
  const firstParams = new URLSearchParams(url.search);
  firstParams.delete("cursor");
  return (
    <DashboardShell
      layout={data.layout}
      locale={locale}
      url={url}
      title={s("off.title")}
      actions={owner && (
        <>
          <a class="btn primary" href="/dashboard/offerings/new?type=service">
            {s("off.new_service")}
          </a>
          <a class="btn" href="/dashboard/offerings/new?type=product">{s("off.new_product")}</a>
        </>
      )}
    >
      {!owner && <p class="alert info">{s("dash.owner_only_note")}</p>}
      <FilterForm action="/dashboard/offerings" locale={locale}>
        <Select
          label={s("off.type")}
          name="type"
          form={data.filters}
          options={[
            { value: "", label: s("dash.all") },
            { value: "service", label: s("off.services") },
            { value: "product", label: s("off.products") },
          ]}
        />
        <Field label={s("off.category")} name="category" form={data.filters} />
        <Select
          label={s("dash.status")}
          name="active"
          form={data.filters}
          options={[
            { value: "all", label: s("dash.all") },
            { value: "true", label: s("dash.active") },
            { value: "false", label: s("dash.inactive") },
          ]}
        />
        <Field label={s("off.search")} name="q" type="search" form={data.filters} />
      </FilterForm>
      <Table
        testId="offerings-table"
        caption={s("off.title")}
        columns={[
          { label: s("off.name") },
          { label: s("off.type") },
          { label: s("off.category") },
          { label: s("off.price"), num: true },
          { label: s("off.details") },
          { label: s("dash.status") },
          { label: s("dash.actions") },
        ]}
        empty={s("dash.none")}
        rows={data.offerings}
        row={(o) => (
          <tr key={o.id}>
            <td>
              <a href={`/dashboard/offerings/${o.id}`}>{o.name}</a>
            </td>
            <td>{s(o.offering_type === "service" ? "off.service" : "off.product")}</td>
            <td>{o.category ?? ""}</td>
            <td class="num">
              {owner
                ? (
                  <InlineEdit
                    endpoint={`/api/offerings/${o.id}`}
                    field="price"
                    value={String(o.price)}
                    display={money(o.price, locale)}
                    label={`${s("off.price")}: ${o.name}`}
                    kind="money"
                    locale={locale}
                  />
                )
                : money(o.price, locale)}
            </td>
            <td>{detail(o, locale)}</td>
            <td>
              <span class={`pill ${o.is_active ? "ok" : ""}`}>
                {s(o.is_active ? "dash.active" : "dash.inactive")}
              </span>
            </td>
            <td>
              <a class="btn small" href={`/dashboard/offerings/${o.id}`}>{s("dash.edit")}</a>{" "}
              {owner && (
                <ActionButton
                  action={`/dashboard/offerings/${o.id}`}
                  fields={{ _action: "toggle", back }}
                  label={s(o.is_active ? "dash.deactivate" : "dash.activate")}
                  variant="ghost"
                />
              )}
            </td>
          </tr>
        )}
      />
      <Pager
        first={url.searchParams.has("cursor") ? `/dashboard/offerings?${firstParams}` : null}
        next={data.next ? `/dashboard/offerings?${nextParams}` : null}
        locale={locale}
      />
    </DashboardShell>
  );
}
