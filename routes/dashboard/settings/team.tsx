import { ActionButton, Field, FormError, Select } from "../../../components/Fields.tsx";
import { dateTime } from "../../../components/format.ts";
import { DashboardShell } from "../../../components/Layout.tsx";
import { notFound } from "../../../components/notice.ts";
import { readOwnerPost } from "../../../components/owner_post.ts";
import {
  currentUser,
  emptyForm,
  formErrorOf,
  type FormFields,
  type FormState,
  inTenant,
  invalidForm,
  isId,
  keep,
  type LayoutData,
  loadPage,
  pageLocale,
  redirectWith,
  text,
  validate,
} from "../../../components/page.ts";
import { SecretOnce } from "../../../components/SecretOnce.tsx";
import { SettingsTabs } from "../../../components/SettingsTabs.tsx";
import { Table } from "../../../components/Table.tsx";
import type { Ctx } from "../../../lib/app_env.ts";
import { type MessageKey, t } from "../../../lib/i18n/mod.ts";
import { render } from "../../../lib/render.tsx";
import type { PageProps } from "../../../lib/render.tsx";
import {
  createInvitation,
  deleteInvitation,
  type Invitation,
  InvitationInput,
  listTeam,
  removeMember,
  setMemberRole,
  type User,
} from "../../../services/auth/accounts.ts";
import { NotFoundError } from "../../../services/errors.ts";

interface Data {
  layout: LayoutData;
  me: string;
  members: User[];
  invitations: Invitation[];
  invite: FormState;
  member: FormState;
  link: string | null;
}

async function show(
  c: Ctx,
  extra: { invite?: FormState; member?: FormState; link?: string } = {},
  status = 200,
): Promise<Response> {
  const { layout, page } = await loadPage(c, "settings", listTeam);
  return render(
    c,
    {
      layout,
      me: currentUser(c).userId,
      ...page,
      invite: extra.invite ?? emptyForm({ role: "staff" }),
      member: extra.member ?? emptyForm(),
      link: extra.link ?? null,
    } satisfies Data,
    status,
  );
}

async function invite(c: Ctx, form: FormFields): Promise<Response> {
  const user = currentUser(c);
  const locale = pageLocale(c);
  const v = validate(InvitationInput, {
    email: text(form, "email") ?? "",
    role: text(form, "role") ?? "",
  }, locale);
  if (!v.ok) return await show(c, { invite: invalidForm(form, v.errors, locale) }, 422);
  try {
    const { token } = await inTenant(c, (tx) => createInvitation(tx, v.data, user.userId));
    c.header("Cache-Control", "no-store");
    return await show(c, {
      link: `${c.get("deps").publicUrl}/join?token=${encodeURIComponent(token)}`,
    }, 201);
  } catch (err) {
    const { errors, error } = formErrorOf(err, locale);
    return await show(c, {
      invite: { values: keep(form), errors: { email: error ?? "", ...errors }, error },
    }, 409);
  }
}

async function member(c: Ctx, form: FormFields, action: string): Promise<Response> {
  const locale = pageLocale(c);
  const id = text(form, "id");
  if (!isId(id)) return await notFound(c, "settings", "/dashboard/settings/team");
  try {
    if (action === "role") {
      const role = text(form, "role");
      if (role !== "owner" && role !== "staff") {
        return await show(
          c,
          { member: { values: {}, errors: {}, error: t(locale, "err.option") } },
          422,
        );
      }
      await inTenant(c, (tx) => setMemberRole(tx, id, role));
      return redirectWith(c, "/dashboard/settings/team", "flash.role");
    }
    if (action === "withdraw") {
      await inTenant(c, (tx) => deleteInvitation(tx, id));
    } else {
      await inTenant(c, (tx) => removeMember(tx, id));
    }
    return redirectWith(c, "/dashboard/settings/team", "flash.removed");
  } catch (err) {
    if (err instanceof NotFoundError) {
      return await notFound(c, "settings", "/dashboard/settings/team");
    }
    const { error } = formErrorOf(err, locale);
    return await show(c, { member: { values: {}, errors: {}, error } }, 409);
  }
}

export const handler = {
  GET(c: Ctx) {
    return show(c);
  },
  async POST(c: Ctx) {
    const post = await readOwnerPost(c, "settings", "/dashboard/settings/team");
    if (post instanceof Response) return post;
    const { form } = post;
    const action = text(form, "_action") ?? "";
    if (action === "invite") return await invite(c, form);
    if (["role", "remove", "withdraw"].includes(action)) return await member(c, form, action);
    return c.redirect("/dashboard/settings/team", 303);
  },
};

export default function TeamPage({ data, locale, url }: PageProps<Data>) {
  const s = (k: MessageKey) => t(locale, k);
  const tz = data.layout.timezone;
  const owner = data.layout.isOwner;
  return (
    <DashboardShell layout={data.layout} locale={locale} url={url} title={s("settings.title")}>
      <SettingsTabs current="team" locale={locale} />
      {!owner && <p class="alert info">{s("dash.owner_only_note")}</p>}
      {data.link && (
        <SecretOnce
          id="link-title"
          title={s("team.link_title")}
          note={s("team.link_once")}
          secret={data.link}
          testId="invite-link"
          locale={locale}
        />
      )}
      <section class="panel" aria-labelledby="members-title">
        <h2 id="members-title">{s("team.members")}</h2>
        <FormError form={data.member} />
        <Table
          testId="team-table"
          columns={[
            { label: s("dash.name") },
            { label: s("auth.email") },
            { label: s("team.role") },
            { label: s("team.last_login") },
            ...(owner ? [{ label: s("dash.actions") }] : []),
          ]}
          rows={data.members}
          row={(m) => (
            <tr key={m.id}>
              <td>
                {m.name ?? "—"}
                {m.id === data.me && <span class="muted">({s("team.you")})</span>}
              </td>
              <td>{m.email}</td>
              <td>{s(m.role === "owner" ? "role.owner" : "role.staff")}</td>
              <td>{m.last_login_at ? dateTime(m.last_login_at, tz, locale) : "—"}</td>
              {owner && (
                <td>
                  <form method="post" action="/dashboard/settings/team" class="inline">
                    <input type="hidden" name="_action" value="role" />
                    <input type="hidden" name="id" value={m.id} />
                    <label class="sr-only" for={`role-${m.id}`}>
                      {`${s("team.role")}: ${m.email}`}
                    </label>
                    <select id={`role-${m.id}`} name="role">
                      <option value="owner" selected={m.role === "owner"}>
                        {s("role.owner")}
                      </option>
                      <option value="staff" selected={m.role === "staff"}>
                        {s("role.staff")}
                      </option>
                    </select>{" "}
                    <button type="submit" class="btn small">{s("team.change_role")}</button>
                  </form>{" "}
                  <ActionButton
                    action="/dashboard/settings/team"
                    fields={{ _action: "remove", id: m.id }}
                    label={s("dash.remove")}
                    variant="danger"
                  />
                </td>
              )}
            </tr>
          )}
        />
      </section>
      <section class="panel" aria-labelledby="inv-title">
        <h2 id="inv-title">{s("team.invitations")}</h2>
        {data.invitations.length === 0
          ? <p class="muted">{s("team.no_invitations")}</p>
          : (
            <ul class="plain compact">
              {data.invitations.map((i) => (
                <li key={i.id}>
                  {i.email} · {s(i.role === "owner" ? "role.owner" : "role.staff")} ·{" "}
                  <span class="muted">
                    {s("team.expires")} {dateTime(i.expires_at, tz, locale)}
                  </span>{" "}
                  {owner && (
                    <ActionButton
                      action="/dashboard/settings/team"
                      fields={{ _action: "withdraw", id: i.id }}
                      label={s("team.withdraw")}
                      variant="ghost"
                    />
                  )}
                </li>
              ))}
            </ul>
          )}
        {owner && (
          <form
            method="post"
            action="/dashboard/settings/team"
            class="filters"
            novalidate
            data-testid="invite-form"
          >
            <FormError form={data.invite} />
            <input type="hidden" name="_action" value="invite" />
            <Field label={s("auth.email")} name="email" type="email" required form={data.invite} />
            <Select
              label={s("team.role")}
              name="role"
              form={data.invite}
              options={[
                { value: "staff", label: s("role.staff") },
                { value: "owner", label: s("role.owner") },
              ]}
            />
            <button type="submit" class="btn primary">{s("team.invite")}</button>
          </form>
        )}
      </section>
    </DashboardShell>
  );
}
