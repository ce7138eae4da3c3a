/**
 * Hono's trie router with its recent matches remembered by method and path: most requests ask
 * for a path seen a moment ago, and a remembered match skips the walk through some ninety routes.
 * @module
 */
import type { Result, Router } from "hono/router";
import { TrieRouter } from "hono/router/trie-router";

// Enough for every route's common paths; a flood of distinct paths only empties it now and then.
const MEMO_SIZE = 2000;

/** A router that remembers the results of the trie router it wraps. */
export class MemoRouter<T> implements Router<T> {
  name = "MemoRouter";
  #inner = new TrieRouter<T>();
  #memo = new Map<string, Result<T>>();

  /** Adds a route (and forgets every remembered match). */
  add(method: string, path: string, handler: T): void {
    this.#memo.clear();
    this.#inner.add(method, path, handler);
  }

  /** The handlers and parameters for a request, as the trie router finds them. */
  match(method: string, path: string): Result<T> {
    const key = `${method} ${path}`;
    let result = this.#memo.get(key);
    if (result) return result;
    result = this.#inner.match(method, path);
    if (this.#memo.size >= MEMO_SIZE) this.#memo.clear();
    this.#memo.set(key, result);
    return result;
  }
}
