import type { Ctx } from "../../lib/app_env.ts";
import { t } from "../../lib/i18n/mod.ts";
import { render } from "../../lib/render.tsx";
import type { PageProps } from "../../lib/render.tsx";
import { errorBody } from "../../services/errors.ts";

const OUTCOMES = ["done", "cancelled", "failed"] as const;
type Outcome = (typeof OUTCOMES)[number];

export const handler = {
  GET(c: Ctx) {
    const outcome = (c.req.param("outcome") ?? "") as Outcome;
    if (!OUTCOMES.includes(outcome)) {
      return c.json(errorBody("not_found", "No such page"), 404);
    }
    return render(c, outcome);
  },
};

export default function PaymentResult({ data, locale }: PageProps<Outcome>) {
  return (
    <main class="page narrow">
      <h1>{t(locale, `pay.${data}.title`)}</h1>
      <p>{t(locale, `pay.${data}.body`)}</p>
    </main>
  );
}
