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
