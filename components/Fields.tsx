/**
 * Form fields with their label, hint and error (tied to the input with aria-describedby), filled
 * from a form state so a refused post shows what was typed.
 * @module
 */
import type { ComponentChildren, JSX } from "preact";
import type { FormState } from "./page.ts";

const idOf = (name: string) => `f-${name.replace(/[^\w-]/g, "-")}`;

function valueOf(form: FormState | undefined, name: string): string {
  const v = form?.values[name];
  return Array.isArray(v) ? v[0] ?? "" : v ?? "";
}

function described(name: string, form: FormState | undefined, hint?: string) {
  const ids = [];
  if (hint) ids.push(`${idOf(name)}-hint`);
  if (form?.errors[name]) ids.push(`${idOf(name)}-err`);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

/** The error under a field, when there is one. */
export function FieldError({ name, form }: { name: string; form?: FormState }) {
  const error = form?.errors[name];
  if (!error) return null;
  return <p class="field-error" id={`${idOf(name)}-err`}>{error}</p>;
}

type InputProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, "form" | "label" | "name">;

/** A labelled input. */
export function Field(
  { label, name, form, hint, errorName, ...rest }: InputProps & {
    label: string;
    name: string;
    form?: FormState;
    hint?: string;
    /** The error path when it differs from the field name. */
    errorName?: string;
  },
) {
  const key = errorName ?? name;
  const invalid = Boolean(form?.errors[key]);
  return (
    <div class={`field${invalid ? " invalid" : ""}`}>
      <label for={idOf(name)}>{label}</label>
      <input
        id={idOf(name)}
        name={name}
        value={rest.type === "password" ? undefined : valueOf(form, name)}
        aria-invalid={invalid ? "true" : undefined}
        aria-describedby={described(key, form, hint)}
        {...rest}
      />
      {hint && <p class="hint" id={`${idOf(name)}-hint`}>{hint}</p>}
      <FieldError name={key} form={form} />
    </div>
  );
}

/** A labelled text area. */
export function TextArea(
  { label, name, form, hint, rows = 3, disabled }: {
    label: string;
    name: string;
    form?: FormState;
    hint?: string;
    rows?: number;
    disabled?: boolean;
  },
) {
  const invalid = Boolean(form?.errors[name]);
  return (
    <div class={`field${invalid ? " invalid" : ""}`}>
      <label for={idOf(name)}>{label}</label>
      <textarea
        id={idOf(name)}
        name={name}
        rows={rows}
        disabled={disabled}
        aria-invalid={invalid ? "true" : undefined}
        aria-describedby={described(name, form, hint)}
      >
        {valueOf(form, name)}
      </textarea>
      {hint && <p class="hint" id={`${idOf(name)}-hint`}>{hint}</p>}
      <FieldError name={name} form={form} />
    </div>
  );
}

/** A labelled select. */
export function Select(
  { label, name, form, options, hint, disabled, errorName }: {
    label: string;
    name: string;
    form?: FormState;
    options: { value: string; label: string }[];
    hint?: string;
    disabled?: boolean;
    errorName?: string;
  },
) {
  const key = errorName ?? name;
  const current = valueOf(form, name);
  const invalid = Boolean(form?.errors[key]);
  return (
    <div class={`field${invalid ? " invalid" : ""}`}>
      <label for={idOf(name)}>{label}</label>
      <select
        id={idOf(name)}
        name={name}
        disabled={disabled}
        aria-invalid={invalid ? "true" : undefined}
        aria-describedby={described(key, form, hint)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === current}>{o.label}</option>
        ))}
      </select>
      {hint && <p class="hint" id={`${idOf(name)}-hint`}>{hint}</p>}
      <FieldError name={key} form={form} />
    </div>
  );
}

/** A labelled checkbox; a hidden field tells a post that the box was on the form. */
export function Check(
  { label, name, form, hint, disabled, errorName }: {
    label: string;
    name: string;
    form?: FormState;
    hint?: string;
    disabled?: boolean;
    errorName?: string;
  },
) {
  const key = errorName ?? name;
  const v = valueOf(form, name);
  return (
    <div class="field check">
      <input
        type="checkbox"
        id={idOf(name)}
        name={name}
        checked={v === "on" || v === "true"}
        disabled={disabled}
        aria-describedby={described(key, form, hint)}
      />
      <label for={idOf(name)}>{label}</label>
      {hint && <p class="hint" id={`${idOf(name)}-hint`}>{hint}</p>}
      <FieldError name={key} form={form} />
    </div>
  );
}

/** A group of checkboxes with one name (e.g. the staff who perform a service). */
export function CheckGroup(
  { legend, name, form, options, disabled, errorName, hint }: {
    legend: string;
    name: string;
    form?: FormState;
    options: { value: string; label: string }[];
    disabled?: boolean;
    errorName?: string;
    hint?: string;
  },
) {
  const raw = form?.values[name];
  const chosen = new Set(Array.isArray(raw) ? raw : raw ? [raw] : []);
  const key = errorName ?? name;
  return (
    <fieldset class={`checks${form?.errors[key] ? " invalid" : ""}`}>
      <legend>{legend}</legend>
      {hint && <p class="hint">{hint}</p>}
      {options.map((o) => (
        <label key={o.value} class="check-inline">
          <input
            type="checkbox"
            name={name}
            value={o.value}
            checked={chosen.has(o.value)}
            disabled={disabled}
          />{" "}
          {o.label}
        </label>
      ))}
      <FieldError name={key} form={form} />
    </fieldset>
  );
}

/** The form-level error banner. */
export function FormError({ form }: { form?: FormState }) {
  if (!form?.error) return null;
  return <div class="alert error" role="alert">{form.error}</div>;
}

/** A small form with one button (POST) and hidden fields. */
export function ActionButton(
  { action, fields, label, variant, disabled, title }: {
    action: string;
    fields: Record<string, string>;
    label: ComponentChildren;
    variant?: "primary" | "danger" | "ghost";
    disabled?: boolean;
    title?: string;
  },
) {
  return (
    <form method="post" action={action} class="inline">
      {Object.entries(fields).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
      <button
        type="submit"
        class={`btn ${variant ?? ""}`}
        disabled={disabled}
        title={title}
      >
        {label}
      </button>
    </form>
  );
}

/** One button per status a record may move to, each posting `_action=status` and the status. */
export function StatusButtons(
  { action, statuses, label, variant }: {
    action: string;
    statuses: string[];
    label: (status: string) => string;
    variant?: "primary" | "danger" | "ghost";
  },
) {
  return (
    <div class="form-actions">
      {statuses.map((status) => (
        <ActionButton
          key={status}
          action={action}
          fields={{ _action: "status", status }}
          label={label(status)}
          variant={variant}
        />
      ))}
    </div>
  );
}
