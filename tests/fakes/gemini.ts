/**
 * A wire-compatible fake of the Gemini API (`generativelanguage.googleapis.com`, `v1beta`) on a
 * loopback port, for pointing the real `@google/genai` SDK at in tests.
 *
 * It serves `POST /v1beta/models/{model}:streamGenerateContent` (Server-Sent Events with
 * `?alt=sse`, a JSON array without it) and `POST /v1beta/models/{model}:generateContent`, checks
 * the `x-goog-api-key` header (or `?key=`), records every request and answers from a script.
 *
 * @example
 * ```ts
 * const script = [callTurn([{ name: "list_services" }]), textTurn("Tamam")];
 * await using fake = startFakeGemini({ script });
 * const httpOptions = { baseUrl: fake.url, apiVersion: "v1beta" };
 * const ai = new GoogleGenAI({ apiKey: "test-key", httpOptions });
 * ```
 *
 * @module
 */

/** The API key the fake accepts unless told otherwise. */
export const FAKE_GEMINI_API_KEY = "test-key";

/** A function call the fake model makes: one `functionCall` part. */
export interface FakeFunctionCall {
  name: string;
  args?: Record<string, unknown>;
  /** Sent only when set (Gemini 2.5 leaves it out; newer models send one). */
  id?: string;
  /** Sent beside the call as the part's `thoughtSignature`, as thinking models do. */
  thoughtSignature?: string;
}

/** One streamed `GenerateContentResponse`: a text part, function-call parts, or both. */
export interface FakeChunk {
  text?: string;
  /** Several calls in one chunk are parallel calls. */
  calls?: FakeFunctionCall[];
  /** Wait this long before sending the chunk. */
  delayMs?: number;
}

/** A turn that streams its chunks and ends with a finish reason. */
export interface StreamTurn {
  kind: "stream";
  chunks: FakeChunk[];
  /** `STOP` unless set (`MAX_TOKENS`, `SAFETY`, `MALFORMED_FUNCTION_CALL`, …). */
  finishReason?: string;
}

/** A turn answered with an HTTP error in Google's error JSON. */
export interface ErrorTurn {
  kind: "error";
  status: number;
  message?: string;
}

/** A turn that sends headers and its chunks, then nothing until the client aborts. */
export interface StallTurn {
  kind: "stall";
  chunks: FakeChunk[];
}

/** What the fake model does for one request. */
export type Turn = StreamTurn | ErrorTurn | StallTurn;

/** A `functionCall` as it travels on the wire. */
export interface GeminiFunctionCall {
  name: string;
  args?: Record<string, unknown>;
  id?: string;
}

/** A `functionResponse` as it travels on the wire. */
export interface GeminiFunctionResponse {
  name: string;
  response: Record<string, unknown>;
  id?: string;
}

/** One part of a `Content` on the wire. */
export interface GeminiPart {
  text?: string;
  functionCall?: GeminiFunctionCall;
  functionResponse?: GeminiFunctionResponse;
  thoughtSignature?: string;
  thought?: boolean;
  [field: string]: unknown;
}

/** A `Content` on the wire. */
export interface GeminiContent {
  role?: string;
  parts: GeminiPart[];
}

/** A function declaration as the SDK sends it. */
export interface GeminiFunctionDeclaration {
  name: string;
  description?: string;
  parameters?: unknown;
  parametersJsonSchema?: unknown;
  [field: string]: unknown;
}

/** A tool as the SDK sends it. */
export interface GeminiTool {
  functionDeclarations?: GeminiFunctionDeclaration[];
  [field: string]: unknown;
}

/** The body of a `generateContent` / `streamGenerateContent` request. */
export interface GeminiRequestBody {
  contents: GeminiContent[];
  systemInstruction?: GeminiContent;
  tools?: GeminiTool[];
  toolConfig?: Record<string, unknown>;
  generationConfig?: Record<string, unknown>;
  safetySettings?: unknown[];
  [field: string]: unknown;
}

/** A request the fake received, for assertions. */
export interface RecordedGeminiRequest {
  method: "generateContent" | "streamGenerateContent";
  model: string;
  /** Path and query, e.g. `/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse`. */
  path: string;
  /** The `alt` query parameter (`sse` for SSE streaming), or null. */
  alt: string | null;
  /** The key from `x-goog-api-key` (or `?key=`), or null. */
  apiKey: string | null;
  headers: Record<string, string>;
  body: GeminiRequestBody;
}

/** A queue of turns, or a function choosing the turn for each request (index counts from 0). */
export type GeminiScript =
  | Turn[]
  | ((request: RecordedGeminiRequest, index: number) => Turn | Promise<Turn>);

/** Options of {@link startFakeGemini}. */
export interface FakeGeminiOptions {
  script?: GeminiScript;
  /** The key the fake accepts; `test-key` by default. */
  apiKey?: string;
  /** Refuse, as the real API does, call turns not answered by as many responses (default true). */
  strict?: boolean;
  /** Keep every request in `requests` (default true; a long benchmark turns it off). */
  record?: boolean;
}

/** A running fake Gemini server. */
export interface FakeGemini {
  /** Base URL for `httpOptions.baseUrl`, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Every model request received, in order (including refused ones). */
  requests: RecordedGeminiRequest[];
  /** Add turns to the queue (only when the script is a queue). */
  enqueue(...turns: Turn[]): void;
  /** End stalled streams and stop the server. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Options of {@link textTurn}. */
export interface TextTurnOptions {
  /** Split the text into this many chunks at word boundaries. */
  chunks?: number;
  /** Delay before each chunk. */
  delayMs?: number;
  finishReason?: string;
}

/** Options of {@link callTurn}. */
export interface CallTurnOptions {
  /** A text chunk streamed before the calls. */
  text?: string;
  delayMs?: number;
}

/** Options of {@link stallTurn}. */
export interface StallTurnOptions {
  /** A text chunk sent before the stall. */
  text?: string;
}

const GOOGLE_STATUS: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  409: "ABORTED",
  429: "RESOURCE_EXHAUSTED",
  499: "CANCELLED",
  500: "INTERNAL",
  501: "NOT_IMPLEMENTED",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

const GOOGLE_MESSAGE: Record<number, string> = {
  429: "Resource has been exhausted (e.g. check quota).",
  500: "An internal error has occurred. Please retry or report in " +
    "https://developers.generativeai.google/guide/troubleshooting",
  503: "The model is overloaded. Please try again later.",
  504: "Deadline expired before operation could complete.",
};

const MODEL_PATH = /^\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;
const encoder = new TextEncoder();

/** A turn streaming `text`, whole or split into chunks: `textTurn("Merhaba", { chunks: 2 })`. */
export function textTurn(text: string | string[], options: TextTurnOptions = {}): StreamTurn {
  const pieces = typeof text === "string" ? splitText(text, options.chunks ?? 1) : text;
  return {
    kind: "stream",
    chunks: pieces.map((piece) => ({ text: piece, delayMs: options.delayMs })),
    finishReason: options.finishReason,
  };
}

/** A turn with function calls in one chunk (several = parallel): `callTurn([{ name, args }])`. */
export function callTurn(calls: FakeFunctionCall[], options: CallTurnOptions = {}): StreamTurn {
  const chunks: FakeChunk[] = [];
  if (options.text !== undefined) chunks.push({ text: options.text, delayMs: options.delayMs });
  chunks.push({ calls, delayMs: options.text === undefined ? options.delayMs : undefined });
  return { kind: "stream", chunks };
}

/** A turn answered with an HTTP error in Google's shape: `errorTurn(429)`. */
export function errorTurn(status: number, message?: string): ErrorTurn {
  return { kind: "error", status, message };
}

/** A turn that sends headers (and `text`, if given), then hangs: `stallTurn({ text: "Bir" })`. */
export function stallTurn(options: StallTurnOptions = {}): StallTurn {
  return { kind: "stall", chunks: options.text === undefined ? [] : [{ text: options.text }] };
}

/** The most recent request, or a thrown error when none came: `lastRequest(fake).body.contents`. */
export function lastRequest(fake: Pick<FakeGemini, "requests">): RecordedGeminiRequest {
  const request = fake.requests.at(-1);
  if (!request) throw new Error("Cannot read the last request: the fake Gemini received none");
  return request;
}

/** The `functionResponse` parts the client sent last: `latestFunctionResponses(fake)[0]?.name`. */
export function latestFunctionResponses(
  fake: Pick<FakeGemini, "requests">,
): GeminiFunctionResponse[] {
  const last = lastRequest(fake).body.contents.at(-1);
  return (last?.parts ?? []).flatMap((part) =>
    part.functionResponse ? [part.functionResponse] : []
  );
}

/** Google's error body: `googleError(503)` gives `{ error: { code, message, status } }`. */
export function googleError(status: number, message?: string): Record<string, unknown> {
  return {
    error: {
      code: status,
      message: message ?? GOOGLE_MESSAGE[status] ?? `Fake Gemini error ${status}`,
      status: GOOGLE_STATUS[status] ?? "UNKNOWN",
    },
  };
}

/** Start the fake on 127.0.0.1, free port: `startFakeGemini({ script: [textTurn("Selam")] })`. */
export function startFakeGemini(options: FakeGeminiOptions = {}): FakeGemini {
  const apiKey = options.apiKey ?? FAKE_GEMINI_API_KEY;
  const strict = options.strict ?? true;
  const script = options.script ?? [];
  const queue: Turn[] = Array.isArray(script) ? [...script] : [];
  const requests: RecordedGeminiRequest[] = [];
  const closing = new AbortController();
  let served = 0;

  async function nextTurn(request: RecordedGeminiRequest): Promise<Turn> {
    const index = served++;
    if (typeof script === "function") return await script(request, index);
    return queue.shift() ??
      errorTurn(500, `Fake Gemini has no scripted turn left for request ${index + 1}`);
  }

  async function handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const match = MODEL_PATH.exec(url.pathname);
    if (!match || req.method !== "POST") {
      return json(
        googleError(404, `Fake Gemini does not serve ${req.method} ${url.pathname}`),
        404,
      );
    }
    const model = decodeURIComponent(match[1] ?? "");
    const method = match[2] === "generateContent" ? "generateContent" : "streamGenerateContent";
    let body: GeminiRequestBody;
    try {
      body = await req.json();
    } catch {
      return json(googleError(400, "Invalid JSON payload received."), 400);
    }
    const key = req.headers.get("x-goog-api-key") ?? url.searchParams.get("key");
    const request: RecordedGeminiRequest = {
      method,
      model,
      path: url.pathname + url.search,
      alt: url.searchParams.get("alt"),
      apiKey: key,
      headers: Object.fromEntries(req.headers),
      body,
    };
    if (options.record !== false) requests.push(request);

    if (key === null) {
      return json(
        googleError(
          403,
          "Method doesn't allow unregistered callers (callers without established identity). " +
            "Please use API Key or other form of API consumer identity to call this API.",
        ),
        403,
      );
    }
    if (key !== apiKey) return json(invalidKeyError(), 400);
    const invalid = validateBody(body, strict);
    if (invalid) return json(googleError(400, invalid), 400);

    const turn = await nextTurn(request);
    if (turn.kind === "error") return json(googleError(turn.status, turn.message), turn.status);
    const prompt = estimateTokens(promptText(body));
    const sse = request.alt === "sse";
    if (method === "streamGenerateContent") {
      return streamResponse(turn, model, prompt, sse, closing.signal);
    }
    return await unaryResponse(turn, model, prompt, closing.signal);
  }

  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    handle,
  );

  async function close(): Promise<void> {
    closing.abort();
    await server.shutdown();
  }

  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    requests,
    enqueue(...turns: Turn[]) {
      if (typeof script === "function") {
        throw new Error("Cannot enqueue turns: the fake Gemini is driven by a handler function");
      }
      queue.push(...turns);
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

function json(value: unknown, status = 200): Response {
  return new Response(JSON.stringify(value), {
    status,
    headers: { "content-type": "application/json; charset=UTF-8" },
  });
}

function invalidKeyError(): Record<string, unknown> {
  const message = "API key not valid. Please pass a valid API key.";
  return {
    error: {
      code: 400,
      message,
      status: "INVALID_ARGUMENT",
      details: [
        {
          "@type": "type.googleapis.com/google.rpc.ErrorInfo",
          reason: "API_KEY_INVALID",
          domain: "googleapis.com",
          metadata: { service: "generativelanguage.googleapis.com" },
        },
        { "@type": "type.googleapis.com/google.rpc.LocalizedMessage", locale: "en-US", message },
      ],
    },
  };
}

/** Mirrors the real API's refusals that a client bug would trigger. */
function validateBody(body: GeminiRequestBody, strict: boolean): string | undefined {
  if (!body || !Array.isArray(body.contents) || body.contents.length === 0) {
    return "* GenerateContentRequest.contents: contents is not specified\n";
  }
  for (const content of body.contents) {
    if (content.role !== undefined && content.role !== "user" && content.role !== "model") {
      return "Please use a valid role: user, model.";
    }
    if (!Array.isArray(content.parts) || content.parts.length === 0) {
      return "* GenerateContentRequest.contents.parts: contents.parts must not be empty.\n";
    }
  }
  if (!strict) return undefined;
  for (const [index, content] of body.contents.entries()) {
    const calls = content.parts.filter((part) => part.functionCall).length;
    if (content.role !== "model" || calls === 0) continue;
    const previous = body.contents[index - 1];
    if (index === 0 || previous?.role !== "user") {
      return "Please ensure that function call turn comes immediately after a user turn or " +
        "after a function response turn.";
    }
    const next = body.contents[index + 1];
    if (!next) continue;
    const responses = next.parts.filter((part) => part.functionResponse).length;
    if (next.role !== "user" || responses !== calls) {
      return "Please ensure that the number of function response parts is equal to the number " +
        "of function call parts of the function call turn.";
    }
  }
  return undefined;
}

function promptText(body: GeminiRequestBody): string {
  const contents = body.systemInstruction
    ? [body.systemInstruction, ...body.contents]
    : body.contents;
  return contents.map((content) => JSON.stringify(content.parts)).join("") +
    JSON.stringify(body.tools ?? []);
}

function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.max(1, Math.ceil(text.length / 4));
}

function splitText(text: string, count: number): string[] {
  if (count <= 1) return [text];
  const words = text.split(/(?<=\s)/);
  const size = Math.ceil(words.length / count);
  const pieces: string[] = [];
  for (let start = 0; start < words.length; start += size) {
    pieces.push(words.slice(start, start + size).join(""));
  }
  return pieces.length > 0 ? pieces : [text];
}

function chunkParts(chunk: FakeChunk): GeminiPart[] {
  const parts: GeminiPart[] = [];
  if (chunk.text !== undefined) parts.push({ text: chunk.text });
  for (const call of chunk.calls ?? []) {
    const functionCall: GeminiFunctionCall = { name: call.name, args: call.args ?? {} };
    if (call.id !== undefined) functionCall.id = call.id;
    const part: GeminiPart = { functionCall };
    if (call.thoughtSignature !== undefined) part.thoughtSignature = call.thoughtSignature;
    parts.push(part);
  }
  return parts;
}

function partTokens(parts: GeminiPart[]): number {
  return parts.reduce(
    (sum, part) =>
      sum + estimateTokens(part.text ?? "") +
      (part.functionCall ? estimateTokens(JSON.stringify(part.functionCall)) : 0),
    0,
  );
}

interface ResponseMeta {
  model: string;
  responseId: string;
  prompt: number;
}

function responseJson(
  parts: GeminiPart[],
  candidatesTokens: number,
  meta: ResponseMeta,
  finishReason?: string,
): Record<string, unknown> {
  const candidate: Record<string, unknown> = { content: { parts, role: "model" } };
  if (finishReason !== undefined) candidate.finishReason = finishReason;
  candidate.index = 0;
  return {
    candidates: [candidate],
    usageMetadata: {
      promptTokenCount: meta.prompt,
      candidatesTokenCount: candidatesTokens,
      totalTokenCount: meta.prompt + candidatesTokens,
      promptTokensDetails: [{ modality: "TEXT", tokenCount: meta.prompt }],
    },
    modelVersion: meta.model,
    responseId: meta.responseId,
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    signal.addEventListener("abort", () => resolve(), { once: true });
  });
}

async function unaryResponse(
  turn: StreamTurn | StallTurn,
  model: string,
  prompt: number,
  closing: AbortSignal,
): Promise<Response> {
  const meta = { model, responseId: crypto.randomUUID(), prompt };
  for (const chunk of turn.chunks) await sleep(chunk.delayMs ?? 0, closing);
  if (turn.kind === "stall") {
    // Headers go out, the body never comes: only the client's abort (or close()) ends it.
    return streamResponse({ kind: "stall", chunks: [] }, model, prompt, false, closing, false);
  }
  const parts: GeminiPart[] = [];
  for (const part of turn.chunks.flatMap(chunkParts)) {
    const previous = parts.at(-1);
    if (part.text !== undefined && previous?.text !== undefined && !previous.functionCall) {
      previous.text += part.text;
    } else {
      parts.push(part);
    }
  }
  if (parts.length === 0) parts.push({ text: "" });
  return json(responseJson(parts, partTokens(parts), meta, turn.finishReason ?? "STOP"));
}

function streamResponse(
  turn: StreamTurn | StallTurn,
  model: string,
  prompt: number,
  sse: boolean,
  outerSignal: AbortSignal,
  framed = true,
): Response {
  const meta = { model, responseId: crypto.randomUUID(), prompt };
  const chunks = turn.kind === "stream" && turn.chunks.length === 0 ? [{ text: "" }] : turn.chunks;
  const cancelling = new AbortController();
  const signal = AbortSignal.any([outerSignal, cancelling.signal]);
  let cancelled = false;
  let frames = 0;
  const frame = (value: unknown) => {
    const text = JSON.stringify(value);
    const framed = sse ? `data: ${text}\n\n` : `${frames === 0 ? "[" : ",\r\n"}${text}`;
    frames++;
    return encoder.encode(framed);
  };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const produce = async () => {
        let candidatesTokens = 0;
        for (const [index, chunk] of chunks.entries()) {
          await sleep(chunk.delayMs ?? 0, signal);
          if (signal.aborted || cancelled) break;
          const parts = chunkParts(chunk);
          candidatesTokens += partTokens(parts);
          const last = turn.kind === "stream" && index === chunks.length - 1;
          const finish = last ? turn.finishReason ?? "STOP" : undefined;
          controller.enqueue(frame(responseJson(parts, candidatesTokens, meta, finish)));
        }
        if (turn.kind === "stall") await untilAborted(signal);
        if (cancelled) return;
        if (framed && !sse && !signal.aborted) {
          controller.enqueue(encoder.encode(frames === 0 ? "[]" : "]"));
        }
        controller.close();
      };
      void produce();
    },
    cancel() {
      cancelled = true;
      cancelling.abort();
    },
  });
  return new Response(body, {
    headers: {
      "content-type": sse ? "text/event-stream" : "application/json; charset=UTF-8",
      "cache-control": "no-cache",
    },
  });
}
