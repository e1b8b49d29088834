// Okta's filter / search expression language (SCIM-style, RFC 7644 §3.4.2.2): one recursive-descent parser for
// every endpoint, then per-endpoint validation (which attributes, operators and `not` are allowed) and a compiler
// to a predicate. Precedence: comparisons bind tightest, then `not`, then `and`, then `or`; parentheses group.

export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'sw' | 'co' | 'ew';
export type Operator = CompareOp | 'pr';
export type Literal = string | number | boolean | null;

export type Expr =
  | { kind: 'cmp'; attr: string; op: CompareOp; value: Literal; pos: number }
  | { kind: 'pr'; attr: string; pos: number }
  | { kind: 'and' | 'or'; left: Expr; right: Expr }
  | { kind: 'not'; expr: Expr; pos: number };

const COMPARE_OPS: readonly CompareOp[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'sw', 'co', 'ew'];

export type ExprErrorKind = 'syntax' | 'operator';

export class ExprError extends Error {
  constructor(
    message: string,
    readonly kind: ExprErrorKind,
    readonly position: number,
    /** the offending token text (the unknown operator for kind 'operator') */
    readonly token: string,
  ) {
    super(message);
  }
}

type Token =
  | { t: 'lparen' | 'rparen' | 'end'; pos: number; text: string }
  | { t: 'word'; pos: number; text: string }
  | { t: 'string'; pos: number; text: string; value: string }
  | { t: 'number'; pos: number; text: string; value: number };

const WORD_CHAR = /[A-Za-z0-9_.:$-]/;

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ t: c === '(' ? 'lparen' : 'rparen', pos: i, text: c });
      i++;
    } else if (c === '"') {
      const [value, end] = readString(src, i);
      tokens.push({ t: 'string', pos: i, text: src.slice(i, end), value });
      i = end;
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(src.slice(i));
      const text = m?.[0] ?? c;
      const after = src[i + text.length];
      if (after !== undefined && WORD_CHAR.test(after)) {
        // `2fa.enabled`-like words start with a digit: treat them as words, not numbers.
        const end = readWordEnd(src, i);
        tokens.push({ t: 'word', pos: i, text: src.slice(i, end) });
        i = end;
      } else {
        tokens.push({ t: 'number', pos: i, text, value: Number(text) });
        i += text.length;
      }
    } else if (WORD_CHAR.test(c)) {
      const end = readWordEnd(src, i);
      tokens.push({ t: 'word', pos: i, text: src.slice(i, end) });
      i = end;
    } else {
      throw new ExprError(`Unexpected character '${c}' at position ${i}`, 'syntax', i, c);
    }
  }
  tokens.push({ t: 'end', pos: src.length, text: '' });
  return tokens;
}

function readWordEnd(src: string, start: number): number {
  let end = start;
  while (end < src.length && WORD_CHAR.test(src[end] as string)) end++;
  return end;
}

const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** A JSON string literal starting at `start` (the opening quote). Returns the value and the index after it. */
function readString(src: string, start: number): [string, number] {
  let out = '';
  let i = start + 1;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === '"') return [out, i + 1];
    if (c === '\\') {
      const e = src[i + 1];
      if (e === undefined) break;
      if (e === 'u') {
        const hex = src.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new ExprError(`Invalid unicode escape at position ${i}`, 'syntax', i, src.slice(i, i + 6));
        out += String.fromCharCode(parseInt(hex, 16));
        i += 6;
        continue;
      }
      const simple = SIMPLE_ESCAPES[e];
      if (simple === undefined) throw new ExprError(`Invalid escape '\\${e}' at position ${i}`, 'syntax', i, `\\${e}`);
      out += simple;
      i += 2;
      continue;
    }
    out += c;
    i++;
  }
  throw new ExprError(`Unterminated string starting at position ${start}`, 'syntax', start, src.slice(start));
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.i] as Token;
  }

  private take(): Token {
    return this.tokens[this.i++] as Token;
  }

  private isKeyword(word: string): boolean {
    const t = this.peek();
    return t.t === 'word' && t.text.toLowerCase() === word;
  }

  parse(): Expr {
    const first = this.peek();
    if (first.t === 'end') throw new ExprError('Empty expression', 'syntax', 0, '');
    const expr = this.parseOr();
    const rest = this.peek();
    if (rest.t !== 'end') throw new ExprError(`Unexpected '${rest.text}' at position ${rest.pos}`, 'syntax', rest.pos, rest.text);
    return expr;
  }

  private parseOr(): Expr {
    return this.parseChain('or', () => this.parseAnd());
  }

  private parseAnd(): Expr {
    return this.parseChain('and', () => this.parseUnary());
  }

  /** `operand (keyword operand)*`, folded to the left. */
  private parseChain(keyword: 'and' | 'or', operand: () => Expr): Expr {
    let left = operand();
    while (this.isKeyword(keyword)) {
      this.take();
      left = { kind: keyword, left, right: operand() };
    }
    return left;
  }

  private parseUnary(): Expr {
    if (this.isKeyword('not')) {
      const pos = this.take().pos;
      return { kind: 'not', expr: this.parseUnary(), pos };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): Expr {
    const t = this.take();
    if (t.t === 'lparen') {
      const inner = this.parseOr();
      const close = this.take();
      if (close.t !== 'rparen') throw new ExprError(`Expected ')' at position ${close.pos}`, 'syntax', close.pos, close.text);
      return inner;
    }
    if (t.t !== 'word') throw new ExprError(`Expected an attribute at position ${t.pos}`, 'syntax', t.pos, t.text);
    if (['and', 'or', 'not'].includes(t.text.toLowerCase())) {
      throw new ExprError(`Expected an attribute at position ${t.pos}`, 'syntax', t.pos, t.text);
    }
    return this.parseComparison(t.text, t.pos);
  }

  private parseComparison(attr: string, attrPos: number): Expr {
    const opTok = this.take();
    if (opTok.t !== 'word') {
      throw new ExprError(`Expected an operator at position ${opTok.pos}`, 'operator', opTok.pos, opTok.text);
    }
    const op = opTok.text.toLowerCase();
    if (op === 'pr') return { kind: 'pr', attr, pos: attrPos };
    if (!(COMPARE_OPS as readonly string[]).includes(op)) {
      throw new ExprError(`Unrecognized attribute operator '${opTok.text}' at position ${opTok.pos}`, 'operator', opTok.pos, opTok.text);
    }
    return { kind: 'cmp', attr, op: op as CompareOp, value: this.parseLiteral(), pos: attrPos };
  }

  private parseLiteral(): Literal {
    const t = this.take();
    if (t.t === 'string' || t.t === 'number') return t.value;
    if (t.t === 'word') {
      const w = t.text.toLowerCase();
      if (w === 'true') return true;
      if (w === 'false') return false;
      if (w === 'null') return null;
    }
    throw new ExprError(`Expected a value at position ${t.pos}`, 'syntax', t.pos, t.text);
  }
}

export function parseExpr(src: string): Expr {
  return new Parser(tokenize(src)).parse();
}

// ---------------------------------------------------------------------------------------------- validation

export interface ExprRules {
  allowNot: boolean;
  /** Returns why the comparison is not allowed, or undefined when it is. */
  check(attr: string, op: Operator, value: Literal | undefined): string | undefined;
}

/** The first rule violation in the expression, or undefined. */
export function violation(expr: Expr, rules: ExprRules): string | undefined {
  switch (expr.kind) {
    case 'and':
    case 'or':
      return violation(expr.left, rules) ?? violation(expr.right, rules);
    case 'not':
      return rules.allowNot ? violation(expr.expr, rules) : "The 'not' operator is not supported";
    case 'pr':
      return rules.check(expr.attr, 'pr', undefined);
    case 'cmp':
      return rules.check(expr.attr, expr.op, expr.value);
  }
}

/** Every comparison in the expression (for date checks and the like). */
export function comparisons(expr: Expr): Array<Extract<Expr, { kind: 'cmp' | 'pr' }>> {
  switch (expr.kind) {
    case 'and':
    case 'or':
      return [...comparisons(expr.left), ...comparisons(expr.right)];
    case 'not':
      return comparisons(expr.expr);
    default:
      return [expr];
  }
}

/** When the whole expression is `attr eq "value"`, the value: lets callers answer from an index. */
export function soleEquality(expr: Expr, attr: string): Literal | undefined {
  return expr.kind === 'cmp' && expr.op === 'eq' && expr.attr === attr ? expr.value : undefined;
}

// ---------------------------------------------------------------------------------------------- evaluation

export interface EvalOptions<T> {
  /** All values the attribute has on the record; arrays are flattened so any element can match. */
  values(record: T, attr: string): unknown[];
  caseInsensitive: boolean;
}

export type Predicate<T> = (record: T) => boolean;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value));
}

export function compile<T>(expr: Expr, opts: EvalOptions<T>): Predicate<T> {
  switch (expr.kind) {
    case 'and': {
      const l = compile(expr.left, opts);
      const r = compile(expr.right, opts);
      return (rec) => l(rec) && r(rec);
    }
    case 'or': {
      const l = compile(expr.left, opts);
      const r = compile(expr.right, opts);
      return (rec) => l(rec) || r(rec);
    }
    case 'not': {
      const inner = compile(expr.expr, opts);
      return (rec) => !inner(rec);
    }
    case 'pr': {
      const attr = expr.attr;
      return (rec) => opts.values(rec, attr).some(isPresent);
    }
    case 'cmp':
      return compileComparison(expr, opts);
  }
}

function isPresent(v: unknown): boolean {
  if (v === null || v === undefined || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true;
}

function compileComparison<T>(expr: Extract<Expr, { kind: 'cmp' }>, opts: EvalOptions<T>): Predicate<T> {
  const { attr, op } = expr;
  const test = valueTest(op, expr.value, opts.caseInsensitive);
  if (op === 'ne') {
    // `ne` holds when no value equals the literal (a missing attribute is "not equal").
    const eq = valueTest('eq', expr.value, opts.caseInsensitive);
    return (rec) => !opts.values(rec, attr).some(eq);
  }
  return (rec) => {
    const vals = opts.values(rec, attr);
    if (vals.length === 0) return expr.value === null && op === 'eq';
    return vals.some(test);
  };
}

function valueTest(op: CompareOp, literal: Literal, ci: boolean): (v: unknown) => boolean {
  if (literal === null) return (v) => (op === 'eq' || op === 'ne' ? v === null || v === undefined : false);
  if (typeof literal === 'boolean') return (v) => (op === 'eq' || op === 'ne' ? v === literal : false);
  if (typeof literal === 'number') return numberTest(op, literal);
  return stringTest(op, literal, ci);
}

function numberTest(op: CompareOp, lit: number): (v: unknown) => boolean {
  return (v) => {
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (Number.isNaN(n)) return false;
    return ordered(op, n - lit);
  };
}

function ordered(op: CompareOp, diff: number): boolean {
  switch (op) {
    case 'eq':
    case 'ne':
      return diff === 0;
    case 'gt':
      return diff > 0;
    case 'ge':
      return diff >= 0;
    case 'lt':
      return diff < 0;
    case 'le':
      return diff <= 0;
    default:
      return false;
  }
}

function stringTest(op: CompareOp, literal: string, ci: boolean): (v: unknown) => boolean {
  const norm = (s: string): string => (ci ? s.toLowerCase() : s);
  const lit = norm(literal);
  const litDate = isIsoDate(literal) ? Date.parse(literal) : undefined;
  switch (op) {
    case 'eq':
    case 'ne':
      return (v) => typeof v === 'string' && norm(v) === lit;
    case 'sw':
      return (v) => typeof v === 'string' && norm(v).startsWith(lit);
    case 'ew':
      return (v) => typeof v === 'string' && norm(v).endsWith(lit);
    case 'co':
      return (v) => typeof v === 'string' && norm(v).includes(lit);
    default:
      return (v) => {
        if (typeof v !== 'string') return false;
        if (litDate !== undefined && isIsoDate(v)) return ordered(op, Date.parse(v) - litDate);
        const s = norm(v);
        return ordered(op, s < lit ? -1 : s > lit ? 1 : 0);
      };
  }
}

/** Dotted-path lookup that descends into arrays, returning every leaf value found. */
export function pathValues(root: unknown, path: readonly string[]): unknown[] {
  let current: unknown[] = [root];
  for (const key of path) {
    const next: unknown[] = [];
    for (const node of current) {
      if (node === null || node === undefined) continue;
      if (Array.isArray(node)) {
        for (const el of node) {
          if (el !== null && typeof el === 'object') next.push((el as Record<string, unknown>)[key]);
        }
      } else if (typeof node === 'object') {
        next.push((node as Record<string, unknown>)[key]);
      }
    }
    current = next;
  }
  const out: unknown[] = [];
  for (const v of current) {
    if (v === undefined) continue;
    if (Array.isArray(v)) out.push(...v);
    else out.push(v);
  }
  return out;
}
