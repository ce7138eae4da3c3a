import { ActionButton, Field, FormError, TextArea } from "../../components/Fields.tsx";
import { count, dateTime } from "../../components/format.ts";
import { DashboardShell } from "../../components/Layout.tsx";
import { notFound } from "../../components/notice.ts";
import { readOwnerPost } from "../../components/owner_post.ts";
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
} from "../../components/page.ts";
import { Table } from "../../components/Table.tsx";
import LiveUpdates from "../../islands/LiveUpdates.tsx";
import type { Ctx } from "../../lib/app_env.ts";
import { type MessageKey, t } from "../../lib/i18n/mod.ts";
import { render } from "../../lib/render.tsx";
import type { PageProps } from "../../lib/render.tsx";
import {
  addKnowledge,
  deleteKnowledge,
  type KnowledgeChunk,
  KnowledgeInput,
  listKnowledge,
} from "../../services/bot/knowledge.ts";
import { NotFoundError } from "../../services/errors.ts";
import {
  ImportInput,
  listImports,
  startImport,
  type WebsiteImport,
} from "../../services/scraper/imports.ts";
import { getTenant } from "../../services/tenants/tenants.ts";

interface Data {
  layout: LayoutData;
  website: string | null;
  imports: WebsiteImport[];
  chunks: KnowledgeChunk[];
  importForm: FormState;
  noteForm: FormState;
}

const PATH = "/dashboard/knowledge";
const EXCERPT = 160;

async function show(
  c: Ctx,
  forms: { importForm?: FormState; noteForm?: FormState } = {},
  status = 200,
) {
  const { layout, page } = await loadPage(c, "knowledge", async (tx) => {
    return {
      website: (await getTenant(tx)).website_url,
      imports: await listImports(tx),
      chunks: await listKnowledge(tx),
    };
  });
  return render(
    c,
    {
      layout,
      ...page,
      importForm: forms.importForm ??
        emptyForm({ url: page.website ?? "", limit: "20" }),
      noteForm: forms.noteForm ?? emptyForm(),
    } satisfies Data,
    status,
  );
}

export const handler = {
  GET(c: Ctx) {
    return show(c);
  },
  async POST(c: Ctx) {
    const post = await readOwnerPost(c, "knowledge", PATH);
    if (post instanceof Response) return post;
    const { locale, form } = post;
    const action = text(form, "_action");
    if (action === "import") {
      const v = validate(ImportInput, {
        url: text(form, "url") || undefined,
        limit: Number(text(form, "limit") || 20),
      }, locale);
      if (!v.ok) return await show(c, { importForm: invalidForm(form, v.errors, locale) }, 422);
      try {
        const crawler = c.get("deps").providers.crawler;
        if (v.data.url) await crawler.validate(v.data.url);
        await inTenant(c, (tx) => startImport(tx, v.data, crawler.name));
      } catch (err) {
        return await show(c, { importForm: failedForm(form, err, locale) }, 422);
      }
      return redirectWith(c, PATH, "flash.import_started");
    }
    if (action === "note") {
      const v = validate(KnowledgeInput, {
        title: text(form, "title") ?? "",
        content: text(form, "content") ?? "",
      }, locale);
      if (!v.ok) return await show(c, { noteForm: invalidForm(form, v.errors, locale) }, 422);
      await inTenant(c, (tx) => addKnowledge(tx, v.data));
      return redirectWith(c, PATH, "flash.created");
    }
    if (action === "delete") {
      const id = text(form, "id");
      if (!isId(id)) return await notFound(c, "knowledge", PATH);
      try {
        await inTenant(c, (tx) => deleteKnowledge(tx, id));
      } catch (err) {
        if (err instanceof NotFoundError) return await notFound(c, "knowledge", PATH);
        throw err;
      }
      return redirectWith(c, PATH, "flash.removed");
    }
    return c.redirect(PATH, 303);
  },
};

function importTone(status: WebsiteImport["status"]): string {
  return status === "done" ? "ok" : status === "failed" ? "bad" : "info";
}

/** How far an import is, as a progress bar and its words. */
function ImportProgress({ run, locale }: { run: WebsiteImport; locale: "tr" | "en" }) {
  const total = Math.max(run.pages_found, run.pages_done, 1);
  const finished = run.status === "done" || run.status === "failed";
  const label = t(locale, "know.pages_progress")
    .replace("{done}", count(run.pages_done, locale))
    .replace("{total}", finished ? count(run.pages_done, locale) : count(total, locale));
  return (
    <div class="progress-cell">
      <progress
        max={finished ? 1 : total}
        value={finished ? 1 : run.pages_done}
        aria-label={label}
      />
      <span class="muted">{label}</span>
    </div>
  );
}

export default function KnowledgePage({ data, locale, url }: PageProps<Data>) {
  const s = (k: MessageKey) => t(locale, k);
  const tz = data.layout.timezone;
  const owner = data.layout.isOwner;
  return (
    <DashboardShell layout={data.layout} locale={locale} url={url} title={s("know.title")}>
      <p class="muted">{s("know.intro")}</p>
      {!owner && <p class="alert info">{s("dash.owner_only_note")}</p>}
      <section class="panel" aria-labelledby="import-title">
        <h2 id="import-title">{s("know.import")}</h2>
        <form method="post" action={PATH} class="filters" novalidate>
          <FormError form={data.importForm} />
          <input type="hidden" name="_action" value="import" />
          <Field
            label={s("know.url")}
            name="url"
            type="url"
            placeholder="https://"
            form={data.importForm}
            disabled={!owner}
          />
          <Field
            label={s("know.limit")}
            name="limit"
            type="number"
            min={1}
            max={100}
            form={data.importForm}
            disabled={!owner}
          />
          <button type="submit" class="btn primary" disabled={!owner}>
            {s("know.start")}
          </button>
        </form>
        <p class="hint">{s("know.import_hint")}</p>
        <Table
          id="imports-live"
          testId="imports-table"
          caption={s("know.imports")}
          columns={[
            { label: s("know.site") },
            { label: s("dash.status") },
            { label: s("know.progress") },
            { label: s("know.chunks"), num: true },
            { label: s("know.started") },
          ]}
          empty={s("know.no_imports")}
          rows={data.imports}
          row={(run) => (
            <tr key={run.id}>
              <td>{run.url}</td>
              <td>
                <span class={`pill ${importTone(run.status)}`}>
                  {s(`know.status.${run.status}` as MessageKey)}
                </span>
                {run.error && <div class="field-error">{run.error}</div>}
              </td>
              <td>
                <ImportProgress run={run} locale={locale} />
              </td>
              <td class="num">{run.chunks}</td>
              <td>{dateTime(run.created_at, tz, locale)}</td>
            </tr>
          )}
        />
      </section>
      <section class="panel" aria-labelledby="known-title">
        <h2 id="known-title">{s("know.known")}</h2>
        <Table
          id="knowledge-live"
          testId="knowledge-table"
          caption={s("know.known")}
          columns={[
            { label: s("know.entry") },
            { label: s("know.source") },
            { label: s("know.added") },
            { label: "" },
          ]}
          empty={s("know.none")}
          rows={data.chunks}
          row={(k) => (
            <tr key={k.id}>
              <td>
                <strong>{k.title ?? "—"}</strong>
                <div class="muted">
                  {k.content.length > EXCERPT ? `${k.content.slice(0, EXCERPT)}…` : k.content}
                </div>
              </td>
              <td>
                {k.source_url === "manual"
                  ? s("know.note")
                  : (
                    <a href={k.source_url} rel="noopener noreferrer" target="_blank">
                      {k.source_url}
                    </a>
                  )}
              </td>
              <td>{dateTime(k.created_at, tz, locale)}</td>
              <td>
                {owner && (
                  <ActionButton
                    action={PATH}
                    fields={{ _action: "delete", id: k.id }}
                    label={s("know.delete")}
                    variant="ghost"
                  />
                )}
              </td>
            </tr>
          )}
        />
      </section>
      {owner && (
        <section class="panel" aria-labelledby="note-title">
          <h2 id="note-title">{s("know.add_note")}</h2>
          <form method="post" action={PATH} novalidate>
            <FormError form={data.noteForm} />
            <input type="hidden" name="_action" value="note" />
            <Field label={s("know.note_title")} name="title" form={data.noteForm} maxLength={300} />
            <TextArea label={s("know.note_content")} name="content" form={data.noteForm} rows={5} />
            <button type="submit" class="btn primary">{s("know.save_note")}</button>
          </form>
          <p class="hint">{s("know.note_hint")}</p>
        </section>
      )}
      <LiveUpdates
        types={["imports.changed", "knowledge.changed"]}
        regions={["imports-live", "knowledge-live"]}
        announce={s("live.updated")}
        catchUp={data.imports.some((run) => run.status === "queued" || run.status === "running")}
      />
    </DashboardShell>
  );
}
