/**
 * The offline assistant's language toolkit: pure functions that read Turkish and English customer
 * messages without a language model — text normalisation, fuzzy offering names, dates and times,
 * entities and intents.
 * @module
 */
export * from "./text.ts";
export * from "./numbers.ts";
export * from "./fuzzy.ts";
export * from "./datetime.ts";
export * from "./entities.ts";
export * from "./intents.ts";
export * from "./words.ts";
