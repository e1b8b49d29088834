// tableToMarkdown with the semantics of XSOAR's Python CommonServerPython, because that is what analysts see
// from every other integration and what the golden examples describe. Differences on purpose: nested values
// render as JSON (never a language repr) and nothing ever prints "undefined", "null" or "[object Object]".

export type Row = Record<string, unknown>;

export interface TableOptions {
  /** Column order. Without it: the keys of the first row, sorted. */
  headers?: readonly string[];
  /** Turns a raw key into the header text; replaces the default escaping. */
  headerTransform?: (header: string) => string;
  /** Drop columns whose every value is empty (null, undefined, '', [] or {}). */
  removeNull?: boolean;
}

const NO_ENTRIES = '**No entries.**\n';

function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value as object).length === 0;
  return false;
}

/**
 * Escapes what breaks a table cell: pipes and backticks; line breaks become <br>. A backslash is doubled first,
 * or a value ending in `\` would turn our `\|` back into a bare column separator.
 */
export function escapeCell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\r\n|\r|\n/g, '<br>')
    .replace(/\|/g, '\\|')
    .replace(/`/g, '\\`');
}

function scalarText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value) ?? '';
}

/** Lists become one item per line; objects one `key: value` per line; nested structures stay JSON. */
export function formatCell(value: unknown): string {
  if (Array.isArray(value)) return value.map(scalarText).join(',\n');
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.entries(value as Row)
      .map(([key, inner]) => `${key}: ${Array.isArray(inner) ? inner.map(scalarText).join(',\n') : scalarText(inner)}`)
      .join('\n');
  }
  return scalarText(value);
}

function columnsOf(rows: readonly Row[], options: TableOptions): string[] {
  const columns = options.headers ? [...options.headers] : Object.keys(rows[0] ?? {}).sort();
  if (!options.removeNull) return columns;
  return columns.filter((column) => rows.some((row) => !isEmptyValue(row[column])));
}

export function tableToMarkdown(title: string, data: readonly Row[] | Row | null | undefined, options: TableOptions = {}): string {
  const heading = title ? `### ${title}\n` : '';
  const rows: Row[] = data == null ? [] : Array.isArray(data) ? [...data] : [data as Row];
  if (rows.length === 0) return heading + NO_ENTRIES;
  const columns = columnsOf(rows, options);
  if (columns.length === 0) return heading + NO_ENTRIES;
  const headerCell = options.headerTransform ?? ((header: string) => escapeCell(header));
  const lines = [
    `|${columns.map(headerCell).join('|')}|`,
    `|${columns.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${columns.map((column) => escapeCell(formatCell(row[column]))).join(' | ')} |`),
  ];
  return `${heading}${lines.join('\n')}\n`;
}

/**
 * A table that shows at most `cap` rows, followed by a line saying how many more are in context,
 * so a 20,000-event listing stays readable in the War Room while context keeps everything.
 */
export function cappedTable(title: string, rows: readonly Row[], options: TableOptions = {}, cap = 100): string {
  return cappedTableOf(title, rows, (row) => row, options, cap);
}

/** cappedTable over raw items: only the rows shown are built, which matters for a 50,000-event listing. */
export function cappedTableOf<T>(title: string, items: readonly T[], toRow: (item: T) => Row, options: TableOptions = {}, cap = 100): string {
  const table = tableToMarkdown(title, items.slice(0, cap).map(toRow), options);
  if (items.length <= cap) return table;
  const hidden = items.length - cap;
  return `${table}\nShowing the first ${cap} of ${items.length} rows; ${hidden} more ${hidden === 1 ? 'is' : 'are'} in context.\n`;
}

/** `ThreatScore` → `Threat Score`, `IPAddress` → `IP Address` (Python's pascalToSpace). */
export function pascalToSpace(text: string): string {
  const spaced = text
    .replace(/([A-Z]?[a-z]+)/g, ' $1 ')
    .replace(/\s+/g, ' ')
    .trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** `user_id` → `UserId`. */
export function underscoreToCamelCase(text: string): string {
  return text
    .split('_')
    .map((part) => (part ? part[0]!.toUpperCase() + part.slice(1).toLowerCase() : ''))
    .join('');
}

/** `one_two` → `One Two`. */
export function stringToTableHeader(text: string): string {
  return text
    .split('_')
    .map((part) => (part ? part[0]!.toUpperCase() + part.slice(1).toLowerCase() : ''))
    .join(' ');
}
