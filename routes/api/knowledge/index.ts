import { api, tenantTx } from "../../../lib/api.ts";
import { addKnowledge, KnowledgeInput, listKnowledge } from "../../../services/bot/knowledge.ts";

export const handler = {
  GET: api({
    summary: "What the assistant knows from the website and notes",
    tags: ["knowledge"],
    access: "member",
    handle: (c) => tenantTx(c, async (tx) => ({ data: await listKnowledge(tx) })),
  }),
  POST: api({
    summary: "Teach the assistant a text (an FAQ answer, a policy, a page)",
    description: "Long texts are split into chunks; search_knowledge finds them.",
    tags: ["knowledge"],
    access: "owner",
    body: KnowledgeInput,
    status: 201,
    handle: (c, { body }) => tenantTx(c, async (tx) => ({ data: await addKnowledge(tx, body) })),
  }),
};
