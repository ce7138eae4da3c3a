import type { PageProps } from "../lib/render.tsx";
import { t } from "../lib/i18n/mod.ts";

export default function Home({ locale }: PageProps) {
  return (
    <main class="page narrow">
      <h1>{t(locale, "home.title")}</h1>
      <p>{t(locale, "home.body")}</p>
      <ul class="links">
        <li>
          <a href="/docs/api">{t(locale, "nav.docs")}</a>
        </li>
        <li>
          <a href="/healthz">{t(locale, "home.health")}</a>
        </li>
        <li>
          <a href={`?lang=${locale === "tr" ? "en" : "tr"}`}>{t(locale, "nav.language")}</a>
        </li>
      </ul>
    </main>
  );
}
