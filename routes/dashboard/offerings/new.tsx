import {
  newOfferingValues,
  offeringBody,
  OfferingForm,
} from "../../../components/OfferingForm.tsx";
import { DashboardShell } from "../../../components/Layout.tsx";
import { readOwnerPost } from "../../../components/owner_post.ts";
import {
  failedForm,
  type FormState,
  inTenant,
  invalidForm,
  type LayoutData,
  loadPage,
  redirectWith,
  validate,
} from "../../../components/page.ts";
import type { Ctx } from "../../../lib/app_env.ts";
import { type MessageKey, t } from "../../../lib/i18n/mod.ts";
import { render } from "../../../lib/render.tsx";
import type { PageProps } from "../../../lib/render.tsx";
import { createOffering } from "../../../services/offerings/offerings.ts";
import { OfferingCreate } from "../../../services/offerings/schemas.ts";
import { staffOptions } from "../../../services/staff/staff.ts";

interface Data {
  layout: LayoutData;
  type: "service" | "product";
  form: FormState;
  staff: { id: string; name: string }[];
}

function typeOf(value: unknown): "service" | "product" {
  return value === "product" ? "product" : "service";
}

async function show(c: Ctx, type: Data["type"], form: FormState, status = 200) {
  const { layout, page } = await loadPage(c, "offerings", (tx) => staffOptions(tx));
  return render(c, { layout, type, form, staff: page } satisfies Data, status);
}

export const handler = {
  GET(c: Ctx) {
    const type = typeOf(c.req.query("type"));
    return show(c, type, { values: newOfferingValues(type), errors: {} });
  },
  async POST(c: Ctx) {
    const post = await readOwnerPost(c, "offerings", "/dashboard/offerings");
    if (post instanceof Response) return post;
    const { user, locale, form } = post;
    const type = typeOf(form.offering_type);
    const v = validate(OfferingCreate, offeringBody(form, type, "create"), locale);
    if (!v.ok) return await show(c, type, invalidForm(form, v.errors, locale), 422);
    let id: string;
    try {
      id = (await inTenant(c, (tx) => createOffering(tx, v.data, user.userId))).id;
    } catch (err) {
      return await show(c, type, failedForm(form, err, locale), 422);
    }
    return redirectWith(c, `/dashboard/offerings/${id}`, "flash.created");
  },
};

export default function NewOffering({ data, locale, url }: PageProps<Data>) {
  const s = (k: MessageKey) => t(locale, k);
  return (
    <DashboardShell
      layout={data.layout}
      locale={locale}
      url={url}
      title={s(data.type === "service" ? "off.new_service" : "off.new_product")}
    >
      <nav class="tabs" aria-label={s("off.type")}>
        <a
          href="/dashboard/offerings/new?type=service"
          aria-current={data.type === "service" ? "page" : undefined}
        >
          {s("off.service")}
        </a>
        <a
          href="/dashboard/offerings/new?type=product"
          aria-current={data.type === "product" ? "page" : undefined}
        >
          {s("off.product")}
        </a>
      </nav>
      {!data.layout.isOwner && <p class="alert info">{s("dash.owner_only_note")}</p>}
      <section class="panel">
        <OfferingForm
          type={data.type}
          form={data.form}
          locale={locale}
          action="/dashboard/offerings/new"
          mode="create"
          staff={data.staff}
          disabled={!data.layout.isOwner}
        />
      </section>
    </DashboardShell>
  );
}
