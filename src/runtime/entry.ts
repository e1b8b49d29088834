// The War Room entry: what every command hands back to the SOAR platform.

export const EntryType = { note: 1, error: 4 } as const;
export type EntryTypeCode = (typeof EntryType)[keyof typeof EntryType];

export interface Entry {
  Type: EntryTypeCode;
  ContentsFormat: 'json' | 'text' | 'markdown';
  /** The raw data (what raw-response=true shows). */
  Contents: unknown;
  HumanReadable?: string;
  ReadableContentsFormat?: 'markdown';
  /** Context key (optionally with a DT selector) → value merged into the incident context. */
  EntryContext?: Record<string, unknown>;
}

/**
 * `Account(val.ID && val.ID === obj.ID)`: the guard on `val.ID` stops two objects that both lack the key
 * from comparing equal (undefined === undefined) and being merged into one.
 */
export function dtKey(prefix: string, keyField: string | readonly string[]): string {
  const fields = typeof keyField === 'string' ? [keyField] : keyField;
  const predicate = fields.map((field) => `val.${field} && val.${field} === obj.${field}`).join(' && ');
  return `${prefix}(${predicate})`;
}

export interface CommandResultInput {
  /** Context path, e.g. `Account` or `Okta.Logs.Events`. */
  prefix: string;
  /** Field that identifies an element, e.g. `ID` or `uuid`. */
  keyField: string | readonly string[];
  outputs: unknown;
  readable: string;
  /** The Okta response(s) the outputs came from; defaults to the outputs. */
  raw?: unknown;
}

export function commandResult({ prefix, keyField, outputs, readable, raw }: CommandResultInput): Entry {
  const contents = raw === undefined ? outputs : raw;
  const hasOutputs = outputs !== undefined && outputs !== null && !(Array.isArray(outputs) && outputs.length === 0);
  return {
    Type: EntryType.note,
    ContentsFormat: typeof contents === 'string' ? 'text' : 'json',
    Contents: contents ?? null,
    HumanReadable: readable,
    ReadableContentsFormat: 'markdown',
    ...(hasOutputs ? { EntryContext: { [dtKey(prefix, keyField)]: outputs } } : {}),
  };
}

/** A readable note with no context (e.g. "No events found"). */
export function noteEntry(readable: string, raw: unknown = null): Entry {
  return {
    Type: EntryType.note,
    ContentsFormat: typeof raw === 'string' ? 'text' : 'json',
    Contents: raw,
    HumanReadable: readable,
    ReadableContentsFormat: 'markdown',
  };
}

export function errorEntry(message: string): Entry {
  return { Type: EntryType.error, ContentsFormat: 'text', Contents: message };
}

export const isErrorEntry = (entry: Entry): boolean => entry.Type === EntryType.error;
