import { describe, expect, it } from 'vitest';
import { lookup, mergeEntryContext, parseContextKey, resolveReferences } from './context';

describe('context keys', () => {
  it('reads DT selectors without evaluating them', () => {
    expect(parseContextKey('Account(val.ID && val.ID === obj.ID)')).toEqual({ path: ['Account'], match: ['ID'] });
    expect(parseContextKey('Okta.Logs.Events(val.uuid && val.uuid === obj.uuid)')).toEqual({ path: ['Okta', 'Logs', 'Events'], match: ['uuid'] });
    expect(parseContextKey('A(val.x && val.x == obj.x && val.y && val.y === obj.y)')).toEqual({ path: ['A'], match: ['x', 'y'] });
    expect(parseContextKey('Okta.Metadata(true)')).toEqual({ path: ['Okta', 'Metadata'], match: 'all' });
    expect(parseContextKey('Plain.Key')).toEqual({ path: ['Plain', 'Key'] });
    expect(() => parseContextKey('X(process.exit())')).toThrow('Unsupported context selector');
  });
});

describe('merging entry context', () => {
  const key = 'Account(val.ID && val.ID === obj.ID)';
  it('updates a matched element field by field and appends a new one', () => {
    let context = mergeEntryContext({}, { [key]: { ID: '1', Username: 'j@x.com', Status: 'ACTIVE' } });
    expect(context).toEqual({ Account: { ID: '1', Username: 'j@x.com', Status: 'ACTIVE' } });
    context = mergeEntryContext(context, { [key]: { ID: '1', Status: 'SUSPENDED', Factor: [{ ID: 'f1' }] } });
    expect(context).toEqual({ Account: { ID: '1', Username: 'j@x.com', Status: 'SUSPENDED', Factor: [{ ID: 'f1' }] } });
    context = mergeEntryContext(context, { [key]: [{ ID: '2', Status: 'ACTIVE' }] });
    expect(context).toEqual({ Account: [{ ID: '1', Username: 'j@x.com', Status: 'SUSPENDED', Factor: [{ ID: 'f1' }] }, { ID: '2', Status: 'ACTIVE' }] });
  });
  it('updates every element the selector matches', () => {
    const context = mergeEntryContext({ Account: [{ ID: '1', A: 1 }, { ID: '2' }, { ID: '1', B: 2 }] }, { [key]: { ID: '1', C: 3 } });
    expect(context).toEqual({ Account: [{ ID: '1', A: 1, C: 3 }, { ID: '2' }, { ID: '1', B: 2, C: 3 }] });
  });
  it('never merges two elements that both lack the key', () => {
    const context = mergeEntryContext({ Account: { Name: 'a' } }, { [key]: { Name: 'b' } });
    expect(context).toEqual({ Account: [{ Name: 'a' }, { Name: 'b' }] });
  });
  it('appends without a selector and overwrites with (true)', () => {
    expect(mergeEntryContext({ Note: 'a' }, { Note: 'b' })).toEqual({ Note: ['a', 'b'] });
    expect(mergeEntryContext({ Okta: { M: { a: 1 } } }, { 'Okta.M(true)': { b: 2 } })).toEqual({ Okta: { M: { b: 2 } } });
  });
  it('does not mutate its input', () => {
    const before = { Account: { ID: '1' } };
    mergeEntryContext(before, { [key]: { ID: '2' } });
    expect(before).toEqual({ Account: { ID: '1' } });
  });
});

describe('references', () => {
  const context = { Account: [{ ID: '00u1', Group: [{ ID: '00g1' }] }, { ID: '00u2' }], Okta: { Group: { ID: '00g9', Name: 'Eng' } } };
  it('resolves single and fanned-out paths', () => {
    expect(resolveReferences('${Okta.Group.ID}', context)).toBe('00g9');
    expect(resolveReferences('ids=${Account.ID}', context, { allowList: true })).toBe('ids=00u1,00u2');
    expect(lookup(context, 'Account.Group.ID')).toEqual(['00g1']);
  });
  it('fails clearly on a missing reference', () => {
    expect(() => resolveReferences('${Account.Nope}', context)).toThrow('Context reference ${Account.Nope} has no value in the context.');
  });
  it('refuses several values where one is needed, and joins them for list arguments', () => {
    expect(() => resolveReferences('${Account.ID}', context, { argument: 'userId' })).toThrow(
      'Context reference ${Account.ID} resolves to 2 values (00u1, 00u2); "userId" takes one value.',
    );
    expect(resolveReferences('${Account.ID}', context, { allowList: true })).toBe('00u1,00u2');
  });
  it('refuses selector syntax it does not evaluate instead of calling it missing', () => {
    expect(() => resolveReferences('${Account(val.Username=="a").ID}', context)).toThrow('is not supported here: use a plain dotted path');
    expect(() => resolveReferences('${Account.[0].ID}', context)).toThrow('is not supported here');
  });
});
