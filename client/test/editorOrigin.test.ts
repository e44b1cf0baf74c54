import { describe, expect, test } from 'vitest';
import { editorOrigin, setEditorOrigin, whenEditorOrigin } from '../src/editor/editorOrigin';

describe('the editors’ origin, known once their code loads', () => {
  test('waiting listeners hear it once; later ones at once; a cancelled one never', () => {
    expect(editorOrigin()).toBeNull();
    const heard: object[] = [];
    const cancelled: object[] = [];
    whenEditorOrigin((origin) => heard.push(origin));
    const stop = whenEditorOrigin((origin) => cancelled.push(origin));
    stop();
    const key = { name: 'y-sync' };
    setEditorOrigin(key);
    expect(editorOrigin()).toBe(key);
    expect(heard).toEqual([key]);
    expect(cancelled).toEqual([]);
    const late: object[] = [];
    whenEditorOrigin((origin) => late.push(origin))();
    expect(late).toEqual([key]);
  });
});
