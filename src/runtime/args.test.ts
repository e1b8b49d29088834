import { describe, expect, it } from 'vitest';
import { bool, date, id, int, list, oneOf, parseArgs, parseDate, secret, text, type ArgShape } from './args';

function parse(shape: ArgShape, input: Record<string, unknown>) {
  const result = parseArgs(shape, input);
  if (!result.success) return { ok: false as const, messages: result.messages };
  // Absent optional arguments come back as explicit undefined; drop them to compare plainly.
  const value = Object.fromEntries(Object.entries(result.data).filter(([, v]) => v !== undefined));
  return { ok: true as const, value };
}

describe('booleans', () => {
  it.each([['true', true], ['YES', true], ['no', false], ['False', false], [true, true], [false, false]])('%s → %s', (raw, expected) => {
    expect(parse({ verbose: bool() }, { verbose: raw })).toEqual({ ok: true, value: { verbose: expected } });
  });
  it('names the argument and value when it is not boolean-like', () => {
    expect(parse({ verbose: bool() }, { verbose: 'maybe' })).toEqual({ ok: false, messages: ['Invalid boolean: "verbose"="maybe" (use true or false)'] });
    expect(parse({ verbose: bool() }, { verbose: '1' }).ok).toBe(false);
  });
  it('uses the default when absent', () => {
    expect(parse({ verbose: bool({ default: 'false' }) }, {})).toEqual({ ok: true, value: { verbose: false } });
  });
});

describe('integers', () => {
  it('accepts whole numbers as text or number', () => {
    expect(parse({ limit: int() }, { limit: ' 42 ' })).toEqual({ ok: true, value: { limit: 42 } });
    expect(parse({ limit: int() }, { limit: 7 })).toEqual({ ok: true, value: { limit: 7 } });
  });
  it.each(['abc', '1.5', '1e9', ''])('refuses %j with the XSOAR wording', (raw) => {
    const result = parse({ limit: int({ required: true }) }, { limit: raw });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.messages[0]).toBe(raw === '' ? 'Missing required argument "limit"' : `Invalid number: "limit"="${raw}"`);
  });
  it('reads "2.0" as 2 (a value that went through a float) but never truncates 1.5', () => {
    expect(parse({ limit: int() }, { limit: '2.0' })).toEqual({ ok: true, value: { limit: 2 } });
    expect(parse({ limit: int() }, { limit: 2.0 })).toEqual({ ok: true, value: { limit: 2 } });
    expect(parse({ limit: int() }, { limit: '1.5' }).ok).toBe(false);
  });
  it('enforces bounds', () => {
    expect(parse({ limit: int({ min: 1, max: 1000 }) }, { limit: '0' })).toEqual({ ok: false, messages: ['Invalid number: "limit"="0" (must be a whole number between 1 and 1000)'] });
    expect(parse({ limit: int({ min: 1, max: 1000 }) }, { limit: '1e9' })).toEqual({ ok: false, messages: ['Invalid number: "limit"="1e9" (must be a whole number between 1 and 1000)'] });
    expect(parse({ limit: int({ min: 1, max: 1000 }) }, { limit: '-1' }).ok).toBe(false);
    expect(parse({ limit: int({ min: 1, max: 1000 }) }, { limit: '1000' })).toEqual({ ok: true, value: { limit: 1000 } });
  });
  it('applies a default', () => {
    expect(parse({ limit: int({ default: '200' }) }, {})).toEqual({ ok: true, value: { limit: 200 } });
  });
});

describe('text, secrets, lists, enums', () => {
  it('trims text and treats blanks as absent', () => {
    expect(parse({ username: text() }, { username: '  jdoe@example.com ' })).toEqual({ ok: true, value: { username: 'jdoe@example.com' } });
    expect(parse({ username: text({ required: true }) }, { username: '   ' })).toEqual({ ok: false, messages: ['Missing required argument "username"'] });
  });
  it('refuses ids that URL parsing would resolve away, naming the argument', () => {
    expect(parse({ userId: id() }, { userId: '..' })).toEqual({ ok: false, messages: ['Invalid id: "userId"=".." is not an Okta id'] });
    expect(parse({ userId: id() }, { userId: ' . ' })).toEqual({ ok: false, messages: ['Invalid id: "userId"="." is not an Okta id'] });
    expect(parse({ userId: id() }, { userId: '00u1abc' })).toEqual({ ok: true, value: { userId: '00u1abc' } });
    expect(parse({ userId: id() }, { userId: '../../groups' })).toEqual({ ok: true, value: { userId: '../../groups' } });
  });
  it('unwraps a one-element list for a one-value argument (XSOAR passes context values that way) and refuses several', () => {
    expect(parse({ userId: id(), limit: int(), verbose: bool() }, { userId: ['00u1'], limit: ['5'], verbose: [true] })).toEqual({
      ok: true,
      value: { userId: '00u1', limit: 5, verbose: true },
    });
    expect(parse({ userId: id() }, { userId: ['00u1', '00u2'] })).toEqual({ ok: false, messages: ['"userId" takes one value, got 2'] });
    expect(parse({ ids: list() }, { ids: ['a', 'b'] })).toEqual({ ok: true, value: { ids: ['a', 'b'] } });
  });
  it('takes a numeric password as its digits', () => {
    expect(parse({ password: secret() }, { password: 12345678 })).toEqual({ ok: true, value: { password: '12345678' } });
  });
  it('caps the length of text', () => {
    const result = parse({ username: text() }, { username: 'x'.repeat(10_000) });
    expect(result).toEqual({ ok: false, messages: ['Value too long: "username" has 10000 characters (at most 2048)'] });
  });
  it('keeps secrets verbatim and never echoes them', () => {
    expect(parse({ password: secret({ required: true }) }, { password: ' p@ss word ' })).toEqual({ ok: true, value: { password: ' p@ss word ' } });
    const result = parse({ password: secret() }, { password: 'y'.repeat(300) });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.messages[0]).not.toContain('yyyy');
  });
  it('splits lists like argToList', () => {
    expect(parse({ ids: list() }, { ids: 'a, b ,c,' })).toEqual({ ok: true, value: { ids: ['a', 'b', 'c'] } });
    expect(parse({ ids: list() }, { ids: '["x","y"]' })).toEqual({ ok: true, value: { ids: ['x', 'y'] } });
    expect(parse({ ids: list() }, { ids: ['p', ' q '] })).toEqual({ ok: true, value: { ids: ['p', 'q'] } });
    expect(parse({ ids: list({ maxItems: 2 }) }, { ids: 'a,b,c' })).toEqual({ ok: false, messages: ['Too many values: "ids" has 3 (at most 2)'] });
  });
  it('matches enums case-insensitively and returns the canonical spelling', () => {
    const sortOrder = oneOf(['ASCENDING', 'DESCENDING'], { default: 'ASCENDING' });
    expect(parse({ sortOrder }, { sortOrder: 'descending' })).toEqual({ ok: true, value: { sortOrder: 'DESCENDING' } });
    expect(parse({ sortOrder }, {})).toEqual({ ok: true, value: { sortOrder: 'ASCENDING' } });
    expect(parse({ sortOrder }, { sortOrder: 'UP' })).toEqual({ ok: false, messages: ['Invalid value: "sortOrder"="UP" (expected one of ASCENDING, DESCENDING)'] });
  });
  it('reports unknown keys (strict object)', () => {
    expect(parse({ username: text() }, { userName: 'x' }).ok).toBe(false);
  });
});

describe('dates', () => {
  const now = new Date('2026-12-03T12:00:00.000Z');
  it.each([
    ['2017-05-03T16:22:18Z', '2017-05-03T16:22:18.000Z'],
    ['2017-05-03T16:22:18.5Z', '2017-05-03T16:22:18.500Z'],
    ['2017-05-03T16:22:18+02:00', '2017-05-03T14:22:18.000Z'],
    ['2017-05-03T16:22:18', '2017-05-03T16:22:18.000Z'],
    ['2017-05-03', '2017-05-03T00:00:00.000Z'],
    ['1700000000', '2023-11-14T22:13:20.000Z'],
    ['1700000000000', '2023-11-14T22:13:20.000Z'],
    ['3 days ago', '2026-11-30T12:00:00.000Z'],
    ['2 hours', '2026-12-03T10:00:00.000Z'],
    ['in 1 day', '2026-12-04T12:00:00.000Z'],
    ['1 week', '2026-11-26T12:00:00.000Z'],
    ['now', '2026-12-03T12:00:00.000Z'],
  ])('%s → %s', (raw, iso) => {
    expect(parseDate(raw, 'since', now).toISOString()).toBe(iso);
  });
  it.each(['garbage', '2024-13-01', '2024-02-31T25:00:00Z', '3 fortnights ago'])('refuses %s naming the argument', (raw) => {
    expect(() => parseDate(raw, 'since', now)).toThrow(`Invalid date: "since"="${raw}"`);
  });
  it.each(['99999999999999999', '9999999999999 hours ago', '100000000 days ago', '8640000000000', '20240503'])('refuses the out-of-range %s naming the argument', (raw) => {
    expect(() => parseDate(raw, 'since', now)).toThrow(`Invalid date: "since"="${raw}" (it must fall between 2009 and 2100)`);
  });
  it('reads relative dates against the command\'s clock, not the machine\'s', () => {
    const result = parseArgs({ since: date() }, { since: '3 days ago' }, () => now);
    expect(result.success && (result.data['since'] as Date).toISOString()).toBe('2026-11-30T12:00:00.000Z');
  });
  it('works as an argument spec', () => {
    const result = parse({ until: date() }, { until: '2017-05-03T16:22:18Z' });
    expect(result.ok && (result.value['until'] as Date).toISOString()).toBe('2017-05-03T16:22:18.000Z');
  });
});
