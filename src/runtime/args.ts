// Argument coercion shared by every command. SOAR platforms hand arguments over as strings (sometimes as
// numbers, booleans or arrays), so each builder accepts `unknown` and yields a typed value, or an error
// message that names the argument and the value, the way XSOAR's own helpers word them.
// zod/mini keeps the bundle small (full zod adds ~440 KB); the schemas are built per argument name.
import * as z from 'zod/mini';

export interface ArgSpec<T> {
  readonly kind: 'text' | 'secret' | 'boolean' | 'integer' | 'list' | 'enum' | 'date';
  readonly required: boolean;
  /** The default as integration.yml states it (`defaultValue`), so a test can hold the two equal. */
  readonly defaultValue?: string;
  readonly values?: readonly string[];
  /** `now` is the command's clock, for relative dates ("3 days ago"). */
  schema(name: string, now?: () => Date): z.ZodMiniType<T, unknown>;
}

export type ArgShape = Record<string, ArgSpec<unknown>>;
export type ArgsOf<S extends ArgShape> = { [K in keyof S]: S[K] extends ArgSpec<infer T> ? T : never };

/** Thrown by a parser; the dispatcher shows the message as the error. */
export class ArgumentError extends Error {
  override name = 'ArgumentError';
}

const DEFAULT_MAX_LENGTH = 2048;

const shown = (raw: unknown): string => {
  const text = typeof raw === 'string' ? raw : JSON.stringify(raw) ?? String(raw);
  return text.length > 60 ? `${text.slice(0, 60)}… (${text.length} characters)` : text;
};

function isMissing(raw: unknown): boolean {
  if (raw === undefined || raw === null) return true;
  if (typeof raw === 'string') return raw.trim() === '';
  return Array.isArray(raw) && raw.length === 0;
}

/**
 * XSOAR hands a value taken from context as a one-element list when the context held a list; for a one-value
 * argument that is the value. Several values for a one-value argument are refused rather than guessed between.
 */
function singleValue(input: unknown, name: string): unknown {
  if (!Array.isArray(input)) return input;
  if (input.length <= 1) return input[0];
  return new ArgumentError(`"${name}" takes one value, got ${input.length}`);
}

function spec<T>(
  kind: ArgSpec<T>['kind'],
  options: { required?: boolean; default?: string; values?: readonly string[] },
  parse: (raw: unknown, name: string, now: () => Date) => T,
): ArgSpec<T> {
  const required = options.required ?? false;
  return {
    kind,
    required,
    ...(options.default !== undefined ? { defaultValue: options.default } : {}),
    ...(options.values ? { values: options.values } : {}),
    schema: (name, now = () => new Date()) =>
      z.pipe(
        z.unknown(),
        z.transform((input: unknown, ctx) => {
          const single = kind === 'list' ? input : singleValue(input, name);
          if (single instanceof ArgumentError) {
            ctx.issues.push({ code: 'custom', message: single.message, input });
            return z.NEVER;
          }
          const raw = isMissing(single) ? options.default : single;
          if (raw === undefined) {
            if (!required) return undefined as T;
            ctx.issues.push({ code: 'custom', message: `Missing required argument "${name}"`, input });
            return z.NEVER;
          }
          try {
            return parse(raw, name, now);
          } catch (error) {
            if (!(error instanceof ArgumentError)) throw error;
            ctx.issues.push({ code: 'custom', message: error.message, input });
            return z.NEVER;
          }
        }),
      ) as unknown as z.ZodMiniType<T, unknown>,
  };
}

function asText(raw: unknown, name: string, max: number, trim: boolean): string {
  if (typeof raw !== 'string' && typeof raw !== 'number') throw new ArgumentError(`Invalid text: "${name}"=${shown(raw)}`);
  const text = trim ? String(raw).trim() : String(raw);
  if (text.length > max) throw new ArgumentError(`Value too long: "${name}" has ${text.length} characters (at most ${max})`);
  return text;
}

interface TextOptions {
  max?: number;
  default?: string;
}

/** Free text, trimmed. */
export function text(options: TextOptions & { required: true }): ArgSpec<string>;
export function text(options?: TextOptions & { required?: false }): ArgSpec<string | undefined>;
export function text(options: TextOptions & { required?: boolean } = {}): ArgSpec<string | undefined> {
  return spec('text', options, (raw, name) => asText(raw, name, options.max ?? DEFAULT_MAX_LENGTH, true));
}

/**
 * An Okta id (or, where Okta allows it, a login) that goes into a URL path. `.` and `..` would be resolved away by
 * URL parsing and call a different endpoint, so they are refused here, naming the argument.
 */
export function id(options: { required: true }): ArgSpec<string>;
export function id(options?: { required?: false }): ArgSpec<string | undefined>;
export function id(options: { required?: boolean } = {}): ArgSpec<string | undefined> {
  return spec('text', options, (raw, name) => {
    const value = asText(raw, name, 256, true);
    if (value === '.' || value === '..') throw new ArgumentError(`Invalid id: "${name}"="${value}" is not an Okta id`);
    return value;
  });
}

/** A password or answer: taken verbatim (spaces are significant) and never echoed in messages. */
export function secret(options: { required: true; max?: number }): ArgSpec<string>;
export function secret(options?: { required?: false; max?: number }): ArgSpec<string | undefined>;
export function secret(options: { required?: boolean; max?: number } = {}): ArgSpec<string | undefined> {
  return spec('secret', options, (raw, name) => {
    // A numeric password arrives as a number from a host; its digits are the password.
    if (typeof raw !== 'string' && typeof raw !== 'number') throw new ArgumentError(`Invalid text: "${name}" must be a string`);
    const value = String(raw);
    const max = options.max ?? 256;
    if (value.length > max) throw new ArgumentError(`Value too long: "${name}" has ${value.length} characters (at most ${max})`);
    return value;
  });
}

export function parseBoolean(raw: unknown, name: string): boolean {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'string') {
    const word = raw.trim().toLowerCase();
    if (word === 'true' || word === 'yes') return true;
    if (word === 'false' || word === 'no') return false;
  }
  throw new ArgumentError(`Invalid boolean: "${name}"="${shown(raw)}" (use true or false)`);
}

/** true/false/yes/no in any case. */
export function bool(options: { default: 'true' | 'false' }): ArgSpec<boolean>;
export function bool(options?: { required?: boolean }): ArgSpec<boolean | undefined>;
export function bool(options: { required?: boolean; default?: 'true' | 'false' } = {}): ArgSpec<boolean | undefined> {
  return spec('boolean', { ...options, values: ['true', 'false'] }, parseBoolean);
}

interface IntegerOptions {
  min?: number;
  max?: number;
  default?: string;
}

export function parseInteger(raw: unknown, name: string, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): number {
  const textual = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  const bounded = min > Number.MIN_SAFE_INTEGER || max < Number.MAX_SAFE_INTEGER;
  const range = bounded ? ` (must be a whole number between ${min} and ${max})` : '';
  // "2.0" is two (a number that went through a float somewhere); "1.5" is refused rather than truncated.
  if (!/^[+-]?\d+(\.0+)?$/.test(textual)) throw new ArgumentError(`Invalid number: "${name}"="${shown(raw)}"${range}`);
  const value = Number(textual);
  if (value < min || value > max) throw new ArgumentError(`Invalid number: "${name}"="${shown(raw)}"${range}`);
  return value;
}

/** A whole number within bounds. `1e9`, `1.5` and `abc` are refused rather than guessed at. */
export function int(options: IntegerOptions & { required: true }): ArgSpec<number>;
export function int(options: IntegerOptions & { default: string }): ArgSpec<number>;
export function int(options?: IntegerOptions): ArgSpec<number | undefined>;
export function int(options: IntegerOptions & { required?: boolean } = {}): ArgSpec<number | undefined> {
  return spec('integer', options, (raw, name) => parseInteger(raw, name, options.min, options.max));
}

/** argToList semantics: a JSON array string, a real array, or comma-separated text; items trimmed, blanks dropped. */
export function parseList(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.map((item) => String(item).trim()).filter(Boolean);
  const textual = String(raw).trim();
  if (textual.startsWith('[') && textual.endsWith(']')) {
    try {
      const parsed: unknown = JSON.parse(textual);
      if (Array.isArray(parsed)) return parsed.map((item) => String(item).trim()).filter(Boolean);
    } catch {
      // not JSON after all: fall back to splitting on commas
    }
  }
  return textual
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

export function list(options: { required?: boolean; maxItems?: number; itemMax?: number } = {}): ArgSpec<string[] | undefined> {
  return spec('list', options, (raw, name) => {
    const items = parseList(raw);
    if (options.maxItems !== undefined && items.length > options.maxItems) {
      throw new ArgumentError(`Too many values: "${name}" has ${items.length} (at most ${options.maxItems})`);
    }
    for (const item of items) asText(item, name, options.itemMax ?? 256, true);
    return items;
  });
}

/** One of a fixed set; matched case-insensitively and returned in its canonical spelling. */
export function oneOf<const V extends readonly [string, ...string[]]>(values: V, options: { default: V[number] }): ArgSpec<V[number]>;
export function oneOf<const V extends readonly [string, ...string[]]>(values: V, options?: { required?: boolean }): ArgSpec<V[number] | undefined>;
export function oneOf<const V extends readonly [string, ...string[]]>(
  values: V,
  options: { required?: boolean; default?: string } = {},
): ArgSpec<V[number] | undefined> {
  return spec('enum', { ...options, values }, (raw, name) => {
    const word = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
    const match = values.find((value) => value.toLowerCase() === word);
    if (match === undefined) {
      throw new ArgumentError(`Invalid value: "${name}"="${shown(raw)}" (expected one of ${values.join(', ')})`);
    }
    return match;
  });
}

const UNIT_MS: Record<string, number> = {
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
  month: 30 * 86_400_000,
  year: 365 * 86_400_000,
};
const UNIT_ALIASES: Record<string, string> = { sec: 'second', secs: 'second', s: 'second', min: 'minute', mins: 'minute', m: 'minute', h: 'hour', hr: 'hour', hrs: 'hour', d: 'day', w: 'week', mo: 'month', y: 'year' };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const RELATIVE = /^(in\s+)?(\d+)\s*([a-z]+?)s?(\s+ago)?$/i;

function unitMs(word: string): number | undefined {
  const lower = word.toLowerCase();
  return UNIT_MS[lower] ?? UNIT_MS[UNIT_ALIASES[lower] ?? ''];
}

function parseIso(textual: string): Date | undefined {
  const match = ISO_DATE.exec(textual);
  if (!match) return undefined;
  // A timestamp without an offset is read as UTC: the server's own time zone must never leak into a query.
  const offset = match[8] ?? 'Z';
  const normalisedOffset = offset.toUpperCase() === 'Z' ? 'Z' : offset.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = ''] = match;
  const millis = fraction ? fraction.slice(0, 4).padEnd(4, '0') : '.000';
  const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}${millis}${normalisedOffset}`);
  // Date() rolls 2024-02-31 over to March; refuse impossible calendar dates instead.
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const realDay = calendar.getUTCMonth() === Number(month) - 1 && calendar.getUTCDate() === Number(day);
  if (Number.isNaN(date.getTime()) || !realDay || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
  return date;
}

/**
 * ISO 8601 (offset optional, UTC assumed), epoch seconds or milliseconds (above 2,000,000,000 = ms),
 * `now`, or relative: `3 days ago`, `2 hours` (both in the past), `in 1 day` (the future).
 */
// Okta was founded in 2009 (and keeps 90 days of System Log): a date outside these years is a typo, not a query,
// e.g. 20240503 read as epoch seconds (1970).
const EARLIEST = Date.UTC(2009, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

export function parseDate(raw: unknown, name: string, now: Date = new Date()): Date {
  const date = parseAnyDate(raw, name, now);
  if (Number.isNaN(date.getTime()) || date.getTime() < EARLIEST || date.getTime() >= LATEST) {
    throw new ArgumentError(`Invalid date: "${name}"="${shown(raw)}" (it must fall between 2009 and 2100)`);
  }
  return date;
}

function parseAnyDate(raw: unknown, name: string, now: Date): Date {
  const textual = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  const fail = (): never => {
    throw new ArgumentError(`Invalid date: "${name}"="${shown(raw)}" (use ISO 8601 such as 2024-05-03T16:22:18Z, epoch seconds, or "3 days ago")`);
  };
  if (/^\d+$/.test(textual)) {
    const value = Number(textual);
    return new Date(value > 2_000_000_000 ? value : value * 1000);
  }
  if (textual.toLowerCase() === 'now') return now;
  const relative = RELATIVE.exec(textual);
  if (relative) {
    const [, future, amount, unit] = relative;
    const size = unitMs(unit ?? '');
    if (size === undefined) return fail();
    const delta = Number(amount) * size;
    return new Date(now.getTime() + (future ? delta : -delta));
  }
  return parseIso(textual) ?? fail();
}

/** A point in time; the handler receives a Date (format it for Okta with toISOString()). */
export function date(options: { required?: boolean } = {}): ArgSpec<Date | undefined> {
  return spec('date', options, (raw, name, now) => parseDate(raw, name, now()));
}

/**
 * The strict object schema for a command's arguments. Every declared key is passed explicitly (absent ones as
 * undefined) because zod skips the schemas of missing optional keys, and defaults live in those schemas.
 */
export function parseArgs<S extends ArgShape>(shape: S, input: Record<string, unknown>, now?: () => Date):
  { success: true; data: ArgsOf<S> } | { success: false; messages: string[] } {
  const schema = z.strictObject(Object.fromEntries(Object.entries(shape).map(([name, spec]) => [name, spec.schema(name, now)])));
  const complete = { ...Object.fromEntries(Object.keys(shape).map((name) => [name, undefined])), ...input };
  const result = schema.safeParse(complete);
  if (result.success) return { success: true, data: result.data as ArgsOf<S> };
  return { success: false, messages: result.error.issues.map((issue) => issue.message) };
}
