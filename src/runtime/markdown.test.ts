import { describe, expect, it } from 'vitest';
import { cappedTable, escapeCell, formatCell, pascalToSpace, stringToTableHeader, tableToMarkdown, underscoreToCamelCase } from './markdown';

describe('tableToMarkdown', () => {
  it('sorts the first row keys when no headers are given and pads data cells', () => {
    expect(tableToMarkdown('Users', [{ b: 2, a: 'x' }, { a: 'y', b: 3 }])).toBe('### Users\n|a|b|\n|---|---|\n| x | 2 |\n| y | 3 |\n');
  });

  it('keeps an explicit header order and leaves unknown columns empty', () => {
    expect(tableToMarkdown('T', [{ a: 1 }], { headers: ['b', 'a'] })).toBe('### T\n|b|a|\n|---|---|\n|  | 1 |\n');
  });

  it('ignores keys that only later rows have (Python semantics)', () => {
    expect(tableToMarkdown('T', [{ b: 1 }, { a: 2, b: 3 }])).toBe('### T\n|b|\n|---|\n| 1 |\n| 3 |\n');
  });

  it('says **No entries.** for nothing, with or without a title', () => {
    expect(tableToMarkdown('X', [])).toBe('### X\n**No entries.**\n');
    expect(tableToMarkdown('', [])).toBe('**No entries.**\n');
    expect(tableToMarkdown('X', null)).toBe('### X\n**No entries.**\n');
  });

  it('escapes pipes and backticks and turns every kind of newline into <br>', () => {
    expect(tableToMarkdown('', [{ v: 'x|y`z\r\nw*_#\rq\nr' }])).toBe('|v|\n|---|\n| x\\|y\\`z<br>w*_#<br>q<br>r |\n');
    expect(tableToMarkdown('', [{ 'a|b': 1 }])).toBe('|a\\|b|\n|---|\n| 1 |\n');
  });

  it('renders null and undefined as empty cells, never as words', () => {
    const out = tableToMarkdown('', [{ a: null, b: undefined, c: 0, d: false }], { headers: ['a', 'b', 'c', 'd'] });
    expect(out).toBe('|a|b|c|d|\n|---|---|---|---|\n|  |  | 0 | false |\n');
    expect(out).not.toMatch(/null|undefined|\[object Object\]/);
  });

  it('renders lists one item per line and objects as key: value lines', () => {
    expect(tableToMarkdown('', [{ l: [1, 'second item'], o: { k: { n: 1 }, l: [1, 2] } }])).toBe(
      '|l|o|\n|---|---|\n| 1,<br>second item | k: {"n":1}<br>l: 1,<br>2 |\n',
    );
    expect(formatCell([{ x: 1 }, null])).toBe('{"x":1},\n');
  });

  it('removeNull drops columns that are empty in every row, and says No entries when none is left', () => {
    expect(tableToMarkdown('', [{ a: '', b: 1, c: [] }, { a: null, b: 2, c: {} }], { removeNull: true })).toBe('|b|\n|---|\n| 1 |\n| 2 |\n');
    expect(tableToMarkdown('T', [{ a: null }], { removeNull: true })).toBe('### T\n**No entries.**\n');
  });

  it('does not mutate the caller headers list', () => {
    const headers = ['a', 'b'];
    tableToMarkdown('', [{ a: null, b: 1 }], { headers, removeNull: true });
    expect(headers).toEqual(['a', 'b']);
  });

  it('applies a header transform to the raw (sorted) keys', () => {
    expect(tableToMarkdown('', [{ userID: 1, lastLogin: 2 }], { headerTransform: pascalToSpace })).toBe('|Last Login|User ID|\n|---|---|\n| 2 | 1 |\n');
  });

  it('treats a single object as a one-row table', () => {
    expect(tableToMarkdown('One', { id: '00u1' })).toBe('### One\n|id|\n|---|\n| 00u1 |\n');
  });
});

describe('cappedTable', () => {
  const rows = Array.from({ length: 103 }, (_, index) => ({ n: index }));
  it('shows the first 100 rows and says how many more are in context', () => {
    const out = cappedTable('Events', rows);
    expect(out.split('\n').filter((line) => line.startsWith('| ')).length).toBe(100);
    expect(out.endsWith('\nShowing the first 100 of 103 rows; 3 more are in context.\n')).toBe(true);
  });
  it('is a plain table when everything fits', () => {
    expect(cappedTable('E', rows.slice(0, 2))).toBe(tableToMarkdown('E', rows.slice(0, 2)));
  });
});

describe('header helpers', () => {
  it('match the XSOAR transforms', () => {
    expect(pascalToSpace('ThreatScore')).toBe('Threat Score');
    expect(pascalToSpace('IPAddress')).toBe('IP Address');
    expect(pascalToSpace('thisIsIPAddressName')).toBe('This Is IP Address Name');
    expect(underscoreToCamelCase('user_id')).toBe('UserId');
    expect(underscoreToCamelCase('header_1')).toBe('Header1');
    expect(stringToTableHeader('one_two')).toBe('One Two');
    expect(escapeCell('a\nb')).toBe('a<br>b');
    // A backslash before a pipe must not undo the pipe's escape: x\|y renders as one cell.
    expect(escapeCell('x\\|y')).toBe('x\\\\\\|y');
    expect(escapeCell('C:\\dir')).toBe('C:\\\\dir');
  });
});
