import assert from "node:assert/strict";
import {
  ApiError,
  type Content,
  type FunctionDeclaration,
  type GenerateContentResponse,
  GoogleGenAI,
  Type,
} from "@google/genai";
import {
  callTurn,
  errorTurn,
  type FakeGemini,
  lastRequest,
  latestFunctionResponses,
  stallTurn,
  startFakeGemini,
  textTurn,
} from "./gemini.ts";

const MODEL = "gemini-2.5-flash";

const listServices: FunctionDeclaration = {
  name: "list_services",
  description: "Lists the business's services with prices",
  parameters: { type: Type.OBJECT, properties: {} },
};

const checkAvailability: FunctionDeclaration = {
  name: "check_availability",
  description: "Free slots for a service on a day",
  parameters: {
    type: Type.OBJECT,
    properties: { service_id: { type: Type.STRING }, date: { type: Type.STRING } },
    required: ["service_id", "date"],
  },
};

function client(fake: FakeGemini, extra: { timeout?: number; attempts?: number } = {}) {
  return new GoogleGenAI({
    apiKey: "test-key",
    httpOptions: {
      baseUrl: fake.url,
      apiVersion: "v1beta",
      timeout: extra.timeout,
      retryOptions: extra.attempts ? { attempts: extra.attempts, initialDelay: 0.01 } : undefined,
    },
  });
}

async function collect(stream: AsyncGenerator<GenerateContentResponse>) {
  const chunks: GenerateContentResponse[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

const userTurn = (text: string): Content => ({ role: "user", parts: [{ text }] });

Deno.test("fake Gemini streams text chunks to the real SDK and records the request", async () => {
  await using fake = startFakeGemini({
    script: [textTurn("Merhaba! Size nasıl yardımcı olabilirim?", { chunks: 3 })],
  });
  const ai = client(fake);

  const stream = await ai.models.generateContentStream({
    model: MODEL,
    contents: [userTurn("Selam")],
    config: {
      systemInstruction: "Sen bir kuaför asistanısın.",
      tools: [{ functionDeclarations: [listServices, checkAvailability] }],
      temperature: 0.2,
      maxOutputTokens: 512,
    },
  });
  const chunks = await collect(stream);

  assert.equal(chunks.length, 3);
  assert.equal(
    chunks.map((chunk) => chunk.text).join(""),
    "Merhaba! Size nasıl yardımcı olabilirim?",
  );
  assert.equal(chunks[0]?.candidates?.[0]?.finishReason, undefined);
  assert.equal(chunks[2]?.candidates?.[0]?.finishReason, "STOP");
  const usage = chunks[2]?.usageMetadata;
  assert.ok(usage?.promptTokenCount && usage.promptTokenCount > 0);
  assert.ok(usage?.candidatesTokenCount && usage.candidatesTokenCount > 0);
  assert.equal(usage?.totalTokenCount, usage.promptTokenCount + usage.candidatesTokenCount);

  const request = lastRequest(fake);
  assert.equal(request.method, "streamGenerateContent");
  assert.equal(request.model, MODEL);
  assert.equal(request.path, `/v1beta/models/${MODEL}:streamGenerateContent?alt=sse`);
  assert.equal(request.apiKey, "test-key");
  assert.equal(request.headers["x-goog-api-key"], "test-key");
  assert.match(request.headers["x-goog-api-client"] ?? "", /google-genai-sdk\//);
  assert.deepEqual(request.body.contents, [{ role: "user", parts: [{ text: "Selam" }] }]);
  assert.deepEqual(request.body.systemInstruction, {
    role: "user",
    parts: [{ text: "Sen bir kuaför asistanısın." }],
  });
  const declarations = request.body.tools?.[0]?.functionDeclarations ?? [];
  assert.deepEqual(declarations.map((declaration) => declaration.name), [
    "list_services",
    "check_availability",
  ]);
  assert.deepEqual(declarations[1]?.parameters, {
    type: "OBJECT",
    properties: { service_id: { type: "STRING" }, date: { type: "STRING" } },
    required: ["service_id", "date"],
  });
  assert.deepEqual(request.body.generationConfig, { temperature: 0.2, maxOutputTokens: 512 });
});

Deno.test("fake Gemini answers a function call, then text after the functionResponse", async () => {
  await using fake = startFakeGemini({
    script: [
      callTurn([{ name: "list_services", args: {}, id: "call-1" }]),
      textTurn("Saç kesimi 300 TL."),
    ],
  });
  const ai = client(fake);
  const config = { tools: [{ functionDeclarations: [listServices] }] };
  const contents: Content[] = [userTurn("Hizmetleriniz neler?")];

  const first = await collect(
    await ai.models.generateContentStream({ model: MODEL, contents, config }),
  );
  const calls = first.flatMap((chunk) => chunk.functionCalls ?? []);
  assert.deepEqual(calls, [{ name: "list_services", args: {}, id: "call-1" }]);

  contents.push(first[0]?.candidates?.[0]?.content ?? { role: "model", parts: [] });
  contents.push({
    role: "user",
    parts: [{
      functionResponse: {
        id: "call-1",
        name: "list_services",
        response: { output: [{ name: "Saç kesimi", price: "300.00" }] },
      },
    }],
  });
  const second = await collect(
    await ai.models.generateContentStream({ model: MODEL, contents, config }),
  );

  assert.equal(second.map((chunk) => chunk.text).join(""), "Saç kesimi 300 TL.");
  assert.deepEqual(latestFunctionResponses(fake), [{
    id: "call-1",
    name: "list_services",
    response: { output: [{ name: "Saç kesimi", price: "300.00" }] },
  }]);
  assert.deepEqual(lastRequest(fake).body.contents.map((content) => content.role), [
    "user",
    "model",
    "user",
  ]);
  assert.deepEqual(lastRequest(fake).body.contents[1], {
    role: "model",
    parts: [{ functionCall: { name: "list_services", args: {}, id: "call-1" } }],
  });
});

Deno.test("fake Gemini sends parallel calls as two functionCall parts in one chunk", async () => {
  await using fake = startFakeGemini({
    script: [
      callTurn([
        { name: "check_availability", args: { service_id: "s1", date: "2025-06-06" } },
        { name: "check_availability", args: { service_id: "s2", date: "2025-06-06" } },
      ], { text: "Bakıyorum." }),
    ],
  });
  const ai = client(fake);

  const chunks = await collect(
    await ai.models.generateContentStream({
      model: MODEL,
      contents: [userTurn("Cuma boyama ve kesim için yer var mı?")],
      config: { tools: [{ functionDeclarations: [checkAvailability] }] },
    }),
  );

  assert.equal(chunks.length, 2);
  assert.equal(chunks[0]?.text, "Bakıyorum.");
  const last = chunks[1];
  assert.equal(last?.candidates?.[0]?.content?.parts?.length, 2);
  assert.deepEqual(last?.functionCalls, [
    { name: "check_availability", args: { service_id: "s1", date: "2025-06-06" } },
    { name: "check_availability", args: { service_id: "s2", date: "2025-06-06" } },
  ]);
});

Deno.test("fake Gemini refuses a function response turn that misses a call", async () => {
  await using fake = startFakeGemini({ script: [textTurn("never sent")] });
  const ai = client(fake);

  const error = await assertApiError(ai.models.generateContentStream({
    model: MODEL,
    contents: [
      userTurn("?"),
      {
        role: "model",
        parts: [
          { functionCall: { name: "list_services", args: {} } },
          { functionCall: { name: "list_products", args: {} } },
        ],
      },
      { role: "user", parts: [{ functionResponse: { name: "list_services", response: {} } }] },
    ],
  }));
  assert.equal(error.status, 400);
  assert.match(error.message, /number of function response parts/);
});

Deno.test("fake Gemini errors surface as SDK ApiErrors with the status", async (t) => {
  await using fake = startFakeGemini({ script: [errorTurn(429), errorTurn(503), errorTurn(500)] });
  const ai = client(fake);
  const params = { model: MODEL, contents: [userTurn("Selam")] };

  await t.step("429 RESOURCE_EXHAUSTED", async () => {
    const error = await assertApiError(ai.models.generateContentStream(params));
    assert.equal(error.status, 429);
    assert.match(error.message, /RESOURCE_EXHAUSTED/);
  });
  await t.step("503 UNAVAILABLE", async () => {
    const error = await assertApiError(ai.models.generateContentStream(params));
    assert.equal(error.status, 503);
    assert.match(error.message, /The model is overloaded/);
  });
  await t.step("500 INTERNAL on generateContent", async () => {
    const error = await assertApiError(ai.models.generateContent(params));
    assert.equal(error.status, 500);
  });
  await t.step("a wrong key is a 400 API_KEY_INVALID", async () => {
    const stranger = new GoogleGenAI({
      apiKey: "wrong-key",
      httpOptions: { baseUrl: fake.url, apiVersion: "v1beta" },
    });
    const error = await assertApiError(stranger.models.generateContent(params));
    assert.equal(error.status, 400);
    assert.match(error.message, /API_KEY_INVALID/);
  });
  assert.equal(fake.requests.length, 4);
});

Deno.test("fake Gemini lets httpOptions.retryOptions retry a 503", async () => {
  await using fake = startFakeGemini({ script: [errorTurn(503), textTurn("Tekrar denedim.")] });
  const ai = client(fake, { attempts: 2 });

  const chunks = await collect(
    await ai.models.generateContentStream({ model: MODEL, contents: [userTurn("Selam")] }),
  );

  assert.equal(chunks.map((chunk) => chunk.text).join(""), "Tekrar denedim.");
  assert.equal(fake.requests.length, 2);
});

Deno.test("a stalled stream is aborted with config.abortSignal", async () => {
  await using fake = startFakeGemini({ script: [stallTurn({ text: "Bir saniye" })] });
  const ai = client(fake);
  const controller = new AbortController();

  const stream = await ai.models.generateContentStream({
    model: MODEL,
    contents: [userTurn("Selam")],
    config: { abortSignal: controller.signal },
  });
  const first = await stream.next();
  assert.equal(first.done, false);
  assert.equal(first.value?.text, "Bir saniye");

  const pending = stream.next();
  controller.abort();
  await assert.rejects(pending, (error: Error) => error.name === "AbortError");
});

Deno.test("a stalled generateContent ends with httpOptions.timeout", async () => {
  await using fake = startFakeGemini({ script: [stallTurn()] });
  const ai = client(fake, { timeout: 150 });
  const params = { model: MODEL, contents: [userTurn("Selam")] };

  await assert.rejects(
    ai.models.generateContent(params),
    (error: Error) => error.name === "AbortError",
  );
  const headers = lastRequest(fake).headers;
  assert.equal(headers["x-server-timeout"], "1");
});

Deno.test("close() ends a stalled stream the client never aborted", async () => {
  const fake = startFakeGemini({ script: [stallTurn({ text: "Bir" })] });
  const ai = client(fake);
  const stream = await ai.models.generateContentStream({ model: MODEL, contents: "Selam" });
  assert.equal((await stream.next()).value?.text, "Bir");

  const rest = collect(stream);
  await fake.close();

  assert.deepEqual(await rest, []);
});

Deno.test("fake Gemini speaks the raw wire: key check and the JSON-array stream", async () => {
  await using fake = startFakeGemini({ script: [textTurn("a b c d", { chunks: 2 })] });
  const url = `${fake.url}/v1beta/models/${MODEL}:streamGenerateContent`;
  const body = JSON.stringify({ contents: [{ role: "user", parts: [{ text: "Selam" }] }] });

  const anonymous = await fetch(url, { method: "POST", body });
  assert.equal(anonymous.status, 403);
  assert.equal((await anonymous.json()).error.status, "PERMISSION_DENIED");

  const array = await fetch(url, {
    method: "POST",
    body,
    headers: { "x-goog-api-key": "test-key" },
  });
  assert.equal(array.headers.get("content-type"), "application/json; charset=UTF-8");
  const chunks = await array.json();
  assert.deepEqual(
    chunks.map((chunk: { candidates: { content: { parts: { text: string }[] } }[] }) =>
      chunk.candidates[0]?.content.parts[0]?.text
    ),
    ["a b ", "c d"],
  );
  assert.equal(chunks[1].candidates[0].finishReason, "STOP");
  assert.equal(lastRequest(fake).alt, null);
});

Deno.test("fake Gemini serves non-streaming generateContent as one response", async () => {
  await using fake = startFakeGemini({
    script: [
      textTurn("Merhaba dünya", { chunks: 2 }),
      callTurn([{ name: "list_services" }], { text: "Bakalım." }),
    ],
  });
  const ai = client(fake);

  const text = await ai.models.generateContent({ model: MODEL, contents: "Selam" });
  assert.equal(text.text, "Merhaba dünya");
  assert.equal(text.candidates?.[0]?.content?.parts?.length, 1);
  assert.equal(text.candidates?.[0]?.finishReason, "STOP");
  assert.ok((text.usageMetadata?.totalTokenCount ?? 0) > 0);
  assert.equal(lastRequest(fake).path, `/v1beta/models/${MODEL}:generateContent`);
  assert.equal(lastRequest(fake).alt, null);

  const call = await ai.models.generateContent({
    model: MODEL,
    contents: "Hizmetler?",
    config: { tools: [{ functionDeclarations: [listServices] }] },
  });
  assert.deepEqual(call.candidates?.[0]?.content?.parts, [
    { text: "Bakalım." },
    { functionCall: { name: "list_services", args: {} } },
  ]);
  assert.deepEqual(call.functionCalls, [{ name: "list_services", args: {} }]);
});

Deno.test("fake Gemini can be driven by a handler function", async () => {
  await using fake = startFakeGemini({
    script: (request, index) => {
      const last = request.body.contents.at(-1)?.parts[0]?.text ?? "";
      return textTurn(`#${index}: ${last.toUpperCase()}`);
    },
  });
  const ai = client(fake);

  const one = await ai.models.generateContent({ model: MODEL, contents: "bir" });
  const two = await collect(
    await ai.models.generateContentStream({ model: MODEL, contents: "iki" }),
  );

  assert.equal(one.text, "#0: BIR");
  assert.equal(two[0]?.text, "#1: IKI");
  assert.throws(() => fake.enqueue(textTurn("x")), /handler function/);
});

async function assertApiError(promise: Promise<unknown>): Promise<ApiError> {
  let caught: unknown;
  await assert.rejects(promise, (error: unknown) => {
    caught = error;
    return error instanceof ApiError;
  });
  assert.ok(caught instanceof ApiError);
  return caught;
}
