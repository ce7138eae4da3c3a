import assert from "node:assert/strict";
import { answerInstants, readPcap } from "../../bench/lib/wire.ts";

// One Ethernet + IPv4 + TCP frame on loopback carrying `text` from port `from` to port `to`.
function frame(from: number, to: number, text: string): Uint8Array {
  const payload = new TextEncoder().encode(text);
  const bytes = new Uint8Array(14 + 20 + 20 + payload.length);
  const view = new DataView(bytes.buffer);
  view.setUint16(12, 0x0800);
  bytes[14] = 0x45;
  view.setUint16(16, 20 + 20 + payload.length);
  bytes[23] = 6;
  bytes.set([127, 0, 0, 1], 26);
  bytes.set([127, 0, 0, 1], 30);
  view.setUint16(34, from);
  view.setUint16(36, to);
  bytes[46] = 5 << 4;
  bytes.set(payload, 54);
  return bytes;
}

// A pcap file (microseconds, little-endian, Ethernet) of frames at the given instants (ms).
function pcap(frames: [number, Uint8Array][]): Uint8Array {
  const size = 24 + frames.reduce((n, [, f]) => n + 16 + f.length, 0);
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0xa1b2c3d4, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, 65535, true);
  view.setUint32(20, 1, true);
  let at = 24;
  for (const [ms, f] of frames) {
    view.setUint32(at, Math.floor(ms / 1000), true);
    view.setUint32(at + 4, Math.round((ms % 1000) * 1000), true);
    view.setUint32(at + 8, f.length, true);
    view.setUint32(at + 12, f.length, true);
    bytes.set(f, at + 16);
    at += 16 + f.length;
  }
  return bytes;
}

Deno.test("a capture is read into segments with their instants, ports and payloads", () => {
  const segments = readPcap(pcap([
    [1_000_000.25, frame(50000, 3000, "POST / Merhaba c1-0-s100")],
    [1_000_001.5, frame(3000, 50000, "event: delta")],
  ]));
  assert.equal(segments.length, 2);
  assert.equal(segments[0]!.srcPort, 50000);
  assert.equal(segments[1]!.dstPort, 50000);
  assert.equal(segments[1]!.atMs - segments[0]!.atMs, 1.25);
  assert.equal(new TextDecoder().decode(segments[1]!.payload), "event: delta");
  assert.throws(() => readPcap(new Uint8Array(24)), /not a pcap/);
});

Deno.test("each request's id is matched to the first answer on its own connection", () => {
  const id = /Merhaba (c\d+-\d+-[sj]\d+p?)/;
  const segments = readPcap(pcap([
    // Two connections; the second request names an earlier turn first, as a history does.
    [10, frame(50000, 3000, "Merhaba c1-0-s100")],
    [11, frame(50001, 3000, "Merhaba c1-0-s100 … Merhaba c2-5-s100")],
    [12, frame(3000, 50001, "event: meta")],
    [13, frame(3000, 50000, "event: delta")],
    [14, frame(3000, 50000, "event: delta again")],
    [16, frame(3000, 50001, "event: delta")],
    // An answer with no request pending on its connection is not counted.
    [20, frame(3000, 50002, "event: delta")],
  ]));
  const found = answerInstants(segments, 3000, id, "event: delta");
  assert.deepEqual([...found.entries()].sort(), [["c1-0-s100", 13], ["c2-5-s100", 16]]);
});
