/**
 * The dashboard's frame (header with the business and the user, navigation, language switch,
 * logout, flash notes) and the frame of the sign-in pages.
 * @module
 */
import type { ComponentChildren } from "preact";
import { type MessageKey, t } from "../lib/i18n/mod.ts";
import { setPageTitle } from "../lib/page_title.ts";
import type { Locale } from "./format.ts";
import type { LayoutData, Section } from "./page.ts";
import { SECTIONS } from "./page.ts";

const PATHS: Record<Section, string> = {
  overview: "/dashboard",
  calendar: "/dashboard/calendar",
  inbox: "/dashboard/inbox",
  orders: "/dashboard/orders",
  customers: "/dashboard/customers",
  offerings: "/dashboard/offerings",
  staff: "/dashboard/staff",
  knowledge: "/dashboard/knowledge",
  notifications: "/dashboard/notifications",
  settings: "/dashboard/settings",
};

/** The link that switches the page to the other language (and remembers it). */
export function languageHref(url: URL, locale: Locale): string {
  const params = new URLSearchParams(url.search);
  params.set("lang", locale === "tr" ? "en" : "tr");
  return `${url.pathname}?${params}`;
}

function LanguageSwitch({ url, locale }: { url: URL; locale: Locale }) {
  const other = locale === "tr" ? "en" : "tr";
  return (
    <a class="lang" href={languageHref(url, locale)} hreflang={other} lang={other}>
      {t(locale, "nav.language")}
    </a>
  );
}

/** The dashboard page frame. */
export function DashboardShell(
  { layout, locale, url, title, actions, children }: {
    layout: LayoutData;
    locale: Locale;
    url: URL;
    title: string;
    actions?: ComponentChildren;
    children: ComponentChildren;
  },
) {
  const s = (k: MessageKey) => t(locale, k);
  setPageTitle(title);
  const flashText = layout.flash ? t(locale, layout.flash.key as MessageKey) : null;
  return (
    <div class="dash">
      <a class="skip" href="#main">{s("dash.skip")}</a>
      <header class="topbar">
        <a class="brand" href="/dashboard">
          <span aria-hidden="true" class="logo">◆</span> Arma
        </a>
        <span class="business" data-testid="business-name">{layout.business}</span>
        <div class="who">
          <span class="user">
            {layout.user.name ?? layout.user.email}{" "}
            <span class="role">
              ({s(layout.user.role === "owner" ? "role.owner" : "role.staff")})
            </span>
          </span>
          <LanguageSwitch url={url} locale={locale} />
          <form method="post" action="/logout" class="inline">
            <button type="submit" class="btn ghost small">{s("nav.logout")}</button>
          </form>
        </div>
      </header>
      <nav class="sidenav" aria-label={s("nav.sections")}>
        <ul>
          {SECTIONS.map((section) => {
            const badge = section === "inbox"
              ? layout.badges.inbox
              : section === "notifications"
              ? layout.badges.notifications
              : 0;
            return (
              <li key={section}>
                <a
                  href={PATHS[section]}
                  aria-current={section === layout.section ? "page" : undefined}
                >
                  {s(`nav.${section}` as MessageKey)}
                  {badge > 0 && (
                    <span class="badge" aria-label={`${badge} ${s("nav.waiting")}`}>{badge}</span>
                  )}
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
      <main id="main" class="content" tabIndex={-1}>
        <div class="page-head">
          <h1>{title}</h1>
          {actions && <div class="page-actions">{actions}</div>}
        </div>
        {flashText && (
          <div class="alert success" role="status">
            {flashText}
            {layout.flash?.extra && (
              <>
                {" "}
                <code class="secret">{layout.flash.extra}</code>
              </>
            )}
          </div>
        )}
        {children}
      </main>
    </div>
  );
}

/** The frame of the login, sign-up and join pages. */
export function AuthShell(
  { locale, url, title, children }: {
    locale: Locale;
    url: URL;
    title: string;
    children: ComponentChildren;
  },
) {
  setPageTitle(title);
  return (
    <main class="auth" id="main">
      <div class="auth-card">
        <div class="auth-top">
          <a class="brand" href="/">
            <span aria-hidden="true" class="logo">◆</span> Arma
          </a>
          <LanguageSwitch url={url} locale={locale} />
        </div>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}

/** A page with one message inside the frame: not found, not allowed. */
export function NoticePage(
  { data, locale, url }: {
    data: { layout: LayoutData; title: string; message: string; back?: string };
    locale: Locale;
    url: URL;
  },
) {
  return (
    <DashboardShell layout={data.layout} locale={locale} url={url} title={data.title}>
      <div class="alert error" role="alert">{data.message}</div>
      {data.back && (
        <p>
          <a href={data.back}>{t(locale, "dash.back")}</a>
        </p>
      )}
    </DashboardShell>
  );
}
