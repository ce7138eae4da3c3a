import { AuthShell } from "../components/Layout.tsx";
import { Field, FormError } from "../components/Fields.tsx";
import { refuseForeign } from "../components/auth.ts";
import {
  emptyForm,
  formErrorOf,
  type FormState,
  keep,
  optText,
  pageLocale,
  readForm,
  redirectWith,
  rememberLocale,
  text,
  validate,
} from "../components/page.ts";
import type { Ctx } from "../lib/app_env.ts";
import { type MessageKey, t } from "../lib/i18n/mod.ts";
import { render } from "../lib/render.tsx";
import type { PageProps } from "../lib/render.tsx";
import { setSessionCookies } from "../lib/session.ts";
import { acceptInvitation, AcceptInvitationInput } from "../services/auth/accounts.ts";

interface Data {
  form: FormState;
  missing: boolean;
}

export const handler = {
  GET(c: Ctx) {
    rememberLocale(c);
    const token = c.req.query("token")?.trim() ?? "";
    return render(c, { form: emptyForm({ token }), missing: token === "" } satisfies Data);
  },
  async POST(c: Ctx) {
    const foreign = refuseForeign(c);
    if (foreign) return foreign;
    const locale = pageLocale(c);
    const form = await readForm(c);
    const v = validate(AcceptInvitationInput, {
      token: text(form, "token") ?? "",
      password: typeof form.password === "string" ? form.password : "",
      name: optText(form, "name"),
    }, locale);
    if (!v.ok) {
      return render(c, { form: { values: keep(form), errors: v.errors }, missing: false }, 422);
    }
    try {
      const session = await acceptInvitation(c.get("deps").db, v.data, c.get("deps").signer);
      setSessionCookies(c, session);
    } catch (err) {
      const { errors, error } = formErrorOf(err, locale);
      return render(c, { form: { values: keep(form), errors, error }, missing: false }, 409);
    }
    return redirectWith(c, "/dashboard", "flash.joined");
  },
};

export default function Join({ data, locale, url }: PageProps<Data>) {
  const s = (k: MessageKey) => t(locale, k);
  const token = data.form.values.token;
  return (
    <AuthShell locale={locale} url={url} title={s("auth.join.title")}>
      {data.missing
        ? <div class="alert error" role="alert">{s("auth.join.missing")}</div>
        : (
          <form method="post" action="/join" class="stack" novalidate>
            <p class="muted">{s("auth.join.intro")}</p>
            <FormError form={data.form} />
            <input type="hidden" name="token" value={typeof token === "string" ? token : ""} />
            {data.form.errors.token && (
              <p class="field-error" role="alert">{data.form.errors.token}</p>
            )}
            <Field label={s("auth.name")} name="name" autocomplete="name" form={data.form} />
            <Field
              label={s("auth.password")}
              name="password"
              type="password"
              autocomplete="new-password"
              required
              hint={s("auth.join.password_hint")}
              form={data.form}
            />
            <button type="submit" class="btn primary">{s("auth.join.submit")}</button>
          </form>
        )}
    </AuthShell>
  );
}
