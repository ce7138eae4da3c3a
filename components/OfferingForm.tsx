/**
 * The offering form (a service's or a product's fields) and its mapping between HTML form fields
 * and the API's JSON body. Field names are the API's paths ("meta_info.duration_minutes"), so the
 * API's validation issues land next to the right field.
 * @module
 */
import { type MessageKey, t } from "../lib/i18n/mod.ts";
import type { Offering } from "../services/offerings/schemas.ts";
import { Check, CheckGroup, Field, FormError, Select, TextArea } from "./Fields.tsx";
import type { Locale } from "./format.ts";
import { checked, type FormFields, type FormState, list, num, optText, text } from "./page.ts";

/** KDV rates a product can carry. */
export const TAX_RATES = ["0.2", "0.1", "0.01", "0"];

/** A whole-number field of `meta_info`. */
interface NumberField {
  name: string;
  label: MessageKey;
  min: number;
  max?: number;
  required?: boolean;
  hint?: MessageKey;
}

/** A service's number fields in the form's order; the body reads the same ones as numbers. */
const SERVICE_FIELDS: NumberField[] = [
  { name: "duration_minutes", label: "off.duration", min: 5, max: 1440, required: true },
  { name: "preparation_time", label: "off.preparation", min: 0, max: 240 },
  { name: "cleanup_time", label: "off.cleanup", min: 0, max: 240 },
  {
    name: "max_concurrent",
    label: "off.max_concurrent",
    min: 1,
    max: 100,
    hint: "off.max_concurrent_hint",
  },
  { name: "booking_advance_days", label: "off.advance_days", min: 1, max: 365 },
  { name: "cancellation_hours", label: "off.cancellation_hours", min: 0, max: 720 },
];

function NumberFields(
  { fields, form, locale }: { fields: NumberField[]; form: FormState; locale: Locale },
) {
  return (
    <>
      {fields.map((f) => (
        <Field
          key={f.name}
          label={t(locale, f.label)}
          name={`meta_info.${f.name}`}
          type="number"
          min={f.min}
          max={f.max}
          required={f.required}
          hint={f.hint && t(locale, f.hint)}
          form={form}
        />
      ))}
    </>
  );
}

function clean<T extends Record<string, unknown>>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The form's fields as the API's body (`mode` create: blanks are left out; update: cleared). */
export function offeringBody(
  form: FormFields,
  type: "service" | "product",
  mode: "create" | "update",
): Record<string, unknown> {
  const m = (name: string) => `meta_info.${name}`;
  let meta: Record<string, unknown>;
  if (type === "service") {
    meta = clean({
      ...Object.fromEntries(SERVICE_FIELDS.map((f) => [f.name, num(form, m(f.name))])),
      staff_required: checked(form, m("staff_required")),
      staff_ids: list(form, m("staff_ids")),
    });
  } else {
    const ingredients = (text(form, m("ingredients")) ?? "").split("\n").map((s) => s.trim())
      .filter(Boolean);
    meta = clean({
      sku: optText(form, m("sku")),
      stock_quantity: mode === "create" ? num(form, m("stock_quantity")) : undefined,
      stock_tracking: checked(form, m("stock_tracking")),
      low_stock_threshold: num(form, m("low_stock_threshold")),
      tax_rate: num(form, m("tax_rate")),
      shipping_required: checked(form, m("shipping_required")),
      shipping_cost: num(form, m("shipping_cost")),
      weight_grams: num(form, m("weight_grams")),
      brand: mode === "update" ? text(form, m("brand")) ?? "" : optText(form, m("brand")),
      usage: mode === "update" ? text(form, m("usage")) ?? "" : optText(form, m("usage")),
      ingredients: ingredients.length > 0 || mode === "update" ? ingredients : undefined,
    });
  }
  const blank = mode === "create" ? undefined : null;
  return clean({
    ...(mode === "create" ? { offering_type: type } : {}),
    name: text(form, "name") ?? "",
    description: optText(form, "description") ?? blank,
    category: optText(form, "category") ?? blank,
    price: num(form, "price") ?? "",
    is_active: checked(form, "is_active"),
    meta_info: meta,
  });
}

/** An offering as form values. */
export function offeringValues(o: Offering): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {
    offering_type: o.offering_type,
    name: o.name,
    description: o.description ?? "",
    category: o.category ?? "",
    price: String(o.price),
    is_active: o.is_active ? "on" : "",
  };
  for (const [k, v] of Object.entries(o.meta_info)) {
    const key = `meta_info.${k}`;
    if (typeof v === "boolean") values[key] = v ? "on" : "";
    else if (Array.isArray(v)) values[key] = k === "ingredients" ? v.join("\n") : v.map(String);
    else if (v !== null && v !== undefined) values[key] = String(v);
  }
  return values;
}

/** Form values of a new offering of `type`, with the API's defaults. */
export function newOfferingValues(type: "service" | "product"): Record<string, string | string[]> {
  return type === "service"
    ? {
      offering_type: "service",
      is_active: "on",
      "meta_info.duration_minutes": "30",
      "meta_info.preparation_time": "0",
      "meta_info.cleanup_time": "0",
      "meta_info.max_concurrent": "1",
      "meta_info.booking_advance_days": "30",
      "meta_info.cancellation_hours": "24",
      "meta_info.staff_required": "on",
    }
    : {
      offering_type: "product",
      is_active: "on",
      "meta_info.stock_quantity": "0",
      "meta_info.stock_tracking": "on",
      "meta_info.low_stock_threshold": "5",
      "meta_info.tax_rate": "0.2",
      "meta_info.shipping_required": "on",
      "meta_info.shipping_cost": "0",
    };
}

/** The create or edit form of an offering. */
export function OfferingForm(
  { type, form, locale, action, mode, staff, disabled }: {
    type: "service" | "product";
    form: FormState;
    locale: Locale;
    action: string;
    mode: "create" | "update";
    staff: { id: string; name: string }[];
    disabled: boolean;
  },
) {
  const s = (k: MessageKey) => t(locale, k);
  const m = (k: string) => `meta_info.${k}`;
  return (
    <form method="post" action={action} novalidate data-testid="offering-form">
      <FormError form={form} />
      <input type="hidden" name="_action" value="save" />
      <input type="hidden" name="offering_type" value={type} />
      <fieldset disabled={disabled} class="plain-fieldset">
        <legend class="sr-only">{s(type === "service" ? "off.service" : "off.product")}</legend>
        <div class="grid-form">
          <Field label={s("off.name")} name="name" required form={form} />
          <Field label={s("off.category")} name="category" form={form} />
          <Field
            label={s("off.price")}
            name="price"
            inputMode="decimal"
            required
            hint={s("off.price_hint")}
            form={form}
          />
          <Check label={s("off.active")} name="is_active" form={form} />
          <div class="wide">
            <TextArea label={s("off.description")} name="description" form={form} />
          </div>
          {type === "service"
            ? (
              <>
                <NumberFields fields={SERVICE_FIELDS} form={form} locale={locale} />
                <Check
                  label={s("off.staff_required")}
                  name={m("staff_required")}
                  hint={s("off.staff_required_hint")}
                  form={form}
                />
                <div class="wide">
                  <CheckGroup
                    legend={s("off.staff")}
                    name={m("staff_ids")}
                    form={form}
                    hint={staff.length === 0 ? s("off.no_staff") : s("off.staff_hint")}
                    options={staff.map((p) => ({ value: p.id, label: p.name }))}
                  />
                </div>
              </>
            )
            : (
              <>
                <Field label={s("off.sku")} name={m("sku")} form={form} />
                {mode === "create" && (
                  <Field
                    label={s("off.stock")}
                    name={m("stock_quantity")}
                    type="number"
                    min={0}
                    form={form}
                  />
                )}
                <Field
                  label={s("off.low_stock")}
                  name={m("low_stock_threshold")}
                  type="number"
                  min={0}
                  form={form}
                />
                <Select
                  label={s("off.tax_rate")}
                  name={m("tax_rate")}
                  form={form}
                  options={TAX_RATES.map((r) => ({
                    value: r,
                    label: `%${Math.round(Number(r) * 100)}${
                      r === "0.2" ? ` (${s("off.tax_default")})` : ""
                    }`,
                  }))}
                />
                <Check
                  label={s("off.stock_tracking")}
                  name={m("stock_tracking")}
                  form={form}
                />
                <Check
                  label={s("off.shipping_required")}
                  name={m("shipping_required")}
                  form={form}
                />
                <Field
                  label={s("off.shipping_cost")}
                  name={m("shipping_cost")}
                  inputMode="decimal"
                  form={form}
                />
                <Field
                  label={s("off.weight")}
                  name={m("weight_grams")}
                  type="number"
                  min={0}
                  form={form}
                />
                <Field label={s("off.brand")} name={m("brand")} form={form} />
                <div class="wide">
                  <TextArea label={s("off.usage")} name={m("usage")} form={form} />
                </div>
                <div class="wide">
                  <TextArea
                    label={s("off.ingredients")}
                    name={m("ingredients")}
                    hint={s("off.ingredients_hint")}
                    rows={4}
                    form={form}
                  />
                </div>
              </>
            )}
        </div>
        <div class="form-actions">
          <button type="submit" class="btn primary">{s("dash.save")}</button>
          <a class="btn ghost" href="/dashboard/offerings">{s("dash.cancel")}</a>
        </div>
      </fieldset>
    </form>
  );
}
