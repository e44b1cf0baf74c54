import { afterEach, describe, expect, test, vi } from 'vitest';
import { ApiError, request } from '../src/auth/api';

function answer(status: number, body: string): void {
  vi.stubGlobal('fetch', async () => new Response(body, { status }));
}

async function refusal(): Promise<ApiError> {
  try {
    await request('/api/anything');
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('the request did not fail');
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('request', () => {
  test('a refusal keeps the status, the message and the code', async () => {
    answer(409, JSON.stringify({ statusCode: 409, message: 'over budget', code: 'overBudget' }));
    const error = await refusal();
    expect([error.status, error.message, error.code]).toEqual([409, 'over budget', 'overBudget']);
  });

  test('a refusal without a code or a JSON body still fails with its status', async () => {
    answer(403, JSON.stringify({ message: 'read only' }));
    const plain = await refusal();
    expect([plain.status, plain.message, plain.code]).toEqual([403, 'read only', undefined]);
    answer(502, '<html>bad gateway</html>');
    const proxy = await refusal();
    expect([proxy.status, proxy.code]).toEqual([502, undefined]);
  });

  test('no network is status 0', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('fetch failed');
    });
    const error = await refusal();
    expect(error.offline).toBe(true);
  });
});
