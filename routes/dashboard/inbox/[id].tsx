import { inboxData, inboxStatus } from "../../../components/inbox.ts";
import { DashboardShell } from "../../../components/Layout.tsx";
import { errorText } from "../../../components/messages.ts";
import { notFound } from "../../../components/notice.ts";
import {
  currentUser,
  inTenant,
  isId,
  pageLocale,
  readForm,
  redirectWith,
  text,
  validate,
} from "../../../components/page.ts";
import { loadRecord } from "../../../components/record_page.ts";
import Inbox from "../../../islands/Inbox.tsx";
import type { Ctx } from "../../../lib/app_env.ts";
import { t } from "../../../lib/i18n/mod.ts";
import { render } from "../../../lib/render.tsx";
import type { PageProps } from "../../../lib/render.tsx";
import {
  handBack,
  StaffReply,
  staffReply,
  startHandover,
} from "../../../services/bot/conversations.ts";
import { AppError, NotFoundError } from "../../../services/errors.ts";
import { type InboxData, StatusTabs } from "./index.tsx";

async function show(
  c: Ctx,
  id: string,
  notes: { notice?: string; replyError?: string } = {},
  status = 200,
): Promise<Response> {
  const filter = inboxStatus(c.req.query("status"));
  const loaded = await loadRecord(
    c,
    "inbox",
    "/dashboard/inbox",
    (tx) => inboxData(tx, filter, id),
  );
  if (loaded instanceof Response) return loaded;
  return render(
    c,
    {
      layout: loaded.layout,
      inbox: { status: filter, ...loaded.page, ...notes },
    } satisfies InboxData,
    status,
  );
}

export const handler = {
  GET(c: Ctx) {
    const id = c.req.param("id");
    if (!isId(id)) return notFound(c, "inbox", "/dashboard/inbox");
    return show(c, id);
  },
  async POST(c: Ctx) {
    const id = c.req.param("id");
    if (!isId(id)) return await notFound(c, "inbox", "/dashboard/inbox");
    const user = currentUser(c);
    const locale = pageLocale(c);
    const form = await readForm(c);
    const action = text(form, "_action");
    try {
      if (action === "take") {
        await inTenant(c, (tx) => startHandover(tx, id, "taken over"));
        return redirectWith(c, `/dashboard/inbox/${id}`, "flash.taken");
      }
      if (action === "handback") {
        await inTenant(c, (tx) => handBack(tx, id));
        return redirectWith(c, `/dashboard/inbox/${id}`, "flash.handed_back");
      }
      if (action !== "reply") return c.redirect(`/dashboard/inbox/${id}`, 303);
      const v = validate(StaffReply, { text: text(form, "text") ?? "" }, locale);
      if (!v.ok) {
        return await show(c, id, { replyError: v.errors.text ?? t(locale, "err.invalid") }, 422);
      }
      await inTenant(c, (tx) => staffReply(tx, id, v.data.text, user.userId));
      return redirectWith(c, `/dashboard/inbox/${id}`, "flash.replied");
    } catch (err) {
      if (err instanceof NotFoundError) return await notFound(c, "inbox", "/dashboard/inbox");
      if (!(err instanceof AppError)) throw err;
      return await show(c, id, { notice: errorText(locale, err.code, err.message) }, 409);
    }
  },
};

export default function ConversationPage({ data, locale, url }: PageProps<InboxData>) {
  return (
    <DashboardShell layout={data.layout} locale={locale} url={url} title={t(locale, "inbox.title")}>
      <StatusTabs status={data.inbox.status} locale={locale} />
      <Inbox {...data.inbox} locale={locale} timezone={data.layout.timezone} />
    </DashboardShell>
  );
}
