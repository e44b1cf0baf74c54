import type { SyncLogger } from '../../src/sync/syncServer.js';

/** Collects log lines so tests can assert on errors without printing. */
export class MemoryLogger implements SyncLogger {
  readonly lines: { level: string; msg: string; obj: object }[] = [];
  debug(obj: object, msg: string) {
    this.lines.push({ level: 'debug', msg, obj });
  }
  info(obj: object, msg: string) {
    this.lines.push({ level: 'info', msg, obj });
  }
  warn(obj: object, msg: string) {
    this.lines.push({ level: 'warn', msg, obj });
  }
  error(obj: object, msg: string) {
    this.lines.push({ level: 'error', msg, obj });
  }
}
