/**
 * The Gemini model over `@google/genai` (API version v1beta pinned): streaming
 * `generateContentStream` with function declarations generated from the tools' zod schemas,
 * retries with backoff on 429 and 5xx before the first chunk, and a timeout through the engine's
 * abort signal.
 * @module
 */
import { type Content, GoogleGenAI, type Part } from "@google/genai";
import {
  type ChatModel,
  type ModelChunk,
  type ModelRequest,
  ModelUnavailableError,
  type ToolCall,
  type Turn,
} from "./model.ts";

/** How to reach Gemini. */
export interface GeminiConfig {
  apiKey: string;
  model: string;
  /** Another API address (tests); Google's when unset. */
  baseUrl?: string;
  /** Attempts for a failing call (429, 5xx, network), the first included. */
  attempts?: number;
  /** First backoff delay; doubles each attempt. */
  backoffMs?: number;
}

// Local ids for calls Gemini sent without one; they are not sent back.
const LOCAL = "local_";

const STAFF_NOTE = "[A person of the business answered the customer]: ";

/** Turns the engine's history into Gemini contents, merging neighbours of the same role. */
export function toContents(history: Turn[]): Content[] {
  const contents: Content[] = [];
  const push = (role: "user" | "model", parts: Part[]) => {
    if (parts.length === 0) return;
    const last = contents.at(-1);
    const lastHasCalls = last?.parts?.some((p) => p.functionCall);
    const isResponse = parts.some((p) => p.functionResponse);
    if (last && last.role === role && !lastHasCalls && !isResponse) last.parts!.push(...parts);
    else contents.push({ role, parts });
  };
  for (const turn of history) {
    if (turn.role === "user") push("user", [{ text: turn.text }]);
    else if (turn.role === "model") {
      const parts: Part[] = [];
      if (turn.text) parts.push({ text: turn.by === "staff" ? STAFF_NOTE + turn.text : turn.text });
      for (const c of turn.calls ?? []) {
        parts.push({
          functionCall: {
            name: c.name,
            args: c.args,
            ...(c.id.startsWith(LOCAL) ? {} : { id: c.id }),
          },
        });
      }
      push("model", parts);
    } else {
      push(
        "user",
        turn.results.map((r) => ({
          functionResponse: {
            name: r.name,
            ...(r.id.startsWith(LOCAL) ? {} : { id: r.id }),
            response: r.error ? { error: r.error } : { output: r.result },
          },
        })),
      );
    }
  }
  return contents;
}

function statusOf(err: unknown): number | undefined {
  const status = (err as { status?: unknown }).status;
  return typeof status === "number" ? status : undefined;
}

function retryable(err: unknown): boolean {
  const status = statusOf(err);
  if (status === undefined) return (err as Error).name !== "AbortError";
  return status === 429 || status >= 500;
}

/** Creates the Gemini model. */
export function createGeminiModel(config: GeminiConfig): ChatModel {
  const ai = new GoogleGenAI({
    apiKey: config.apiKey,
    httpOptions: { apiVersion: "v1beta", ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}) },
  });
  const attempts = config.attempts ?? 3;
  const backoff = config.backoffMs ?? 400;
  return {
    name: config.model,
    async *stream(request: ModelRequest): AsyncGenerator<ModelChunk> {
      const params = {
        model: config.model,
        contents: toContents(request.history),
        config: {
          systemInstruction: request.system,
          tools: [{
            functionDeclarations: request.tools.map((t) => ({
              name: t.name,
              description: t.description,
              parametersJsonSchema: t.parameters,
            })),
          }],
          temperature: 0.3,
          abortSignal: request.signal,
        },
      };
      let stream: AsyncGenerator<{ candidates?: { content?: Content }[]; usageMetadata?: unknown }>;
      for (let attempt = 1;; attempt++) {
        try {
          stream = await ai.models.generateContentStream(params) as typeof stream;
          break;
        } catch (err) {
          if (request.signal?.aborted) {
            throw new ModelUnavailableError("Gemini did not answer in time", { cause: err });
          }
          if (attempt >= attempts || !retryable(err)) {
            throw new ModelUnavailableError(
              `Gemini failed${statusOf(err) ? ` (${statusOf(err)})` : ""}: ${
                (err as Error).message
              }`,
              { cause: err },
            );
          }
          await new Promise((r) => setTimeout(r, backoff * 2 ** (attempt - 1)));
        }
      }
      const calls: ToolCall[] = [];
      let usage: { promptTokenCount?: number; candidatesTokenCount?: number } | undefined;
      try {
        for await (const chunk of stream) {
          for (const part of chunk.candidates?.[0]?.content?.parts ?? []) {
            if (part.text && !part.thought) yield { type: "text", text: part.text };
            if (part.functionCall?.name) {
              calls.push({
                id: part.functionCall.id ?? `${LOCAL}${crypto.randomUUID()}`,
                name: part.functionCall.name,
                args: (part.functionCall.args ?? {}) as Record<string, unknown>,
              });
            }
          }
          if (chunk.usageMetadata) usage = chunk.usageMetadata as typeof usage;
        }
      } catch (err) {
        throw new ModelUnavailableError(
          request.signal?.aborted
            ? "Gemini stopped answering"
            : `Gemini stream failed: ${(err as Error).message}`,
          { cause: err },
        );
      }
      if (calls.length > 0) yield { type: "tool_calls", calls };
      if (usage) {
        yield {
          type: "usage",
          inputTokens: usage.promptTokenCount ?? 0,
          outputTokens: usage.candidatesTokenCount ?? 0,
        };
      }
    },
  };
}
