/**
 * The few y-websocket protocol messages a raw load client needs, encoded with lib0 and
 * y-protocols, plus a cheap decoder of incoming frames. No Y.Doc is needed to read.
 */
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

export const MSG_SYNC = 0;
export const MSG_AWARENESS = 1;
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

/** Sync step 1 with an empty state vector: "send me everything". */
export const STEP1_EMPTY: Uint8Array = frame((e) => {
  encoding.writeVarUint(e, MSG_SYNC);
  encoding.writeVarUint(e, SYNC_STEP1);
  encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()));
});

/** Sync step 2 carrying an empty update: a reader's answer to the server's step 1. */
export const STEP2_EMPTY: Uint8Array = frame((e) => {
  encoding.writeVarUint(e, MSG_SYNC);
  encoding.writeVarUint(e, SYNC_STEP2);
  encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(new Y.Doc()));
});

/** `[sync, update, <update>]`. */
export function updateMessage(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MSG_SYNC);
    syncProtocol.writeUpdate(e, update);
  });
}

/** `[sync, step2, <update>]` built from a writer's own doc. */
export function step2Message(doc: Y.Doc): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MSG_SYNC);
    encoding.writeVarUint(e, SYNC_STEP2);
    encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc));
  });
}

/** Reads a varuint at `pos`; returns the value and stores the next offset in `out[0]`. */
function readVarUint(buf: Uint8Array, pos: number, end: number, out: Int32Array): number {
  let n = 0;
  let mult = 1;
  for (;;) {
    if (pos >= end) return -1;
    const b = buf[pos++] as number;
    n += (b & 0x7f) * mult;
    if (b < 0x80) break;
    mult *= 128;
    if (mult > 2 ** 35) return -1;
  }
  out[0] = pos;
  return n;
}

/** A decoded frame header: message type, sync sub-type (or -1) and the payload range. */
export interface FrameHead {
  type: number;
  sub: number;
  start: number;
  end: number;
}

const posBox = new Int32Array(1);

/**
 * Parses the header of the message `buf[start, end)` in place into `head` (no allocation).
 * Returns false when it is not a well-formed sync message; awareness and other types are
 * reported with `sub = -1` and no payload.
 */
export function parseFrame(buf: Uint8Array, head: FrameHead, start = 0, end = buf.length): boolean {
  const type = readVarUint(buf, start, end, posBox);
  if (type < 0) return false;
  head.type = type;
  head.sub = -1;
  head.start = 0;
  head.end = 0;
  if (type !== MSG_SYNC) return true;
  const sub = readVarUint(buf, posBox[0]!, end, posBox);
  if (sub < 0) return false;
  const len = readVarUint(buf, posBox[0]!, end, posBox);
  if (len < 0) return false;
  const payload = posBox[0]!;
  if (payload + len > end) return false;
  head.sub = sub;
  head.start = payload;
  head.end = payload + len;
  return true;
}
