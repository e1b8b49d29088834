import { describe, expect, it } from 'vitest';
import { compile, ExprError, parseExpr, pathValues, soleEquality, violation, type Expr } from './expr.js';
import { USER_FILTER_RULES, USER_SEARCH_RULES } from './users.js';
import { LOG_FILTER_RULES } from './logs.js';

/** Renders the tree with explicit grouping so precedence is visible in one string. */
function show(e: Expr): string {
  switch (e.kind) {
    case 'and':
    case 'or':
      return `(${show(e.left)} ${e.kind} ${show(e.right)})`;
    case 'not':
      return `not ${show(e.expr)}`;
    case 'pr':
      return `${e.attr} pr`;
    case 'cmp':
      return `${e.attr} ${e.op} ${JSON.stringify(e.value)}`;
  }
}

function parseError(src: string): ExprError {
  try {
    parseExpr(src);
  } catch (e) {
    if (e instanceof ExprError) return e;
    throw e;
  }
  throw new Error(`expected ${src} to fail`);
}

describe('expression parser', () => {
  it('binds and tighter than or, left to right', () => {
    expect(show(parseExpr('a eq "1" or b eq "2" and c eq "3"'))).toBe('(a eq "1" or (b eq "2" and c eq "3"))');
    expect(show(parseExpr('a eq "1" and b eq "2" or c eq "3"'))).toBe('((a eq "1" and b eq "2") or c eq "3")');
    expect(show(parseExpr('a eq 1 or b eq 2 or c eq 3'))).toBe('((a eq 1 or b eq 2) or c eq 3)');
  });

  it('parentheses override precedence and may nest', () => {
    expect(show(parseExpr('(a eq "1" or b eq "2") and c eq "3"'))).toBe('((a eq "1" or b eq "2") and c eq "3")');
    expect(show(parseExpr('((a pr))'))).toBe('a pr');
  });

  it('not applies to the next comparison or group, tighter than and', () => {
    expect(show(parseExpr('not a eq "1" and b eq "2"'))).toBe('(not a eq "1" and b eq "2")');
    expect(show(parseExpr('not (a eq "1" or b eq "2")'))).toBe('not (a eq "1" or b eq "2")');
  });

  it('operators and keywords are case-insensitive; attribute names keep their case', () => {
    expect(show(parseExpr('profile.firstName Eq "x" AND status EQ "ACTIVE" Or id PR'))).toBe('((profile.firstName eq "x" and status eq "ACTIVE") or id pr)');
  });

  it('reads JSON string escapes, numbers, booleans and null', () => {
    const e = parseExpr('profile.lastName eq "bob\\"smith" or a eq "back\\\\slash" or b eq "\\u00e9\\n" or n gt -3.5e1 or t eq true or f eq false or z eq null');
    const values: unknown[] = [];
    const walk = (x: Expr): void => {
      if (x.kind === 'cmp') values.push(x.value);
      if (x.kind === 'and' || x.kind === 'or') {
        walk(x.left);
        walk(x.right);
      }
    };
    walk(e);
    expect(values).toEqual(['bob"smith', 'back\\slash', 'é\n', -35, true, false, null]);
  });

  it('reports unknown operators with their 0-based position', () => {
    const err = parseError('display_message eqq "Create okta user"');
    expect(err.kind).toBe('operator');
    expect(err.token).toBe('eqq');
    expect(err.position).toBe(16);
  });

  it.each([
    ['', 'Empty expression'],
    ['a eq', 'Expected a value at position 4'],
    ['a eq "unterminated', 'Unterminated string starting at position 5'],
    ['(a eq "1"', "Expected ')' at position 9"],
    ['a eq "1")', "Unexpected ')' at position 8"],
    ['a eq "1" and', 'Expected an attribute at position 12'],
    ['a eq "bad \\q escape"', "Invalid escape '\\q' at position 10"],
    ['a eq "1" b eq "2"', "Unexpected 'b' at position 9"],
    ['a eq [1]', "Unexpected character '[' at position 5"],
  ])('rejects %j: %s', (src, message) => {
    const err = parseError(src);
    expect(err.kind).toBe('syntax');
    expect(err.message).toBe(message);
  });
});

describe('per-endpoint validation', () => {
  it('users filter: eq only (ranges only on lastUpdated), listed attributes only, no not', () => {
    expect(violation(parseExpr('status eq "ACTIVE" and lastUpdated gt "2024-01-01T00:00:00.000Z"'), USER_FILTER_RULES)).toBeUndefined();
    expect(violation(parseExpr('profile.login sw "a"'), USER_FILTER_RULES)).toBe("filter: Unsupported operator 'sw' for attribute 'profile.login'");
    expect(violation(parseExpr('profile.department eq "x"'), USER_FILTER_RULES)).toBe("filter: Unsupported attribute 'profile.department'");
    expect(violation(parseExpr('not status eq "ACTIVE"'), USER_FILTER_RULES)).toBe("The 'not' operator is not supported");
  });

  it('users search: no ne, co only on the four name/email/login fields', () => {
    expect(violation(parseExpr('profile.department eq "x" and profile.email co "ex"'), USER_SEARCH_RULES)).toBeUndefined();
    expect(violation(parseExpr('status ne "ACTIVE"'), USER_SEARCH_RULES)).toBe("search: The operator 'ne' is not supported");
    expect(violation(parseExpr('profile.city co "x"'), USER_SEARCH_RULES)).toBe("search: The operator 'co' is not supported for attribute 'profile.city'");
    expect(violation(parseExpr('whatever eq "x"'), USER_SEARCH_RULES)).toBe("search: Unsupported attribute 'whatever'");
  });

  it('logs filter: any LogEvent field except published', () => {
    expect(violation(parseExpr('eventType eq "x" and not (target.id ne "y")'), LOG_FILTER_RULES)).toBeUndefined();
    expect(violation(parseExpr('published gt "2024-01-01T00:00:00Z"'), LOG_FILTER_RULES)).toBe('field is not valid: published');
  });

  it('soleEquality finds index-answerable expressions only', () => {
    expect(soleEquality(parseExpr('profile.login eq "a@b.c"'), 'profile.login')).toBe('a@b.c');
    expect(soleEquality(parseExpr('profile.login eq "a@b.c" and status eq "X"'), 'profile.login')).toBeUndefined();
  });
});

describe('evaluation', () => {
  const people = [
    { id: '1', status: 'ACTIVE', profile: { firstName: 'Zoë', email: 'Zoe@Example.com', tags: ['red', 'blue'], age: 30 }, lastUpdated: '2024-03-01T10:00:00.000Z' },
    { id: '2', status: 'SUSPENDED', profile: { firstName: 'zoe', email: 'other@example.com', tags: [], age: 41 }, lastUpdated: '2024-01-01T00:00:00.000Z' },
    { id: '3', status: 'ACTIVE', profile: { firstName: null, email: 'x"y@example.com' }, lastUpdated: '2023-12-31T23:59:59.999Z' },
  ];
  const run = (src: string, caseInsensitive: boolean): string[] => {
    const p = compile<(typeof people)[number]>(parseExpr(src), { values: (r, a) => pathValues(r, a.split('.')), caseInsensitive });
    return people.filter(p).map((r) => r.id);
  };

  it('case-sensitive for filter, case-insensitive for search; diacritics stay significant', () => {
    expect(run('profile.firstName eq "zoe"', false)).toEqual(['2']);
    expect(run('profile.firstName eq "ZOE"', true)).toEqual(['2']);
    expect(run('profile.firstName eq "ZOË"', true)).toEqual(['1']);
  });

  it('sw, co, ew, pr and ne', () => {
    expect(run('profile.email sw "zoe@"', true)).toEqual(['1']);
    expect(run('profile.email co "EXAMPLE"', true)).toEqual(['1', '2', '3']);
    expect(run('profile.email ew ".com"', false)).toEqual(['1', '2', '3']);
    expect(run('profile.firstName pr', false)).toEqual(['1', '2']);
    expect(run('profile.tags pr', false)).toEqual(['1']);
    expect(run('status ne "ACTIVE"', false)).toEqual(['2']);
  });

  it('arrays match when any element matches', () => {
    expect(run('profile.tags eq "blue"', false)).toEqual(['1']);
  });

  it('dates compare chronologically, numbers numerically, and escaped quotes match', () => {
    expect(run('lastUpdated gt "2024-01-01T00:00:00Z"', false)).toEqual(['1']);
    expect(run('lastUpdated ge "2024-01-01T01:00:00+01:00"', false)).toEqual(['1', '2']);
    expect(run('lastUpdated lt "2024-01-01T00:00:00.000Z"', false)).toEqual(['3']);
    expect(run('profile.age gt 35', false)).toEqual(['2']);
    expect(run('profile.age le 30', false)).toEqual(['1']);
    expect(run('profile.email eq "x\\"y@example.com"', false)).toEqual(['3']);
  });

  it('and / or / not / parentheses evaluate as parsed', () => {
    expect(run('status eq "ACTIVE" and (profile.age gt 1 or profile.firstName eq null)', false)).toEqual(['1', '3']);
    expect(run('not (status eq "ACTIVE") or id eq "3"', false)).toEqual(['2', '3']);
  });
});
