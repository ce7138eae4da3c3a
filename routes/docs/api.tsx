import type { Ctx } from "../../lib/app_env.ts";
import { t } from "../../lib/i18n/mod.ts";
import { buildOpenApi } from "../../lib/openapi.ts";
import { render } from "../../lib/render.tsx";
import type { PageProps } from "../../lib/render.tsx";
import { manifest } from "../../lib/routes_gen.ts";

type Operation = {
  summary: string;
  description?: string;
  tags: string[];
  "x-access": "public" | "widget" | "member" | "owner";
  parameters: { name: string; in: string; required: boolean; schema: unknown }[];
  requestBody?: { content: { "application/json": { schema: unknown } } };
};

type Doc = { paths: Record<string, Record<string, Operation>> };

export const handler = {
  GET(c: Ctx) {
    return render(c, buildOpenApi(manifest, c.get("deps").publicUrl));
  },
};

export default function ApiDocs({ data, locale }: PageProps<Doc>) {
  const byTag = new Map<string, { path: string; method: string; op: Operation }[]>();
  for (const [path, ops] of Object.entries(data.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = op.tags[0] ?? "other";
      byTag.set(tag, [...(byTag.get(tag) ?? []), { path, method, op }]);
    }
  }
  return (
    <main class="page docs">
      <h1>{t(locale, "docs.title")}</h1>
      <p>
        {t(locale, "docs.intro")} <a href="/api/openapi.json">/api/openapi.json</a>
      </p>
      <nav class="toc">
        {[...byTag.keys()].map((tag) => <a key={tag} href={`#${tag}`}>{tag}</a>)}
      </nav>
      {[...byTag.entries()].map(([tag, ops]) => (
        <section key={tag} id={tag}>
          <h2>{tag}</h2>
          {ops.map(({ path, method, op }) => (
            <article key={`${method} ${path}`} class="endpoint">
              <h3>
                <span class={`method ${method}`}>{method.toUpperCase()}</span> <code>{path}</code>
              </h3>
              <p>{op.summary}</p>
              {op.description && <p class="muted">{op.description}</p>}
              <p>
                <strong>{t(locale, "docs.access")}:</strong> {t(locale, `access.${op["x-access"]}`)}
              </p>
              {op.parameters.length > 0 && (
                <table>
                  <caption>{t(locale, "docs.parameters")}</caption>
                  <thead>
                    <tr>
                      <th>{t(locale, "docs.name")}</th>
                      <th>{t(locale, "docs.in")}</th>
                      <th>{t(locale, "docs.required")}</th>
                      <th>{t(locale, "docs.schema")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {op.parameters.map((p) => (
                      <tr key={p.name}>
                        <td>
                          <code>{p.name}</code>
                        </td>
                        <td>{p.in}</td>
                        <td>{t(locale, p.required ? "docs.yes" : "docs.no")}</td>
                        <td>
                          <code>{JSON.stringify(p.schema)}</code>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {op.requestBody && (
                <details>
                  <summary>{t(locale, "docs.body")}</summary>
                  <pre>{JSON.stringify(op.requestBody.content["application/json"].schema, null, 2)}</pre>
                </details>
              )}
            </article>
          ))}
        </section>
      ))}
    </main>
  );
}
