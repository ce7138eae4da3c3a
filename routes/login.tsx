import { AuthShell } from "../components/Layout.tsx";
import { AuthForm } from "../components/AuthForm.tsx";
import { Field } from "../components/Fields.tsx";
import { loginAllowed, password, readAuthPost } from "../components/auth.ts";
import {
  emptyForm,
  failedForm,
  type FormState,
  keep,
  rememberLocale,
  safeNext,
  text,
  validate,
} from "../components/page.ts";
import type { Ctx } from "../lib/app_env.ts";
import { t } from "../lib/i18n/mod.ts";
import { render } from "../lib/render.tsx";
import type { PageProps } from "../lib/render.tsx";
import { pageSession, setSessionCookies } from "../lib/session.ts";
import { login, LoginInput } from "../services/auth/accounts.ts";

interface Data {
  form: FormState;
}

export const handler = {
  async GET(c: Ctx) {
    rememberLocale(c);
    const next = safeNext(c.req.query("next"));
    if (await pageSession(c)) return c.redirect(next, 303);
    return render(c, { form: emptyForm({ next }) } satisfies Data);
  },
  async POST(c: Ctx) {
    const post = await readAuthPost(c);
    if (post instanceof Response) return post;
    const { locale, form } = post;
    const v = validate(
      LoginInput,
      { email: text(form, "email") ?? "", password: password(form) },
      locale,
    );
    if (!v.ok) return render(c, { form: { values: keep(form), errors: v.errors } }, 422);
    if (!(await loginAllowed(c, v.data.email))) {
      return render(c, {
        form: { values: keep(form), errors: {}, error: t(locale, "err.code.rate_limited") },
      }, 429);
    }
    const { db, signer } = c.get("deps");
    try {
      const session = await login(db, v.data, signer);
      setSessionCookies(c, session);
    } catch (err) {
      return render(c, { form: failedForm(form, err, locale) }, 401);
    }
    return c.redirect(safeNext(text(form, "next")), 303);
  },
};

export default function Login({ data, locale, url }: PageProps<Data>) {
  const s = (k: Parameters<typeof t>[1]) => t(locale, k);
  const next = data.form.values.next;
  return (
    <AuthShell locale={locale} url={url} title={s("auth.login.title")}>
      <AuthForm action="/login" form={data.form} submit={s("auth.login.submit")}>
        <input type="hidden" name="next" value={typeof next === "string" ? next : "/dashboard"} />
        <Field
          label={s("auth.email")}
          name="email"
          type="email"
          autocomplete="username"
          required
          form={data.form}
        />
        <Field
          label={s("auth.password")}
          name="password"
          type="password"
          autocomplete="current-password"
          required
          form={data.form}
        />
      </AuthForm>
      <p class="muted">
        {s("auth.login.no_account")} <a href="/signup">{s("auth.signup.link")}</a>
      </p>
    </AuthShell>
  );
}
