/**
 * What the business's website and notes say, kept in chunks and searched by the assistant's
 * `search_knowledge`. Search folds Turkish letters and case, and ranks chunks by how many of the
 * question's words (or their stems) they contain.
 * @module
 */
import { z } from "zod";
import type { Tx } from "../../db/types.ts";
import { NotFoundError } from "../errors.ts";
import { foldText } from "../offerings/offerings.ts";

/** What `POST /api/knowledge` accepts. */
export const KnowledgeInput = z.object({
  title: z.string().trim().min(1).max(300),
  content: z.string().trim().min(1).max(100_000),
  source_url: z.url().max(1000).optional(),
}).strict();

/** A stored chunk. */
export interface KnowledgeChunk {
  id: string;
  source_url: string;
  title: string | null;
  content: string;
  created_at: Date;
}

/** A search hit. */
export interface KnowledgeHit {
  title: string | null;
  url: string;
  snippet: string;
}

const STOP = new Set(
  "acaba ama ben bir biz bu da de den di dir en gibi hangi icin ile ise kac mi mu mı mü nasil ne neden nedir nerede o olan olarak sen siz su ve veya var ya yok the and for are you your our can what how where when with from that this is"
    .split(" "),
);

const MAX_CHUNK = 1200;

/** Splits a text into chunks of about a paragraph or two. */
export function chunkText(text: string): string[] {
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const chunks: string[] = [];
  let current = "";
  for (const p of paragraphs) {
    if (current && current.length + p.length + 2 > MAX_CHUNK) {
      chunks.push(current);
      current = "";
    }
    if (p.length > MAX_CHUNK) {
      for (let i = 0; i < p.length; i += MAX_CHUNK) chunks.push(p.slice(i, i + MAX_CHUNK));
      continue;
    }
    current = current ? `${current}\n\n${p}` : p;
  }
  if (current) chunks.push(current);
  return chunks;
}

/** The words of a question worth searching for, folded, each with a stem for Turkish suffixes. */
export function searchTerms(query: string): string[] {
  return [
    ...new Set(
      foldText(query).split(/[^a-z0-9]+/).filter((w) => w.length >= 3 && !STOP.has(w))
        .map((w) => (w.length > 6 ? w.slice(0, Math.max(5, w.length - 3)) : w)),
    ),
  ].slice(0, 8);
}

/** Stores a text as chunks under a title and source. */
export async function addKnowledge(
  tx: Tx,
  input: z.infer<typeof KnowledgeInput>,
): Promise<KnowledgeChunk[]> {
  const source = input.source_url ?? "manual";
  const rows = chunkText(input.content).map((content, i) => ({
    tenant_id: tx.tenantId,
    source_url: source,
    title: i === 0 ? input.title : `${input.title} (${i + 1})`,
    content,
  }));
  const inserted = await tx<KnowledgeChunk[]>`
    insert into knowledge_chunks ${tx(rows)}
    returning id, source_url, title, content, created_at`;
  tx.emit({ type: "knowledge.changed" });
  return inserted;
}

/** Replaces everything stored from one source (a re-imported page). */
export async function replaceSource(
  tx: Tx,
  sourceUrl: string,
  title: string,
  content: string,
): Promise<number> {
  await tx`delete from knowledge_chunks where source_url = ${sourceUrl}`;
  if (!content.trim()) return 0;
  return (await addKnowledge(tx, { title, content, source_url: sourceUrl })).length;
}

/** Lists stored chunks, newest first. */
export async function listKnowledge(tx: Tx, limit = 200): Promise<KnowledgeChunk[]> {
  return await tx<KnowledgeChunk[]>`
    select id, source_url, title, content, created_at from knowledge_chunks
    order by created_at desc, id limit ${limit}`;
}

/** Deletes one chunk. */
export async function deleteKnowledge(tx: Tx, id: string): Promise<void> {
  const [row] = await tx`delete from knowledge_chunks where id = ${id} returning id`;
  if (!row) throw new NotFoundError("Knowledge entry");
  tx.emit({ type: "knowledge.changed" });
}

function snippet(content: string, terms: string[]): string {
  const folded = foldText(content);
  const found = terms.map((t) => folded.indexOf(t)).filter((i) => i >= 0);
  // A chunk found by its title alone is quoted from its start, not from its end.
  const at = found.length > 0 ? Math.min(...found) : 0;
  const start = Math.max(0, at - 120);
  const text = content.slice(start, start + 400).trim();
  return `${start > 0 ? "…" : ""}${text}${start + 400 < content.length ? "…" : ""}`;
}

/** The best three chunks for a question. */
export async function searchKnowledge(tx: Tx, query: string): Promise<KnowledgeHit[]> {
  const terms = searchTerms(query);
  if (terms.length === 0) return [];
  const score = terms.map((t) => tx`(search_text like ${`%${t}%`})::int`);
  const rows = await tx<
    { title: string | null; source_url: string; content: string; score: number }[]
  >`
    select title, source_url, content,
      ${score.reduce((acc, part) => tx`${acc} + ${part}`)} as score
    from knowledge_chunks
    where ${terms.map((t) => tx`search_text like ${`%${t}%`}`).reduce((a, b) => tx`${a} or ${b}`)}
    order by score desc, length(content)
    limit 3`;
  return rows.map((r) => ({
    title: r.title,
    url: r.source_url,
    snippet: snippet(r.content, terms),
  }));
}
