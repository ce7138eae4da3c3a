/**
 * Edits one field of a record in place (e.g. a price in a list) through the API, showing the API's
 * error next to the input. Before it loads, the value is shown and the row's edit page does the job.
 * @module
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { errorText, fieldErrors, type Issue } from "../components/messages.ts";
import { type Locale, money } from "../components/format.ts";
import { t } from "../lib/i18n/mod.ts";
import { api } from "./api.ts";

/** Props of an inline edit. */
export interface InlineEditProps {
  endpoint: string;
  field: string;
  value: string;
  display: string;
  label: string;
  kind: "money" | "text";
  locale: Locale;
}

export default function InlineEdit(props: InlineEditProps) {
  const { locale } = props;
  const [ready, setReady] = useState(false);
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(props.value);
  const [display, setDisplay] = useState(props.display);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const id = `ie-${props.endpoint.replace(/\W/g, "")}-${props.field}`;
  useEffect(() => setReady(true), []);
  useEffect(() => {
    if (editing) input.current?.focus();
  }, [editing]);

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const raw = value.trim().replace(",", ".");
    const body = {
      [props.field]: props.kind === "money" && /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw,
    };
    const res = await api<Record<string, unknown>>("PUT", props.endpoint, body);
    setBusy(false);
    if (res.ok) {
      const saved = res.body[props.field];
      setDisplay(props.kind === "money" ? money(Number(saved), locale) : String(saved));
      setValue(String(saved));
      setEditing(false);
      setError("");
      return;
    }
    const issues = (res.error?.details as { issues?: Issue[] } | undefined)?.issues;
    const byField = issues ? fieldErrors(locale, issues) : {};
    setError(
      byField[props.field] ??
        (res.status === 0
          ? t(locale, "err.network")
          : errorText(locale, res.error!.code, res.error!.message)),
    );
  };

  if (!editing) {
    return (
      <span class="inline-edit">
        <span data-inline-value>{display}</span>
        {ready && (
          <button
            type="button"
            class="linkish"
            aria-label={`${t(locale, "dash.edit")}: ${props.label}`}
            onClick={() => setEditing(true)}
          >
            {t(locale, "dash.edit")}
          </button>
        )}
      </span>
    );
  }
  return (
    <form class="inline-edit" onSubmit={save}>
      <label class="sr-only" for={id}>{props.label}</label>
      <input
        id={id}
        ref={input}
        value={value}
        inputMode={props.kind === "money" ? "decimal" : undefined}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={error ? `${id}-err` : undefined}
        onInput={(e) => setValue((e.target as HTMLInputElement).value)}
        onKeyDown={(e) => {
          if (e.key === "Escape") setEditing(false);
        }}
      />
      <button type="submit" class="btn small primary" disabled={busy}>
        {t(locale, "dash.save")}
      </button>
      <button type="button" class="btn small ghost" onClick={() => setEditing(false)}>
        {t(locale, "dash.cancel")}
      </button>
      {error && <span class="field-error" id={`${id}-err`} role="alert">{error}</span>}
    </form>
  );
}
