import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp, type TramaApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { MemoryBoardStore } from '../src/storage/memory.js';

let tmp: string;
let trama: TramaApp | null = null;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'trama-app-'));
});
afterEach(async () => {
  await trama?.app.close();
  trama = null;
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function build(env: Record<string, string> = {}) {
  const config = loadConfig({ DATA_DIR: path.join(tmp, 'data'), LOG_LEVEL: 'silent', ...env });
  trama = await buildApp(config, { store: new MemoryBoardStore() });
  return trama.app;
}

describe('HTTP', () => {
  it('[HT1] /health answers 200 with counts while the store is open, 503 after', async () => {
    const app = await build({ CLIENT_DIR: '' });
    const ok = await app.inject({ method: 'GET', url: '/health' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ status: 'ok', boards: 0, connections: 0 });
    await trama?.store.close();
    const down = await app.inject({ method: 'GET', url: '/health' });
    expect(down.statusCode).toBe(503);
  });

  it.each([
    ['spaces', '/sync/bad%20id'],
    ['too long', `/sync/${'a'.repeat(65)}`],
    ['a dot', '/sync/a.b'],
  ])('[HT2] a bad board id (%s) is refused with 400', async (_name, url) => {
    const app = await build({ CLIENT_DIR: '' });
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toBeTruthy();
  });

  it('[HT3] unknown routes get a JSON 404', async () => {
    const app = await build({ CLIENT_DIR: '' });
    const response = await app.inject({ method: 'GET', url: '/nope/nada' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('[HT3] client routes answer 503 with a hint when the client is not built', async () => {
    const app = await build({ CLIENT_DIR: path.join(tmp, 'missing') });
    const response = await app.inject({ method: 'GET', url: '/b/abc' });
    expect(response.statusCode).toBe(503);
    expect(response.json().message).toMatch(/pnpm run build/);
  });

  it('[HT3] client routes serve index.html and assets from the built client', async () => {
    const clientDir = path.join(tmp, 'client');
    fs.mkdirSync(path.join(clientDir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>Trama</title>');
    fs.writeFileSync(path.join(clientDir, 'assets', 'app.js'), 'console.log(1)');
    const app = await build({ CLIENT_DIR: clientDir });
    for (const url of [
      '/',
      '/b/abc123',
      '/b/abc123/',
      '/p/abc123',
      '/p/abc123/proiettore',
      '/p/abc123/confronto/',
      '/j/K7QM-2XPA',
    ]) {
      const page = await app.inject({ method: 'GET', url });
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.body).toContain('<title>Trama</title>');
    }
    const asset = await app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(asset.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/p/abc123/other' })).statusCode).toBe(404);
  });
});

describe('configuration', () => {
  it('uses the documented defaults', () => {
    const config = loadConfig({}, '/srv/trama');
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/srv/trama/data',
      durability: 'process',
      maxMessageBytes: 2 * 1024 * 1024,
    });
  });

  it.each([
    [{ PORT: 'abc' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ DURABILITY: 'maybe' }, /DURABILITY/],
    [{ MAX_MESSAGE_BYTES: '-1' }, /MAX_MESSAGE_BYTES/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
  ])('rejects %o with a clear message', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('logs', () => {
  it('[AC10] access tokens in a URL never reach the logs', async () => {
    const { PassThrough } = await import('node:stream');
    const stream = new PassThrough();
    let logged = '';
    stream.on('data', (chunk: Buffer) => {
      logged += chunk.toString('utf8');
    });
    const config = loadConfig({
      DATA_DIR: path.join(tmp, 'data'),
      LOG_LEVEL: 'info',
      CLIENT_DIR: '',
    });
    trama = await buildApp(config, { store: new MemoryBoardStore(), logStream: stream });
    await trama.app.inject({ method: 'GET', url: '/sync/abc?token=SEGRETISSIMO.firma' });
    await trama.app.inject({ method: 'GET', url: '/nope?token=SEGRETISSIMO.firma' });
    expect(logged).toContain('/sync/abc');
    expect(logged).not.toContain('SEGRETISSIMO');
  });
});
