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

/**
 * How a target frames the y-websocket messages above on its socket. The load generator builds
 * and reads plain y-websocket messages and lets the framing adapt them: `hello` is what a client
 * sends first on a fresh socket, `wrap` turns an outgoing message into what goes on the wire,
 * and `unwrap` finds the y-websocket message inside an incoming one: its start offset, -1 when
 * the message is not for the load client (e.g. a Hocuspocus auth or sync-status reply), or
 * `FRAME_REFUSED` when the server refused the client (the generator closes it).
 */
export const FRAME_REFUSED = -2;

export interface Framing {
  name: string;
  hello(boardId: string): Uint8Array[];
  wrap(boardId: string, msg: Uint8Array): Uint8Array;
  unwrap(buf: Uint8Array, start: number, end: number): number;
}

/** The plain y-websocket protocol: one document per socket, addressed by the URL. */
export const PLAIN_FRAMING: Framing = {
  name: 'y-websocket',
  hello: () => [],
  wrap: (_boardId, msg) => msg,
  unwrap: (_buf, start) => start,
};

/** Hocuspocus message types (@hocuspocus/server `MessageType`) the load client meets. */
export const HP_MSG_AUTH = 2;
/** "Same as Sync, but won't trigger another SyncStep1": read like a sync message. */
export const HP_MSG_SYNC_REPLY = 4;
export const HP_MSG_SYNC_STATUS = 8;
/** @hocuspocus/common `AuthMessageType`. */
export const HP_AUTH_TOKEN = 0;
export const HP_AUTH_PERMISSION_DENIED = 1;
export const HP_AUTH_AUTHENTICATED = 2;

/**
 * The Hocuspocus protocol (as @hocuspocus/provider speaks it): many documents over one socket,
 * so every message in either direction starts with the document name (a varString), then the
 * same type byte and body as y-websocket (Sync = 0 with SyncStep1/SyncStep2/Update, Awareness
 * = 1), plus Hocuspocus's own types. A client first sends `[name, Auth, Token, <token>]`; the
 * server queues everything else for that document until its onAuthenticate hooks pass, answers
 * `[name, Auth, Authenticated, <scope>]` (or PermissionDenied), then its SyncStep1 and, for the
 * client's SyncStep1, SyncStep2. Every update or SyncStep2 a client sends is acknowledged to
 * that client alone with `[name, SyncStatus, 1]`; updates go to every connection of the
 * document, the sender included (the generator ignores its own echoes).
 *
 * One load client = one socket = one document, as a provider per board would use.
 */
export function hocuspocusFraming(token = 'bench'): Framing {
  const prefixes = new Map<string, Uint8Array>();
  const prefix = (boardId: string): Uint8Array => {
    let p = prefixes.get(boardId);
    if (!p) {
      p = frame((e) => encoding.writeVarString(e, boardId));
      prefixes.set(boardId, p);
    }
    return p;
  };
  return {
    name: 'hocuspocus',
    hello: (boardId) => [
      frame((e) => {
        encoding.writeVarString(e, boardId);
        encoding.writeVarUint(e, HP_MSG_AUTH);
        encoding.writeVarUint(e, HP_AUTH_TOKEN);
        encoding.writeVarString(e, token);
      }),
    ],
    wrap: (boardId, msg) => {
      const p = prefix(boardId);
      const out = new Uint8Array(p.length + msg.length);
      out.set(p, 0);
      out.set(msg, p.length);
      return out;
    },
    unwrap: (buf, start, end) => {
      // Skip the document name: a varuint byte length, then the UTF-8 bytes.
      const len = readVarUint(buf, start, end, posBox);
      if (len < 0) return -1;
      const at = posBox[0]! + len;
      if (at >= end) return -1;
      const type = buf[at]!;
      if (type === HP_MSG_AUTH) {
        // Authenticated is expected; a refusal must not pass silently as "no data yet".
        return buf[at + 1] === HP_AUTH_PERMISSION_DENIED ? FRAME_REFUSED : -1;
      }
      return type === MSG_SYNC || type === HP_MSG_SYNC_REPLY || type === MSG_AWARENESS ? at : -1;
    },
  };
}

/** Item content refs (Yjs `contentRefs`) whose length the struct reader can tell. */
const CONTENT_DELETED = 1;
const CONTENT_STRING = 4;
const STRUCT_GC = 0;
const STRUCT_SKIP = 10;

/** Skips a varString (varuint byte length + UTF-8) at `pos`; returns the next offset or -1. */
function skipVarString(buf: Uint8Array, pos: number, end: number): number {
  const len = readVarUint(buf, pos, end, posBox);
  if (len < 0) return -1;
  const next = posBox[0]! + len;
  return next > end ? -1 : next;
}

/** Skips an ID (client and clock varuints) at `pos`; returns the next offset or -1. */
function skipId(buf: Uint8Array, pos: number, end: number): number {
  if (readVarUint(buf, pos, end, posBox) < 0) return -1;
  if (readVarUint(buf, posBox[0]!, end, posBox) < 0) return -1;
  return posBox[0]!;
}

/**
 * Lists the structs of a Yjs update (v1 encoding) in place, without decoding it into objects:
 * for each struct its client, first clock and length in clocks, as triples in `out` (Skips,
 * which stand for what the update lacks, are left out). Returns the number of structs, or -1
 * when the update holds something this reader does not size (content other than strings and
 * deletions, which the load's writers never produce), is malformed, or has more structs than
 * `out` holds: the caller then decodes with Yjs.
 *
 * What the load generator needs to match receipts to sends, without the garbage of
 * `Y.decodeUpdate` (an Item, an ID and a string per struct): the generator's own scavenges
 * showed up in the latencies it measures.
 */
export function readStructRanges(
  buf: Uint8Array,
  start: number,
  end: number,
  out: Float64Array,
): number {
  let n = 0;
  const groups = readVarUint(buf, start, end, posBox);
  if (groups < 0) return -1;
  let pos = posBox[0]!;
  for (let g = 0; g < groups; g++) {
    const count = readVarUint(buf, pos, end, posBox);
    if (count < 0) return -1;
    const client = readVarUint(buf, posBox[0]!, end, posBox);
    if (client < 0) return -1;
    let clock = readVarUint(buf, posBox[0]!, end, posBox);
    if (clock < 0) return -1;
    pos = posBox[0]!;
    for (let s = 0; s < count; s++) {
      if (pos >= end) return -1;
      const info = buf[pos++]!;
      const ref = info & 0x1f;
      let length: number;
      if (ref === STRUCT_GC || ref === STRUCT_SKIP) {
        length = readVarUint(buf, pos, end, posBox);
        if (length < 0) return -1;
        pos = posBox[0]!;
      } else {
        // Origin (bit 8) and right origin (bit 7) are IDs.
        if (info & 0x80) pos = skipId(buf, pos, end);
        if (pos >= 0 && info & 0x40) pos = skipId(buf, pos, end);
        if (pos < 0) return -1;
        if ((info & 0xc0) === 0) {
          // No origins: the parent follows (a root type's name or an item's ID), then the key.
          const isRootKey = readVarUint(buf, pos, end, posBox);
          if (isRootKey < 0) return -1;
          pos = posBox[0]!;
          pos = isRootKey === 1 ? skipVarString(buf, pos, end) : skipId(buf, pos, end);
          if (pos >= 0 && info & 0x20) pos = skipVarString(buf, pos, end);
          if (pos < 0) return -1;
        }
        if (ref === CONTENT_DELETED) {
          length = readVarUint(buf, pos, end, posBox);
          if (length < 0) return -1;
          pos = posBox[0]!;
        } else if (ref === CONTENT_STRING) {
          const bytes = readVarUint(buf, pos, end, posBox);
          if (bytes < 0) return -1;
          pos = posBox[0]!;
          if (pos + bytes > end) return -1;
          // Length in UTF-16 code units, as Yjs counts: one per UTF-8 sequence, two for the
          // four-byte ones (astral characters are surrogate pairs).
          length = 0;
          for (let i = pos; i < pos + bytes; i++) {
            const b = buf[i]!;
            if ((b & 0xc0) !== 0x80) length += b >= 0xf0 ? 2 : 1;
          }
          pos += bytes;
        } else {
          return -1;
        }
      }
      if (ref !== STRUCT_SKIP) {
        if (n * 3 + 3 > out.length) return -1;
        out[n * 3] = client;
        out[n * 3 + 1] = clock;
        out[n * 3 + 2] = length;
        n++;
      }
      clock += length;
    }
  }
  return n;
}
