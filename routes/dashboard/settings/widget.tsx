import { ActionButton, Field, FormError, Select, TextArea } from "../../../components/Fields.tsx";
import { dateTime } from "../../../components/format.ts";
import { DashboardShell } from "../../../components/Layout.tsx";
import { notFound } from "../../../components/notice.ts";
import { readOwnerPost } from "../../../components/owner_post.ts";
import {
  emptyForm,
  failedForm,
  type FormState,
  inTenant,
  invalidForm,
  isId,
  type LayoutData,
  loadPage,
  redirectWith,
  text,
  validate,
} from "../../../components/page.ts";
import { SecretOnce } from "../../../components/SecretOnce.tsx";
import { SettingsTabs } from "../../../components/SettingsTabs.tsx";
import { Table } from "../../../components/Table.tsx";
import CopyButton from "../../../islands/CopyButton.tsx";
import type { Ctx } from "../../../lib/app_env.ts";
import { type MessageKey, t } from "../../../lib/i18n/mod.ts";
import { render } from "../../../lib/render.tsx";
import type { PageProps } from "../../../lib/render.tsx";
import { isOwner } from "../../../services/auth/principal.ts";
import {
  type ApiKey,
  createApiKey,
  KeyCreate,
  listApiKeys,
  revokeApiKey,
} from "../../../services/auth/keys.ts";
import { NotFoundError } from "../../../services/errors.ts";

interface Data {
  layout: LayoutData;
  keys: ApiKey[];
  form: FormState;
  created: { key: string; kind: "publishable" | "secret" } | null;
  preview: string | null;
  publicUrl: string;
}

const PK = /^pk_[0-9A-Za-z]{32}$/;

async function show(
  c: Ctx,
  extra: { form?: FormState; created?: Data["created"] } = {},
  status = 200,
): Promise<Response> {
  const { layout, page } = await loadPage(
    c,
    "settings",
    async (tx, user) => (isOwner(user) ? await listApiKeys(tx) : []),
  );
  const asked = c.req.query("preview")?.trim() ?? "";
  const created = extra.created ?? null;
  const preview = created?.kind === "publishable" ? created.key : PK.test(asked) ? asked : null;
  return render(
    c,
    {
      layout,
      keys: page,
      form: extra.form ?? emptyForm({ kind: "publishable", name: "" }),
      created,
      preview,
      publicUrl: c.get("deps").publicUrl,
    } satisfies Data,
    status,
  );
}

export const handler = {
  GET(c: Ctx) {
    return show(c);
  },
  async POST(c: Ctx) {
    const post = await readOwnerPost(c, "settings", "/dashboard/settings/widget");
    if (post instanceof Response) return post;
    const { user, locale, form } = post;
    if (text(form, "_action") === "revoke") {
      const id = text(form, "id");
      if (!isId(id)) return await notFound(c, "settings", "/dashboard/settings/widget");
      try {
        await inTenant(c, (tx) => revokeApiKey(tx, id));
      } catch (err) {
        if (err instanceof NotFoundError) {
          return await notFound(c, "settings", "/dashboard/settings/widget");
        }
        throw err;
      }
      return redirectWith(c, "/dashboard/settings/widget", "flash.revoked");
    }
    if (text(form, "_action") !== "create") return c.redirect("/dashboard/settings/widget", 303);
    const origins = (text(form, "allowed_origins") ?? "").split(/[\s,]+/).map((o) =>
      o.trim().replace(/\/$/, "")
    )
      .filter(Boolean);
    const v = validate(KeyCreate, {
      kind: text(form, "kind") ?? "",
      name: text(form, "name") ?? "",
      allowed_origins: origins,
    }, locale);
    if (!v.ok) {
      const errors: Record<string, string> = {};
      for (const [k, m] of Object.entries(v.errors)) {
        errors[k.startsWith("allowed_origins") ? "allowed_origins" : k] ??= m;
      }
      return await show(c, { form: invalidForm(form, errors, locale) }, 422);
    }
    try {
      const { key } = await inTenant(c, (tx) => createApiKey(tx, v.data, user.userId));
      c.header("Cache-Control", "no-store");
      return await show(c, { created: { key, kind: v.data.kind } }, 201);
    } catch (err) {
      return await show(c, { form: failedForm(form, err, locale) }, 422);
    }
  },
};

function snippet(publicUrl: string, key: string): string {
  return `<script src="${publicUrl}/widget.js" data-key="${key}" async></script>`;
}

export default function WidgetSettings({ data, locale, url }: PageProps<Data>) {
  const s = (k: MessageKey) => t(locale, k);
  const tz = data.layout.timezone;
  const owner = data.layout.isOwner;
  const shownKey = data.created?.kind === "publishable" ? data.created.key : data.preview ?? "pk_…";
  return (
    <DashboardShell layout={data.layout} locale={locale} url={url} title={s("settings.title")}>
      <SettingsTabs current="widget" locale={locale} />
      {!owner && <p class="alert info">{s("dash.owner_only_note")}</p>}
      {data.created && (
        <SecretOnce
          id="new-key-title"
          title={s("keys.created")}
          note={s("keys.shown_once")}
          secret={data.created.key}
          testId="new-key"
          locale={locale}
        />
      )}
      <section class="panel" aria-labelledby="embed-title">
        <h2 id="embed-title">{s("keys.embed")}</h2>
        <p class="hint">{s("keys.embed_hint")}</p>
        <pre class="snippet"><code data-testid="embed-snippet">{snippet(data.publicUrl, shownKey)}</code></pre>
        <CopyButton
          text={snippet(data.publicUrl, shownKey)}
          label={s("keys.copy")}
          done={s("keys.copied")}
        />
        <h3>{s("keys.preview")}</h3>
        {data.preview
          ? (
            <iframe
              class="preview-frame"
              src={`/demo?key=${encodeURIComponent(data.preview)}`}
              title={s("keys.preview")}
              loading="lazy"
              data-testid="widget-preview"
            />
          )
          : (
            <form method="get" action="/dashboard/settings/widget" class="filters">
              <Field label={s("keys.preview_key")} name="preview" placeholder="pk_…" />
              <button type="submit" class="btn">{s("keys.preview_open")}</button>
            </form>
          )}
      </section>
      {owner && (
        <>
          <section class="panel" aria-labelledby="keys-title">
            <h2 id="keys-title">{s("keys.title")}</h2>
            <Table
              testId="keys-table"
              columns={[
                { label: s("dash.name") },
                { label: s("keys.kind") },
                { label: s("keys.prefix") },
                { label: s("keys.origins") },
                { label: s("keys.last_used") },
                { label: s("dash.status") },
              ]}
              rows={data.keys}
              row={(k) => (
                <tr key={k.id}>
                  <td>{k.name}</td>
                  <td>{s(k.kind === "publishable" ? "keys.publishable" : "keys.secret")}</td>
                  <td>
                    <code>{k.prefix}…</code>
                  </td>
                  <td>
                    {k.allowed_origins.length > 0
                      ? k.allowed_origins.join(", ")
                      : s("keys.any_origin")}
                  </td>
                  <td>{k.last_used_at ? dateTime(k.last_used_at, tz, locale) : "—"}</td>
                  <td>
                    {k.revoked_at
                      ? <span class="pill bad">{s("keys.revoked")}</span>
                      : (
                        <ActionButton
                          action="/dashboard/settings/widget"
                          fields={{ _action: "revoke", id: k.id }}
                          label={s("keys.revoke")}
                          variant="danger"
                        />
                      )}
                  </td>
                </tr>
              )}
            />
          </section>
          <section class="panel" aria-labelledby="key-new-title">
            <h2 id="key-new-title">{s("keys.new")}</h2>
            <form
              method="post"
              action="/dashboard/settings/widget"
              novalidate
              data-testid="key-form"
            >
              <FormError form={data.form} />
              <input type="hidden" name="_action" value="create" />
              <div class="grid-form">
                <Select
                  label={s("keys.kind")}
                  name="kind"
                  form={data.form}
                  options={[
                    { value: "publishable", label: s("keys.publishable") },
                    { value: "secret", label: s("keys.secret") },
                  ]}
                />
                <Field label={s("dash.name")} name="name" required form={data.form} />
                <div class="wide">
                  <TextArea
                    label={s("keys.origins")}
                    name="allowed_origins"
                    rows={3}
                    hint={s("keys.origins_hint")}
                    form={data.form}
                  />
                </div>
              </div>
              <div class="form-actions">
                <button type="submit" class="btn primary">{s("keys.create")}</button>
              </div>
            </form>
          </section>
        </>
      )}
    </DashboardShell>
  );
}
