/**
 * The built-in offline assistant (Turkish and English), used when no Gemini key is set.
 * @module
 */
import type { ChatModel } from "../model.ts";

/** Creates the offline assistant. */
export function createOfflineModel(): ChatModel {
  return {
    name: "offline",
    async *stream(request) {
      yield {
        type: "text",
        text: request.locale === "en" ? "Sorry, I did not understand." : "Üzgünüm, anlayamadım.",
      };
    },
  };
}
