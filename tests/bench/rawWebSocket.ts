/**
 * A minimal WebSocket client (RFC 6455) over a raw TCP socket, for the load generator: the
 * upgrade handshake, masked binary frames out, and frames in parsed in place from the bytes
 * the socket read, with no copy and no per-message objects. The `ws` client allocated several
 * buffers and arrays per message, and at 66,000 messages/s (the busy board) the generator's
 * own garbage collection and CPU time showed up in the latencies it measures.
 *
 * Enough of the protocol for a load client: no extensions, no text messages; pings are
 * answered; a close frame or a socket error ends the connection.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';

export interface RawWebSocketHandlers {
  open(): void;
  /** One binary message: `buf[start, end)`, valid only during the call. */
  message(buf: Uint8Array, start: number, end: number): void;
  error(error: Error): void;
  close(code: number): void;
}

const OP_CONTINUATION = 0x0;
const OP_BINARY = 0x2;
const OP_CLOSE = 0x8;
const OP_PING = 0x9;

/**
 * Where every socket's reads land (net's `onread`): no Buffer per read and no stream
 * machinery. One buffer serves all sockets because each read is parsed before the next one.
 */
const READ_BUFFER = Buffer.allocUnsafe(256 * 1024);

export class RawWebSocket {
  readonly #socket: net.Socket;
  readonly #handlers: RawWebSocketHandlers;
  readonly #mask = randomBytes(4);
  #open = false;
  #closed = false;
  /** Bytes read but not yet parsed (a frame split across reads, or the handshake). */
  #rest: Buffer | null = null;
  /** Payloads of a fragmented message so far. */
  #fragments: Buffer[] | null = null;

  constructor(url: string, handlers: RawWebSocketHandlers) {
    this.#handlers = handlers;
    const { hostname, port, pathname, search } = new URL(url);
    const key = randomBytes(16).toString('base64');
    const onread = {
      buffer: READ_BUFFER,
      callback: (length: number, buf: Uint8Array): boolean => {
        this.#read(buf as Buffer, length);
        return true;
      },
    };
    this.#socket = net.connect(
      { host: hostname, port: Number(port), noDelay: true, onread },
      () => {
        this.#socket.write(
          `GET ${pathname}${search} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n` +
            'Upgrade: websocket\r\nConnection: Upgrade\r\n' +
            `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
        );
      },
    );
    this.#socket.on('error', (error) => this.#end(1006, error));
    this.#socket.on('close', () => this.#end(1006));
  }

  /** Sends one binary message as a single masked frame, in one write. */
  send(data: Uint8Array): void {
    if (!this.#open || this.#closed) return;
    this.#socket.write(this.frame(data));
  }

  /**
   * The masked frame `send(data)` would write, to be sent later with `sendFrame`: lets the
   * load build its messages before it starts measuring instead of allocating them on the way.
   * (Every frame of a socket carries the same mask; servers do not mind.)
   */
  frame(data: Uint8Array): Buffer {
    const length = data.length;
    const head = length < 126 ? 2 : length < 0x10000 ? 4 : 10;
    const frame = Buffer.allocUnsafe(head + 4 + length);
    frame[0] = 0x80 | OP_BINARY;
    if (head === 2) frame[1] = 0x80 | length;
    else if (head === 4) {
      frame[1] = 0x80 | 126;
      frame.writeUInt16BE(length, 2);
    } else {
      frame[1] = 0x80 | 127;
      frame.writeUInt32BE(Math.floor(length / 0x1_0000_0000), 2);
      frame.writeUInt32BE(length >>> 0, 6);
    }
    const mask = this.#mask;
    frame.set(mask, head);
    const at = head + 4;
    for (let i = 0; i < length; i++) frame[at + i] = (data[i] as number) ^ (mask[i & 3] as number);
    return frame;
  }

  /** Writes a frame made by `frame()`. */
  sendFrame(frame: Buffer): void {
    if (!this.#open || this.#closed) return;
    this.#socket.write(frame);
  }

  /** Drops the connection at once (no closing handshake). */
  terminate(): void {
    this.#closed = true;
    this.#socket.destroy();
  }

  #end(code: number, error?: Error): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#socket.destroy();
    if (error) this.#handlers.error(error);
    this.#handlers.close(code);
  }

  #read(chunk: Buffer, length: number): void {
    let buf = chunk;
    let bufEnd = length;
    if (this.#rest) {
      buf = Buffer.concat([this.#rest, chunk.subarray(0, length)]);
      bufEnd = buf.length;
    }
    this.#rest = null;
    let at = 0;
    if (!this.#open) {
      const headerEnd = buf.subarray(0, bufEnd).indexOf('\r\n\r\n');
      if (headerEnd < 0) {
        this.#rest = Buffer.from(buf.subarray(0, bufEnd));
        return;
      }
      const status = buf.toString('latin1', 0, buf.indexOf('\r\n'));
      if (!/^HTTP\/1\.1 101 /.test(status)) {
        this.#end(1006, new Error(`upgrade refused: ${status}`));
        return;
      }
      this.#open = true;
      this.#handlers.open();
      at = headerEnd + 4;
    }
    while (!this.#closed) {
      const available = bufEnd - at;
      if (available < 2) break;
      const b0 = buf[at] as number;
      const b1 = buf[at + 1] as number;
      let length = b1 & 0x7f;
      let head = 2;
      if (length === 126) {
        if (available < 4) break;
        length = buf.readUInt16BE(at + 2);
        head = 4;
      } else if (length === 127) {
        if (available < 10) break;
        length = buf.readUInt32BE(at + 2) * 0x1_0000_0000 + buf.readUInt32BE(at + 6);
        head = 10;
      }
      // Server frames are never masked (RFC 6455 §5.1).
      if (b1 & 0x80) {
        this.#end(1002, new Error('masked frame from the server'));
        return;
      }
      if (available < head + length) break;
      const start = at + head;
      const end = start + length;
      at = end;
      this.#frame(b0 & 0x80, b0 & 0x0f, buf, start, end);
    }
    // A partial frame is copied: the read buffer is reused.
    if (at < bufEnd && !this.#closed) this.#rest = Buffer.from(buf.subarray(at, bufEnd));
  }

  #frame(fin: number, opcode: number, buf: Buffer, start: number, end: number): void {
    if (opcode === OP_BINARY || opcode === OP_CONTINUATION) {
      if (fin && this.#fragments === null) {
        this.#handlers.message(buf, start, end);
        return;
      }
      this.#fragments ??= [];
      this.#fragments.push(Buffer.from(buf.subarray(start, end)));
      if (!fin) return;
      const whole = Buffer.concat(this.#fragments);
      this.#fragments = null;
      this.#handlers.message(whole, 0, whole.length);
    } else if (opcode === OP_PING) {
      this.#control(0xa, buf.subarray(start, end));
    } else if (opcode === OP_CLOSE) {
      const code = end - start >= 2 ? buf.readUInt16BE(start) : 1005;
      this.#end(code);
    }
  }

  /** A masked control frame (pong) carrying `payload` (at most 125 bytes). */
  #control(opcode: number, payload: Uint8Array): void {
    const frame = Buffer.allocUnsafe(6 + payload.length);
    frame[0] = 0x80 | opcode;
    frame[1] = 0x80 | payload.length;
    frame.set(this.#mask, 2);
    for (let i = 0; i < payload.length; i++) {
      frame[6 + i] = (payload[i] as number) ^ (this.#mask[i & 3] as number);
    }
    this.#socket.write(frame);
  }
}
