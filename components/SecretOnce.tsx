/**
 * A secret shown once (a new API key, an invitation link) with a button that copies it.
 * @module
 */
import CopyButton from "../islands/CopyButton.tsx";
import { t } from "../lib/i18n/mod.ts";
import type { Locale } from "./format.ts";

/** The panel with the secret, its title and the note that it will not be shown again. */
export function SecretOnce(
  { id, title, note, secret, testId, locale }: {
    /** The heading's id. */
    id: string;
    title: string;
    note: string;
    secret: string;
    testId: string;
    locale: Locale;
  },
) {
  return (
    <section class="panel" role="status" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <p class="alert success">{note}</p>
      <p>
        <code class="secret" data-testid={testId}>{secret}</code>{" "}
        <CopyButton text={secret} label={t(locale, "keys.copy")} done={t(locale, "keys.copied")} />
      </p>
    </section>
  );
}
