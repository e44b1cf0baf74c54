import type { RunningApp } from './harness.js';

/** An HTTP call through `inject()`, with the bearer token when given; the JSON body parsed. */
export async function call<T>(
  server: RunningApp,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  token?: string | null,
  payload?: object,
): Promise<{ status: number; body: T }> {
  const response = await server.app.inject({
    method,
    url,
    ...(payload ? { payload } : {}),
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: response.statusCode, body: (response.body ? response.json() : null) as T };
}
