/**
 * How the fakes of JSON APIs (iyzico, Netgsm) read and record a request.
 * @module
 */

/** One request a fake received, with its JSON body when the body is an object. */
export interface JsonRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown> | null;
  rawBody: string;
}

/** Reads a request as a fake records it: the body parsed when it is a JSON object, else null. */
export async function readJsonRequest(req: Request): Promise<JsonRequest> {
  const path = new URL(req.url).pathname;
  const rawBody = await req.text();
  let body: Record<string, unknown> | null = null;
  try {
    const parsed = JSON.parse(rawBody);
    if (typeof parsed === "object" && parsed !== null) body = parsed;
  } catch {
    body = null;
  }
  return { method: req.method, path, headers: Object.fromEntries(req.headers), body, rawBody };
}
