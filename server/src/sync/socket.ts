/**
 * The transport the sync core talks to: one client connection. The Fastify WebSocket route
 * adapts a `ws` socket to it; tests use an in-memory pair. The core never sees HTTP.
 */
export interface SyncSocket {
  send(data: Uint8Array): void;
  /** Sends several messages in order, ideally in one write (else `send` is called for each). */
  sendBatch?(messages: readonly Uint8Array[]): void;
  close(code: number, reason: string): void;
}

/** What the transport calls on the core for one connection. */
export interface SyncConnection {
  /** A binary message arrived from the client. */
  receive(data: Uint8Array): void;
  /** The transport closed (either side); idempotent. */
  closed(): void;
}
