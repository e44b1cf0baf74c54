/**
 * The integration tests exercise the code in the working tree: `@trama/server` and
 * `@trama/shared` must resolve to their TypeScript sources (the `source` export condition),
 * never to a `dist/` build that may be stale. (The crash tests run the server from source
 * themselves, with `node --conditions=source --import tsx`.)
 */
import { describe, expect, it } from 'vitest';

describe('test set-up', () => {
  it.each(['@trama/server', '@trama/shared'])('%s resolves to its TypeScript sources', (name) => {
    const resolved = import.meta.resolve(name);
    expect(resolved, `${name} resolved to ${resolved}`).toMatch(/\/src\/index\.ts$/);
  });
});
