import { DashboardShell } from "../../../components/Layout.tsx";
import { readOwnerPost } from "../../../components/owner_post.ts";
import {
  formErrorOf,
  type FormState,
  inTenant,
  keep,
  type LayoutData,
  loadPage,
  redirectWith,
  validate,
} from "../../../components/page.ts";
import { staffBody, staffErrors, StaffForm } from "../../../components/StaffForm.tsx";
import type { Ctx } from "../../../lib/app_env.ts";
import { type MessageKey, t } from "../../../lib/i18n/mod.ts";
import { render } from "../../../lib/render.tsx";
import type { PageProps } from "../../../lib/render.tsx";
import { serviceOptions } from "../../../services/offerings/offerings.ts";
import { createStaff, StaffCreate } from "../../../services/staff/staff.ts";

interface Data {
  layout: LayoutData;
  form: FormState;
  services: { id: string; name: string }[];
}

async function show(c: Ctx, form: FormState, status = 200) {
  const { layout, page } = await loadPage(c, "staff", (tx) => serviceOptions(tx));
  return render(c, { layout, form, services: page } satisfies Data, status);
}

export const handler = {
  GET(c: Ctx) {
    return show(c, { values: { is_active: "on" }, errors: {} });
  },
  async POST(c: Ctx) {
    const post = await readOwnerPost(c, "staff", "/dashboard/staff");
    if (post instanceof Response) return post;
    const { locale, form } = post;
    const { body, fieldOf } = staffBody(form, "create");
    const v = validate(StaffCreate, body, locale);
    if (!v.ok) {
      return await show(c, {
        values: keep(form),
        errors: staffErrors(v.errors, fieldOf),
        error: t(locale, "err.form"),
      }, 422);
    }
    let id: string;
    try {
      id = (await inTenant(c, (tx) => createStaff(tx, v.data))).id;
    } catch (err) {
      const { errors, error } = formErrorOf(err, locale);
      return await show(
        c,
        { values: keep(form), errors: staffErrors(errors, fieldOf), error },
        422,
      );
    }
    return redirectWith(c, `/dashboard/staff/${id}`, "flash.created");
  },
};

export default function NewStaff({ data, locale, url }: PageProps<Data>) {
  const s = (k: MessageKey) => t(locale, k);
  return (
    <DashboardShell layout={data.layout} locale={locale} url={url} title={s("staff.new")}>
      {!data.layout.isOwner && <p class="alert info">{s("dash.owner_only_note")}</p>}
      <section class="panel">
        <StaffForm
          form={data.form}
          locale={locale}
          action="/dashboard/staff/new"
          services={data.services}
          disabled={!data.layout.isOwner}
        />
      </section>
    </DashboardShell>
  );
}
