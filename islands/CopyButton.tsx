/**
 * Copies a text (a key, the embed snippet) to the clipboard; shown once the page is interactive.
 * @module
 */
import { useEffect, useState } from "preact/hooks";

/** Props: the text, the button's label and what to say once copied. */
export interface CopyButtonProps {
  text: string;
  label: string;
  done: string;
}

export default function CopyButton({ text, label, done }: CopyButtonProps) {
  const [ready, setReady] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setReady(typeof navigator !== "undefined" && Boolean(navigator.clipboard)), []);
  if (!ready) return null;
  return (
    <span>
      <button
        type="button"
        class="btn small"
        onClick={async () => {
          const ok = await navigator.clipboard.writeText(text).then(() => true, () => false);
          setCopied(ok);
          setTimeout(() => setCopied(false), 2500);
        }}
      >
        {label}
      </button>{" "}
      <span role="status" class="muted">{copied ? done : ""}</span>
    </span>
  );
}
