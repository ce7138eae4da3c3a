/**
 * The islands' calls to the API with the session cookie: JSON in and out, the API's error
 * envelope kept, and one session renewal (through a dashboard page) when the access cookie expired.
 * @module
 */

/** What a call returned. */
export interface ApiResult<T = unknown> {
  ok: boolean;
  status: number;
  body: T;
  error?: { code: string; message: string; details?: unknown };
}

/** Renews the session cookies through the dashboard; sends the user to log in when it is over. */
export async function renewSession(): Promise<boolean> {
  try {
    const res = await fetch("/dashboard/session", { credentials: "same-origin" });
    if (res.ok && !res.redirected) return true;
  } catch {
    return false;
  }
  location.assign(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
  return false;
}

/** Calls the API; a 401 renews the session once and retries. */
export async function api<T = unknown>(
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiResult<T>> {
  const send = () =>
    fetch(path, {
      method,
      credentials: "same-origin",
      headers: body === undefined
        ? { Accept: "application/json" }
        : { Accept: "application/json", "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  let res: Response;
  try {
    res = await send();
    if (res.status === 401 && await renewSession()) res = await send();
  } catch {
    return {
      ok: false,
      status: 0,
      body: null as T,
      error: { code: "network", message: "Network error" },
    };
  }
  const parsed = res.status === 204 ? null : await res.json().catch(() => null);
  if (res.ok) return { ok: true, status: res.status, body: parsed as T };
  const error = (parsed as { error?: ApiResult["error"] } | null)?.error ??
    { code: "internal", message: `HTTP ${res.status}` };
  return { ok: false, status: res.status, body: parsed as T, error };
}
