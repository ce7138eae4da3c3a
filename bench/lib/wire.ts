/**
 * Timing on the wire: tcpdump captures the loopback traffic of a benchmark, and the capture is read
 * here (classic pcap, Ethernet or Linux "cooked" framing, IPv4 and IPv6, TCP) into the instants at
 * which given bytes crossed a connection. A packet's instant is when the kernel passed it to the
 * loopback device, so the time between two packets is free of the load generator's own delays.
 * @module
 */

/** One TCP segment with a payload, in capture order. */
export interface Segment {
  /** Seconds since the epoch, microsecond (or nanosecond) resolution, as a millisecond number. */
  atMs: number;
  srcPort: number;
  dstPort: number;
  payload: Uint8Array;
}

/** A running capture of loopback TCP traffic on `ports`. */
export interface Capture {
  /** Stops the capture and returns its segments. */
  stop(): Promise<Segment[]>;
}

/** Starts tcpdump on loopback for `ports`; null when tcpdump is missing or may not capture. */
export async function startCapture(ports: number[]): Promise<Capture | null> {
  const file = await Deno.makeTempFile({ suffix: ".pcap" });
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command("tcpdump", {
      args: [
        "-i",
        "lo",
        "-s",
        "0",
        "-B",
        "262144",
        "-U",
        "-w",
        file,
        ports.map((p) => `tcp port ${p}`).join(" or "),
      ],
      stdout: "null",
      stderr: "piped",
    }).spawn();
  } catch {
    await Deno.remove(file);
    return null;
  }
  // tcpdump announces on stderr when it listens; without that line it could not capture.
  const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  let said = "";
  const deadline = Date.now() + 5000;
  while (!said.includes("listening on") && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    said += value;
  }
  if (!said.includes("listening on")) {
    child.kill("SIGTERM");
    await child.status;
    await Deno.remove(file);
    console.error(`tcpdump could not capture: ${said.trim()}`);
    return null;
  }
  const draining = (async () => {
    while (!(await reader.read()).done);
  })();
  return {
    async stop() {
      // Let the last packets reach the file before tcpdump is asked to end.
      await new Promise((r) => setTimeout(r, 300));
      child.kill("SIGINT");
      await child.status;
      await draining;
      const bytes = await Deno.readFile(file);
      await Deno.remove(file);
      return readPcap(bytes);
    },
  };
}

/** Reads a classic pcap file into its TCP segments that carry a payload. */
export function readPcap(bytes: Uint8Array): Segment[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, true);
  const little = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  const nanos = magic === 0xa1b23c4d || magic === 0x4d3cb2a1;
  if (!little && magic !== 0xd4c3b2a1 && magic !== 0x4d3cb2a1) throw new Error("not a pcap file");
  const linkType = view.getUint32(20, little);
  const segments: Segment[] = [];
  for (let at = 24; at + 16 <= bytes.byteLength;) {
    const seconds = view.getUint32(at, little);
    const fraction = view.getUint32(at + 4, little);
    const length = view.getUint32(at + 8, little);
    const start = at + 16;
    at = start + length;
    if (at > bytes.byteLength) break;
    const atMs = seconds * 1000 + (nanos ? fraction / 1e6 : fraction / 1e3);
    const segment = tcpSegment(bytes.subarray(start, at), linkType, atMs);
    if (segment) segments.push(segment);
  }
  return segments;
}

// The TCP segment in one captured frame, or null for anything else or an empty payload.
function tcpSegment(frame: Uint8Array, linkType: number, atMs: number): Segment | null {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  let ip: number;
  let etherType: number;
  if (linkType === 1) {
    ip = 14;
    etherType = view.getUint16(12);
  } else if (linkType === 113) {
    ip = 16;
    etherType = view.getUint16(14);
  } else if (linkType === 276) {
    ip = 20;
    etherType = view.getUint16(0);
  } else return null;
  let tcp: number;
  let end: number;
  if (etherType === 0x0800) {
    if (frame[ip + 9] !== 6) return null;
    tcp = ip + (frame[ip]! & 0x0f) * 4;
    end = ip + view.getUint16(ip + 2);
  } else if (etherType === 0x86dd) {
    if (frame[ip + 6] !== 6) return null;
    tcp = ip + 40;
    end = tcp + view.getUint16(ip + 4);
  } else return null;
  const srcPort = view.getUint16(tcp);
  const dstPort = view.getUint16(tcp + 2);
  const payloadAt = tcp + (frame[tcp + 12]! >> 4) * 4;
  const payload = frame.subarray(payloadAt, Math.min(end, frame.byteLength));
  if (payload.byteLength === 0) return null;
  return { atMs, srcPort, dstPort, payload };
}

/**
 * For each request named by an id, the instant the first answer segment matching `answer` crossed
 * its connection after the request. Requests go to `port`; a request's id is the last match of
 * `id` in its segments (a request may name earlier ones, as a conversation's history does).
 */
export function answerInstants(
  segments: Segment[],
  port: number,
  id: RegExp,
  answer: string,
): Map<string, number> {
  const decoder = new TextDecoder();
  // The id asked last on each connection, by the client's port.
  const asked = new Map<number, string>();
  const found = new Map<string, number>();
  const every = new RegExp(id.source, "g");
  for (const s of segments) {
    if (s.dstPort === port) {
      const text = decoder.decode(s.payload);
      const ids = [...text.matchAll(every)];
      if (ids.length > 0) asked.set(s.srcPort, ids.at(-1)![1] ?? ids.at(-1)![0]);
    } else if (s.srcPort === port) {
      const pending = asked.get(s.dstPort);
      if (pending === undefined || found.has(pending)) continue;
      if (decoder.decode(s.payload).includes(answer)) {
        found.set(pending, s.atMs);
        asked.delete(s.dstPort);
      }
    }
  }
  return found;
}
