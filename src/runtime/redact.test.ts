import { describe, expect, it } from 'vitest';
import { containsSecret, redactDeep, redactText, secretsIn } from './redact';

const secrets = secretsIn(['tok/en+1234']);

describe('redaction', () => {
  it('knows a secret in its plain, URL-encoded and JSON-escaped forms', () => {
    expect(secrets).toEqual(expect.arrayContaining(['tok/en+1234', 'tok%2Fen%2B1234']));
    expect(redactText('a tok%2Fen%2B1234 b', secrets)).toBe('a <redacted> b');
  });

  it('ignores values too short to be secrets', () => {
    expect(secretsIn(['abc', 5, undefined])).toEqual([]);
  });

  it('finds secrets in nested strings and keys, and returns the same object when there is none', () => {
    const clean = { a: [{ b: 'x' }], c: 1 };
    expect(containsSecret(clean, secrets)).toBe(false);
    expect(redactDeep(clean, secrets)).toBe(clean);
    expect(containsSecret({ a: [{ b: 'x tok/en+1234' }] }, secrets)).toBe(true);
    expect(redactDeep({ ['k tok/en+1234']: ['tok/en+1234'] }, secrets)).toEqual({ 'k <redacted>': ['<redacted>'] });
  });

  it('visits an object shared by two branches once and still redacts both copies', () => {
    const shared = [{ v: 'tok/en+1234' }];
    expect(redactDeep({ Contents: shared, EntryContext: { X: shared } }, secrets)).toEqual({
      Contents: [{ v: '<redacted>' }],
      EntryContext: { X: [{ v: '<redacted>' }] },
    });
  });
});
