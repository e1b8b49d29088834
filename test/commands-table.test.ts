// The README commands table is generated from integration.yml; these tests keep the README in sync and pin
// the renderer's exact output and its --check / --write behaviour.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import YAML from 'yaml';
// @ts-expect-error plain ESM script without type declarations; the shape is pinned by CommandsTable below
import * as untypedTable from '../scripts/commands-table.mjs';

interface CommandsTable {
  renderSection(manifest: unknown): string;
  readSection(readme: string): string;
  replaceSection(readme: string, section: string): string;
  START_MARKER: string;
  END_MARKER: string;
}
const table = untypedTable as CommandsTable;

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const script = path.join(repoRoot, 'scripts/commands-table.mjs');
const tinyYml = path.join(repoRoot, 'test/fixtures/commands-table/tiny.yml');
const parseYml = (file: string): unknown => YAML.parse(readFileSync(file, 'utf8'));

const NOTE = '<!-- generated from integration.yml by scripts/commands-table.mjs: edit the yml, then run npm run docs -->';
const TINY_SECTION = [
  NOTE,
  '| Command | Description | Arguments | Context output prefix |',
  '| --- | --- | --- | --- |',
  '| `demo-get-thing` | Gets a thing \\| or two. | `id` (required), `verbose` | `Demo.Thing` |',
  '| `demo-ping` | Pings the server. | — | — |',
  '| `demo-mixed` | Writes under two roots. | `target` | `Account`, `Demo` |',
  '',
].join('\n');

describe('renderer', () => {
  it('renders the tiny fixture exactly: escaped pipes, folded newlines, required marks, shared prefixes', () => {
    expect(table.renderSection(parseYml(tinyYml))).toBe(TINY_SECTION);
  });

  it('replaces only the text between the markers, and is idempotent', () => {
    const readme = `# Title\n\nIntro.\n\n${table.START_MARKER}\nold table\n${table.END_MARKER}\n\n## After\n`;
    const once = table.replaceSection(readme, TINY_SECTION);
    expect(once).toBe(`# Title\n\nIntro.\n\n${table.START_MARKER}\n${TINY_SECTION}${table.END_MARKER}\n\n## After\n`);
    expect(table.replaceSection(once, TINY_SECTION)).toBe(once);
    expect(table.readSection(once)).toBe(TINY_SECTION);
  });

  it('refuses a README without the markers', () => {
    expect(() => table.replaceSection('# Title\n', TINY_SECTION)).toThrow(
      'README has no "<!-- commands:start -->" ... "<!-- commands:end -->" section',
    );
  });
});

describe('README.md', () => {
  it('has the commands table of the current integration.yml', () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    expect(table.readSection(readme)).toBe(table.renderSection(parseYml(path.join(repoRoot, 'integration.yml'))));
  });

  it('lists all 23 commands', () => {
    const section = table.readSection(readFileSync(path.join(repoRoot, 'README.md'), 'utf8'));
    expect(section.split('\n').filter((line) => line.startsWith('| `okta-'))).toHaveLength(23);
  });
});

describe('command line', () => {
  let dir = '';
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = '';
  });

  const run = (...args: string[]) =>
    spawnSync(process.execPath, [script, '--yml', tinyYml, ...args], { encoding: 'utf8', timeout: 15000 });

  const staleReadme = () => {
    dir = mkdtempSync(path.join(tmpdir(), 'commands-table-'));
    const file = path.join(dir, 'README.md');
    writeFileSync(file, `# Demo\n\n${table.START_MARKER}\n| stale |\n${table.END_MARKER}\n\nTail.\n`);
    return file;
  };

  it('prints the section by default', () => {
    const result = run();
    expect([result.status, result.stdout, result.stderr]).toEqual([0, TINY_SECTION, '']);
  });

  it('--check exits 1 on a stale README, --write fixes it, then --check exits 0', () => {
    const readme = staleReadme();
    const stale = run('--readme', readme, '--check');
    expect([stale.status, stale.stderr]).toEqual([1, `${readme}: the commands table is stale; run npm run docs\n`]);

    expect(run('--readme', readme, '--write').status).toBe(0);
    expect(readFileSync(readme, 'utf8')).toBe(`# Demo\n\n${table.START_MARKER}\n${TINY_SECTION}${table.END_MARKER}\n\nTail.\n`);

    const fresh = run('--readme', readme, '--check');
    expect([fresh.status, fresh.stderr]).toEqual([0, '']);
  });

  it('exits 2 with a message when the README has no markers', () => {
    const readme = staleReadme();
    writeFileSync(readme, '# Demo\n');
    const result = run('--readme', readme, '--check');
    expect([result.status, result.stderr]).toEqual([2, 'README has no "<!-- commands:start -->" ... "<!-- commands:end -->" section\n']);
  });
});
