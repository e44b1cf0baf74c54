import { describe, expect, test } from 'vitest';
import { normaliseCode, parseJoinInput } from '../src/join/joinInput';
import { joinBodyOf, validateJoinProfile } from '../src/join/profile';

describe('invite codes and links', () => {
  test('codes in any case, with or without the dash', () => {
    expect(normaliseCode('K7QM-2XPA')).toBe('K7QM-2XPA');
    expect(normaliseCode(' k7qm2xpa ')).toBe('K7QM-2XPA');
    expect(normaliseCode('k7qm 2xpa')).toBe('K7QM-2XPA');
    expect(normaliseCode('K7QM-2XP')).toBeNull();
  });

  test('what "Entra con un codice" accepts', () => {
    expect(parseJoinInput('k7qm-2xpa')).toEqual({ kind: 'code', code: 'K7QM-2XPA' });
    expect(parseJoinInput('https://trama.comune.it/j/k7qm-2xpa')).toEqual({
      kind: 'code',
      code: 'K7QM-2XPA',
    });
    expect(parseJoinInput('https://trama.comune.it/b/tavoloA123#t=abc.def')).toEqual({
      kind: 'link',
      path: '/b/tavoloA123',
      token: 'abc.def',
    });
    expect(parseJoinInput('trama.comune.it/p/perc1#t=xyz')).toEqual({
      kind: 'link',
      path: '/p/perc1',
      token: 'xyz',
    });
    expect(parseJoinInput('/b/tavoloA123')).toEqual({
      kind: 'link',
      path: '/b/tavoloA123',
      token: null,
    });
    expect(parseJoinInput('k7QmZ2xP9aBc')).toEqual({ kind: 'board', boardId: 'k7QmZ2xP9aBc' });
  });

  test('nothing usable', () => {
    expect(parseJoinInput('')).toBeNull();
    expect(parseJoinInput('   ')).toBeNull();
    expect(parseJoinInput('https://example.org/elsewhere')).toBeNull();
    expect(parseJoinInput('not a code!')).toBeNull();
  });
});

describe('the join form', () => {
  test('name and ente are required, email optional but valid', () => {
    expect(validateJoinProfile({ name: '', ente: ' ', email: '' })).toEqual({
      name: 'nameMissing',
      ente: 'enteMissing',
    });
    expect(validateJoinProfile({ name: 'Anna', ente: 'Caritas', email: 'anna@' })).toEqual({
      email: 'emailInvalid',
    });
    expect(
      validateJoinProfile({ name: 'Anna', ente: 'Caritas', email: 'anna@caritas.it' }),
    ).toEqual({});
  });

  test('the body sends the email only when given, with spaces tidied', () => {
    expect(joinBodyOf({ name: '  Anna   Rossi ', ente: 'Caritas', email: '' })).toEqual({
      name: 'Anna Rossi',
      ente: 'Caritas',
    });
    expect(joinBodyOf({ name: 'Anna', ente: 'Caritas', email: ' a@b.it ' })).toEqual({
      name: 'Anna',
      ente: 'Caritas',
      email: 'a@b.it',
    });
  });
});
