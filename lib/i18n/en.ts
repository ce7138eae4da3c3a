import type { tr } from "./tr.ts";

/** English texts of the pages, key for key with `tr.ts`. */
export const en: Record<keyof typeof tr, string> = {
  "app.name": "Arma",
  "app.tagline": "The AI assistant for your business",
  "nav.docs": "API docs",
  "nav.dashboard": "Dashboard",
  "nav.language": "Türkçe",
  "home.title": "Arma is running",
  "home.body": "The assistant that books appointments, takes orders and answers your customers.",
  "home.health": "System status",
  "docs.title": "Arma API reference",
  "docs.intro":
    "Every endpoint speaks JSON. Errors look like { error: { code, message, details? } }. Machine-readable document:",
  "docs.access": "Access",
  "docs.parameters": "Parameters",
  "docs.body": "Request body",
  "docs.name": "Name",
  "docs.in": "In",
  "docs.required": "Required",
  "docs.yes": "yes",
  "docs.no": "no",
  "docs.schema": "Schema",
  "access.public": "anyone",
  "access.widget": "widget key (pk_) or the business",
  "access.member": "a business user or a secret key (sk_)",
  "access.owner": "the business owner or a secret key (sk_)",
};
