import { AuthShell } from "../components/Layout.tsx";
import { AuthForm } from "../components/AuthForm.tsx";
import { Field } from "../components/Fields.tsx";
import { password, readAuthPost } from "../components/auth.ts";
import {
  emptyForm,
  formErrorOf,
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
import { pageSession, setSessionCookies } from "../lib/session.ts";
import { signup, SignupInput } from "../services/auth/accounts.ts";

interface Data {
  form: FormState;
}

export const handler = {
  async GET(c: Ctx) {
    rememberLocale(c);
    if (await pageSession(c)) return c.redirect("/dashboard", 303);
    return render(c, { form: emptyForm() } satisfies Data);
  },
  async POST(c: Ctx) {
    const post = await readAuthPost(c);
    if (post instanceof Response) return post;
    const { locale, form } = post;
    const v = validate(SignupInput, {
      business_name: text(form, "business_name") ?? "",
      name: optText(form, "name"),
      email: text(form, "email") ?? "",
      password: password(form),
      industry: optText(form, "industry"),
      website_url: optText(form, "website_url"),
      locale,
    }, locale);
    if (!v.ok) return render(c, { form: { values: keep(form), errors: v.errors } }, 422);
    const { db, signer } = c.get("deps");
    let key: string;
    try {
      const session = await signup(db, v.data, signer);
      setSessionCookies(c, session);
      key = session.publishable_key;
    } catch (err) {
      const { errors, error } = formErrorOf(err, locale);
      const fields = error === t(locale, "err.code.email_taken")
        ? { ...errors, email: error }
        : errors;
      return render(c, { form: { values: keep(form), errors: fields, error } }, 409);
    }
    return redirectWith(c, "/dashboard", "flash.welcome", key);
  },
};

export default function Signup({ data, locale, url }: PageProps<Data>) {
  const s = (k: MessageKey) => t(locale, k);
  return (
    <AuthShell locale={locale} url={url} title={s("auth.signup.title")}>
      <p class="muted">{s("auth.signup.intro")}</p>
      <AuthForm action="/signup" form={data.form} submit={s("auth.signup.submit")}>
        <Field
          label={s("auth.business_name")}
          name="business_name"
          required
          autocomplete="organization"
          form={data.form}
        />
        <Field label={s("auth.name")} name="name" autocomplete="name" form={data.form} />
        <Field
          label={s("auth.email")}
          name="email"
          type="email"
          autocomplete="email"
          required
          form={data.form}
        />
        <Field
          label={s("auth.password")}
          name="password"
          type="password"
          autocomplete="new-password"
          required
          minLength={8}
          hint={s("auth.password_hint")}
          form={data.form}
        />
        <Field
          label={s("auth.industry")}
          name="industry"
          hint={s("auth.industry_hint")}
          form={data.form}
        />
        <Field
          label={s("auth.website")}
          name="website_url"
          type="url"
          placeholder="https://"
          errorName="website_url"
          form={data.form}
        />
      </AuthForm>
      <p class="muted">
        {s("auth.signup.have_account")} <a href="/login">{s("auth.login.link")}</a>
      </p>
    </AuthShell>
  );
}
