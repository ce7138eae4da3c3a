import { AuthShell } from "../components/Layout.tsx";
import { AuthForm } from "../components/AuthForm.tsx";
import { Field } from "../components/Fields.tsx";
import { password, readAuthPost } from "../components/auth.ts";
import {
  emptyForm,
  failedForm,
  type FormState,
  keep,
  optText,
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
    const post = await readAuthPost(c);
    if (post instanceof Response) return post;
    const { locale, form } = post;
    const v = validate(AcceptInvitationInput, {
      token: text(form, "token") ?? "",
      password: password(form),
      name: optText(form, "name"),
    }, locale);
    if (!v.ok) {
      return render(c, { form: { values: keep(form), errors: v.errors }, missing: false }, 422);
    }
    try {
      const session = await acceptInvitation(c.get("deps").db, v.data, c.get("deps").signer);
      setSessionCookies(c, session);
    } catch (err) {
      return render(c, { form: failedForm(form, err, locale), missing: false }, 409);
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
          <AuthForm
            action="/join"
            form={data.form}
            submit={s("auth.join.submit")}
            intro={s("auth.join.intro")}
          >
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
          </AuthForm>
        )}
    </AuthShell>
  );
}
