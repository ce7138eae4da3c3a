import type { ComponentChildren } from "preact";
import { Fact } from "../../../components/Fact.tsx";
import { Check, Field, FormError, Select, TextArea } from "../../../components/Fields.tsx";
import { DashboardShell } from "../../../components/Layout.tsx";
import { readOwnerPost } from "../../../components/owner_post.ts";
import {
  checked,
  emptyForm,
  failedForm,
  type FormFields,
  type FormState,
  inTenant,
  invalidForm,
  type LayoutData,
  loadPage,
  num,
  optText,
  redirectWith,
  text,
  validate,
} from "../../../components/page.ts";
import { SettingsTabs } from "../../../components/SettingsTabs.tsx";
import type { Ctx } from "../../../lib/app_env.ts";
import { type MessageKey, t, textOr } from "../../../lib/i18n/mod.ts";
import { render } from "../../../lib/render.tsx";
import type { PageProps } from "../../../lib/render.tsx";
import {
  getTenant,
  type Tenant,
  TenantUpdate,
  updateTenant,
} from "../../../services/tenants/tenants.ts";

const SECTIONS = ["profile", "assistant", "booking", "shipping", "payments"] as const;
type SectionName = (typeof SECTIONS)[number];
/** The time zones the profile offers, as this runtime knows them. */
const TIME_ZONES: readonly string[] = Intl.supportedValuesOf("timeZone");

interface Data {
  layout: LayoutData;
  forms: Record<SectionName, FormState>;
  /** The providers by name; "manual", "outbox" and "offline" are the built-in ones. */
  providers: { payments: string; sms: string; model: string };
  timezones: readonly string[];
}

function valuesOf(tenant: Tenant): Record<SectionName, Record<string, string>> {
  const st = tenant.settings;
  const a = tenant.address;
  const b = (v: boolean) => (v ? "on" : "");
  return {
    profile: {
      business_name: tenant.business_name,
      industry: tenant.industry ?? "",
      phone: tenant.phone ?? "",
      email: tenant.email ?? "",
      website_url: tenant.website_url ?? "",
      timezone: tenant.timezone,
      locale: tenant.locale,
      "address.street": a?.street ?? "",
      "address.district": a?.district ?? "",
      "address.city": a?.city ?? "",
      "address.postal_code": a?.postal_code ?? "",
      kvkk_url: st.kvkk_url ?? "",
    },
    assistant: {
      "assistant.name": st.assistant.name,
      "assistant.persona": st.assistant.persona,
      "assistant.policies": st.assistant.policies,
      "assistant.greeting_tr": st.assistant.greeting_tr,
      "assistant.greeting_en": st.assistant.greeting_en,
    },
    booking: {
      "booking.min_notice_minutes": String(st.booking.min_notice_minutes),
      "booking.hold_minutes": String(st.booking.hold_minutes),
      "booking.auto_confirm": b(st.booking.auto_confirm),
    },
    shipping: {
      "shipping.flat_cost": String(st.shipping.flat_cost),
      "shipping.free_threshold": st.shipping.free_threshold === null
        ? ""
        : String(st.shipping.free_threshold),
    },
    payments: {
      "payments.manual_instructions": st.payments.manual_instructions,
      "payments.iban": st.payments.iban,
      "payments.accept_cash": b(st.payments.accept_cash),
    },
  };
}

/** The section's fields as the body of `PUT /api/tenants/me`. */
function bodyOf(section: SectionName, form: FormFields): Record<string, unknown> {
  switch (section) {
    case "profile": {
      const street = optText(form, "address.street");
      const district = optText(form, "address.district");
      const city = optText(form, "address.city");
      const postal = optText(form, "address.postal_code");
      const any = street || district || city || postal;
      return {
        business_name: text(form, "business_name") ?? "",
        industry: optText(form, "industry") ?? null,
        phone: optText(form, "phone") ?? null,
        email: optText(form, "email") ?? null,
        website_url: optText(form, "website_url") ?? null,
        timezone: text(form, "timezone") ?? "",
        locale: text(form, "locale") ?? "",
        address: any
          ? { street: street ?? "", district, city: city ?? "", postal_code: postal, country: "TR" }
          : null,
        kvkk_url: optText(form, "kvkk_url") ?? null,
      };
    }
    case "assistant":
      return {
        assistant: {
          name: text(form, "assistant.name") ?? "",
          persona: text(form, "assistant.persona") ?? "",
          policies: text(form, "assistant.policies") ?? "",
          greeting_tr: text(form, "assistant.greeting_tr") ?? "",
          greeting_en: text(form, "assistant.greeting_en") ?? "",
        },
      };
    case "booking":
      return {
        booking: {
          min_notice_minutes: num(form, "booking.min_notice_minutes") ?? "",
          hold_minutes: num(form, "booking.hold_minutes") ?? "",
          auto_confirm: checked(form, "booking.auto_confirm"),
        },
      };
    case "shipping":
      return {
        shipping: {
          flat_cost: num(form, "shipping.flat_cost") ?? 0,
          free_threshold: num(form, "shipping.free_threshold") ?? null,
        },
      };
    case "payments":
      return {
        payments: {
          manual_instructions: text(form, "payments.manual_instructions") ?? "",
          iban: text(form, "payments.iban") ?? "",
          accept_cash: checked(form, "payments.accept_cash"),
        },
      };
  }
}

async function show(c: Ctx, override: Partial<Record<SectionName, FormState>> = {}, status = 200) {
  const { layout, page } = await loadPage(c, "settings", getTenant);
  const values = valuesOf(page);
  const forms = Object.fromEntries(
    SECTIONS.map((s) => [s, override[s] ?? emptyForm(values[s])]),
  ) as Record<SectionName, FormState>;
  const { config, providers } = c.get("deps");
  return render(
    c,
    {
      layout,
      forms,
      providers: {
        payments: providers.payments.name,
        sms: providers.sms.name,
        model: config.gemini.apiKey ? `Gemini (${config.gemini.model})` : "offline",
      },
      timezones: TIME_ZONES,
    } satisfies Data,
    status,
  );
}

export const handler = {
  GET(c: Ctx) {
    return show(c);
  },
  async POST(c: Ctx) {
    const post = await readOwnerPost(c, "settings", "/dashboard/settings");
    if (post instanceof Response) return post;
    const { locale, form } = post;
    const asked = text(form, "_action") ?? "";
    if (!(SECTIONS as readonly string[]).includes(asked)) {
      return c.redirect("/dashboard/settings", 303);
    }
    const section = asked as SectionName;
    const v = validate(TenantUpdate, bodyOf(section, form), locale);
    if (!v.ok) return await show(c, { [section]: invalidForm(form, v.errors, locale) }, 422);
    try {
      await inTenant(c, (tx) => updateTenant(tx, v.data));
    } catch (err) {
      return await show(c, { [section]: failedForm(form, err, locale) }, 422);
    }
    return redirectWith(c, `/dashboard/settings#${section}`, "flash.saved");
  },
};

function Section(
  { id, title, form, locale, disabled, children, intro }: {
    id: SectionName;
    title: string;
    form: FormState;
    locale: "tr" | "en";
    disabled: boolean;
    children: ComponentChildren;
    intro?: string;
  },
) {
  return (
    <section class="panel" id={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {intro && <p class="hint">{intro}</p>}
      <form method="post" action="/dashboard/settings" novalidate data-testid={`settings-${id}`}>
        <FormError form={form} />
        <input type="hidden" name="_action" value={id} />
        <fieldset disabled={disabled} class="plain-fieldset">
          <div class="grid-form">{children}</div>
          <div class="form-actions">
            <button type="submit" class="btn primary">{t(locale, "dash.save")}</button>
          </div>
        </fieldset>
      </form>
    </section>
  );
}

function ProviderFact(
  { label, name, connected, testId, locale }: {
    label: string;
    name: string;
    connected: boolean;
    testId: string;
    locale: "tr" | "en";
  },
) {
  return (
    <Fact label={label} testId={testId}>
      {textOr(locale, `provider.${name}`, name)}{" "}
      <span class={`pill ${connected ? "ok" : "warn"}`}>
        {t(locale, connected ? "settings.connected" : "settings.offline")}
      </span>
    </Fact>
  );
}

export default function SettingsPage({ data, locale, url }: PageProps<Data>) {
  const s = (k: MessageKey) => t(locale, k);
  const f = data.forms;
  const off = !data.layout.isOwner;
  return (
    <DashboardShell layout={data.layout} locale={locale} url={url} title={s("settings.title")}>
      <SettingsTabs current="business" locale={locale} />
      {off && <p class="alert info">{s("dash.owner_only_note")}</p>}
      <Section
        id="profile"
        title={s("settings.profile")}
        form={f.profile}
        locale={locale}
        disabled={off}
      >
        <Field label={s("auth.business_name")} name="business_name" required form={f.profile} />
        <Field label={s("auth.industry")} name="industry" form={f.profile} />
        <Field
          label={s("staff.phone")}
          name="phone"
          type="tel"
          hint={s("settings.phone_hint")}
          form={f.profile}
        />
        <Field label={s("auth.email")} name="email" type="email" form={f.profile} />
        <Field
          label={s("auth.website")}
          name="website_url"
          type="url"
          placeholder="https://"
          form={f.profile}
        />
        <Select
          label={s("hours.timezone")}
          name="timezone"
          form={f.profile}
          options={data.timezones.map((z) => ({ value: z, label: z }))}
        />
        <Select
          label={s("settings.locale")}
          name="locale"
          form={f.profile}
          options={[{ value: "tr", label: "Türkçe" }, { value: "en", label: "English" }]}
        />
        <Field label={s("settings.street")} name="address.street" form={f.profile} />
        <Field label={s("settings.district")} name="address.district" form={f.profile} />
        <Field label={s("settings.city")} name="address.city" form={f.profile} />
        <Field label={s("settings.postal_code")} name="address.postal_code" form={f.profile} />
        <div class="wide">
          <Field
            label={s("settings.kvkk_url")}
            name="kvkk_url"
            type="url"
            placeholder="https://"
            hint={s("settings.kvkk_hint")}
            form={f.profile}
          />
        </div>
      </Section>
      <Section
        id="assistant"
        title={s("settings.assistant")}
        intro={s("settings.assistant_intro")}
        form={f.assistant}
        locale={locale}
        disabled={off}
      >
        <Field
          label={s("settings.assistant_name")}
          name="assistant.name"
          required
          form={f.assistant}
        />
        <div class="wide">
          <TextArea
            label={s("settings.persona")}
            name="assistant.persona"
            rows={3}
            form={f.assistant}
          />
        </div>
        <div class="wide">
          <TextArea
            label={s("settings.policies")}
            name="assistant.policies"
            rows={5}
            hint={s("settings.policies_hint")}
            form={f.assistant}
          />
        </div>
        <div class="wide">
          <TextArea
            label={s("settings.greeting_tr")}
            name="assistant.greeting_tr"
            rows={2}
            form={f.assistant}
          />
        </div>
        <div class="wide">
          <TextArea
            label={s("settings.greeting_en")}
            name="assistant.greeting_en"
            rows={2}
            form={f.assistant}
          />
        </div>
      </Section>
      <Section
        id="booking"
        title={s("settings.booking")}
        form={f.booking}
        locale={locale}
        disabled={off}
      >
        <Field
          label={s("settings.min_notice")}
          name="booking.min_notice_minutes"
          type="number"
          min={0}
          form={f.booking}
        />
        <Field
          label={s("settings.hold")}
          name="booking.hold_minutes"
          type="number"
          min={1}
          max={30}
          form={f.booking}
        />
        <Check
          label={s("settings.auto_confirm")}
          name="booking.auto_confirm"
          hint={s("settings.auto_confirm_hint")}
          form={f.booking}
        />
      </Section>
      <Section
        id="shipping"
        title={s("settings.shipping")}
        form={f.shipping}
        locale={locale}
        disabled={off}
      >
        <Field
          label={s("settings.flat_cost")}
          name="shipping.flat_cost"
          inputMode="decimal"
          form={f.shipping}
        />
        <Field
          label={s("settings.free_threshold")}
          name="shipping.free_threshold"
          inputMode="decimal"
          hint={s("settings.free_threshold_hint")}
          form={f.shipping}
        />
      </Section>
      <Section
        id="payments"
        title={s("settings.payments")}
        form={f.payments}
        locale={locale}
        disabled={off}
      >
        <Field
          label={s("settings.iban")}
          name="payments.iban"
          placeholder="TR.."
          form={f.payments}
        />
        <Check label={s("settings.accept_cash")} name="payments.accept_cash" form={f.payments} />
        <div class="wide">
          <TextArea
            label={s("settings.manual_instructions")}
            name="payments.manual_instructions"
            rows={3}
            form={f.payments}
          />
        </div>
      </Section>
      <section class="panel" id="providers" aria-labelledby="providers-title">
        <h2 id="providers-title">{s("settings.providers")}</h2>
        <dl class="facts">
          <ProviderFact
            label={s("settings.payment_provider")}
            name={data.providers.payments}
            connected={data.providers.payments !== "manual"}
            testId="payment-provider"
            locale={locale}
          />
          <ProviderFact
            label={s("settings.sms_provider")}
            name={data.providers.sms}
            connected={data.providers.sms !== "outbox"}
            testId="sms-provider"
            locale={locale}
          />
          <Fact label={s("settings.model")}>
            {data.providers.model === "offline"
              ? s("settings.offline_model")
              : data.providers.model}
          </Fact>
        </dl>
        <p class="hint">{s("settings.providers_hint")}</p>
      </section>
    </DashboardShell>
  );
}
