/**
 * A fake Netgsm REST v2 gateway on loopback: `POST /sms/rest/v2/send` with Basic auth (usercode and
 * password) and a JSON body; answers `{ code: "00", jobid, description }`, or one of Netgsm's
 * refusal codes (30 for bad credentials, 40 for an unknown sender name, 70 for a bad request, or
 * whatever the test asks for). Refusals come with HTTP 406; clients must read the body's code.
 * @module
 */
import { type JsonRequest, readJsonRequest } from "./_json_request.ts";

/** One request the fake received. */
export type NetgsmRecordedRequest = JsonRequest;

/** A message the fake accepted. */
export interface FakeNetgsmMessage {
  jobid: string;
  header: string;
  no: string;
  msg: string;
  encoding: string | null;
  iysfilter: string | null;
}

/** An answer the fake gives instead of accepting the next send. */
export type NetgsmAnswer =
  | { code: string; status?: number; description?: string }
  | { status: number; text: string };

/** A running fake Netgsm server. */
export interface FakeNetgsm {
  url: string;
  /** The send endpoint's full URL. */
  sendUrl: string;
  requests: NetgsmRecordedRequest[];
  messages: FakeNetgsmMessage[];
  /** Answers the next send with this instead (queued, one per call). */
  answerNext(answer: NetgsmAnswer): void;
  close(): Promise<void>;
}

const SEND = "/sms/rest/v2/send";

/** Starts the fake for one subscriber and its approved sender names. */
export function startFakeNetgsm(
  options: { usercode: string; password: string; headers: string[] },
): FakeNetgsm {
  const requests: NetgsmRecordedRequest[] = [];
  const messages: FakeNetgsmMessage[] = [];
  const answers: NetgsmAnswer[] = [];
  let jobSeq = 17_377_215_340;

  const refuse = (code: string, description: string, status = 406) =>
    Response.json({ code, description }, { status });

  const handler = async (req: Request): Promise<Response> => {
    const request = await readJsonRequest(req);
    requests.push(request);
    const { path, body } = request;
    if (req.method !== "POST" || path !== SEND) return new Response("Not Found", { status: 404 });

    const expected = `Basic ${base64Utf8(`${options.usercode}:${options.password}`)}`;
    if (req.headers.get("authorization") !== expected) {
      return refuse("30", "Geçersiz kullanıcı adı, şifre veya kullanıcınızın API erişim izni yok.");
    }
    const next = answers.shift();
    if (next) {
      if ("text" in next) return new Response(next.text, { status: next.status });
      return refuse(next.code, next.description ?? `Hata kodu ${next.code}`, next.status);
    }
    if (!body) {
      return refuse("70", "Hatalı sorgulama. Gönderdiğiniz parametrelerden birisi hatalı.");
    }
    const header = typeof body.msgheader === "string" ? body.msgheader : "";
    if (!options.headers.includes(header)) {
      return refuse("40", "Mesaj başlığınız (gönderici adınız) sistemde tanımlı değil.");
    }
    const list = Array.isArray(body.messages) ? body.messages as Record<string, unknown>[] : [];
    if (list.length === 0) {
      return refuse("70", "Hatalı sorgulama. Gönderdiğiniz parametrelerden birisi hatalı.");
    }
    for (const m of list) {
      if (typeof m.msg !== "string" || m.msg.trim() === "") {
        return refuse("20", "Mesaj metninde ki problemden dolayı gönderilemedi.");
      }
      if (typeof m.no !== "string" || !/^(5\d{9}|0?5\d{9}|905\d{9}|00[1-9]\d{6,14})$/.test(m.no)) {
        return refuse("70", "Hatalı sorgulama. Gönderdiğiniz parametrelerden birisi hatalı.");
      }
    }
    const jobid = String(++jobSeq) + "0504171493";
    for (const m of list) {
      messages.push({
        jobid,
        header,
        no: String(m.no),
        msg: String(m.msg),
        encoding: typeof body.encoding === "string" ? body.encoding : null,
        iysfilter: typeof body.iysfilter === "string" ? body.iysfilter : null,
      });
    }
    return Response.json({ code: "00", jobid, description: "queued" });
  };

  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, handler);
  const url = `http://127.0.0.1:${server.addr.port}`;

  return {
    url,
    sendUrl: `${url}${SEND}`,
    requests,
    messages,
    answerNext(answer) {
      answers.push(answer);
    },
    close: () => server.shutdown(),
  };
}

function base64Utf8(s: string): string {
  return btoa(Array.from(new TextEncoder().encode(s), (b) => String.fromCharCode(b)).join(""));
}
