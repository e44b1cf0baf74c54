import { describe, expect, test } from 'vitest';
import { parseBoardRef } from '../src/app/boardRef';
import { boardPath, matchRoute } from '../src/app/router';

describe('matchRoute', () => {
  test('home, boards, invalid board ids, anything else', () => {
    expect(matchRoute('/')).toEqual({ name: 'home' });
    expect(matchRoute('/b/k7QmZ2xP9aBc')).toEqual({ name: 'board', boardId: 'k7QmZ2xP9aBc' });
    expect(matchRoute('/b/k7QmZ2xP9aBc/')).toEqual({ name: 'board', boardId: 'k7QmZ2xP9aBc' });
    expect(matchRoute('/b/no%20spaces')).toEqual({ name: 'invalidBoard', boardId: 'no spaces' });
    expect(matchRoute('/b/%E0%A4%A')).toEqual({ name: 'notFound' });
    expect(matchRoute('/elsewhere')).toEqual({ name: 'notFound' });
  });

  test('boardPath and matchRoute round-trip', () => {
    expect(matchRoute(boardPath('abc_DEF-123'))).toEqual({ name: 'board', boardId: 'abc_DEF-123' });
  });
});

describe('parseBoardRef', () => {
  test('a bare id, a full link, a link without scheme, a path', () => {
    expect(parseBoardRef('  k7QmZ2xP9aBc ')).toBe('k7QmZ2xP9aBc');
    expect(parseBoardRef('https://trama.comune.it/b/k7QmZ2xP9aBc')).toBe('k7QmZ2xP9aBc');
    expect(parseBoardRef('http://127.0.0.1:8080/b/k7QmZ2xP9aBc?x=1#y')).toBe('k7QmZ2xP9aBc');
    expect(parseBoardRef('trama.comune.it/b/k7QmZ2xP9aBc')).toBe('k7QmZ2xP9aBc');
    expect(parseBoardRef('/b/k7QmZ2xP9aBc')).toBe('k7QmZ2xP9aBc');
  });

  test('nothing usable', () => {
    expect(parseBoardRef('')).toBeNull();
    expect(parseBoardRef('not a board')).toBeNull();
    expect(parseBoardRef('https://trama.comune.it/')).toBeNull();
    expect(parseBoardRef('https://trama.comune.it/b/bad id')).toBeNull();
  });
});
