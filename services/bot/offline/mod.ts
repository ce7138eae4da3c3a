/**
 * The built-in offline assistant (Turkish and English), used when no Gemini key is set. A
 * slot-filling dialogue manager (see dialogue.ts) over the language toolkit in nlu/: it emits the
 * same tool calls a Gemini model would and keeps its memory in the conversation's state.
 * @module
 */
import type { ChatModel, ModelChunk } from "../model.ts";
import { respond } from "./dialogue.ts";

/** Creates the offline assistant. */
export function createOfflineModel(): ChatModel {
  return {
    name: "offline",
    async *stream(request): AsyncGenerator<ModelChunk> {
      const reply = respond(request);
      // Sentence by sentence, as a streaming model would.
      for (const part of reply.text.match(/[^\n]*?(?:[.!?…](?=\s)|\n|$)\s*/g) ?? []) {
        if (part) yield { type: "text", text: part };
      }
      if (reply.calls.length > 0) yield { type: "tool_calls", calls: reply.calls };
      yield { type: "state", state: reply.state as unknown as Record<string, unknown> };
    },
  };
}
