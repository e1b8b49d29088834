#!/usr/bin/env node
// Renders the README commands table from integration.yml, so the two never disagree.
//   node scripts/commands-table.mjs            print the table
//   node scripts/commands-table.mjs --write    replace the README section between the markers
//   node scripts/commands-table.mjs --check    exit 1 when the README section is stale
// --yml <file> and --readme <file> point at other files (the tests use them).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

export const START_MARKER = '<!-- commands:start -->';
export const END_MARKER = '<!-- commands:end -->';
const GENERATED_NOTE = '<!-- generated from integration.yml by scripts/commands-table.mjs: edit the yml, then run npm run docs -->';
const NONE = '—';

const cell = (text) => String(text).replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').trim();

function renderArguments(args) {
  if (!args || args.length === 0) return NONE;
  return args.map((a) => (a.required ? `\`${a.name}\` (required)` : `\`${a.name}\``)).join(', ');
}

// The longest dotted prefix shared by the parents of every output path: `Account` for Account.ID and
// Account.Group.Name, `Okta.Logs.Events` for the log commands. Outputs under unrelated roots list each root.
export function outputPrefixes(outputs) {
  const paths = (outputs ?? []).map((o) => o.contextPath).filter((p) => typeof p === 'string' && p.length > 0);
  if (paths.length === 0) return [];
  const parents = paths.map((p) => p.split('.').slice(0, -1));
  let shared = parents[0];
  for (const segments of parents.slice(1)) {
    let i = 0;
    while (i < shared.length && i < segments.length && shared[i] === segments[i]) i += 1;
    shared = shared.slice(0, i);
  }
  if (shared.length > 0) return [shared.join('.')];
  return [...new Set(paths.map((p) => p.split('.')[0]))];
}

export function renderCommandsTable(manifest) {
  const commands = manifest?.script?.commands ?? [];
  const rows = commands.map((c) => {
    const prefixes = outputPrefixes(c.outputs).map((p) => `\`${p}\``).join(', ') || NONE;
    return `| \`${cell(c.name)}\` | ${cell(c.description)} | ${renderArguments(c.arguments)} | ${prefixes} |`;
  });
  return [
    '| Command | Description | Arguments | Context output prefix |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

export function renderSection(manifest) {
  return `${GENERATED_NOTE}\n${renderCommandsTable(manifest)}\n`;
}

function markerBounds(readme) {
  const start = readme.indexOf(START_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (start < 0 || end < 0 || end < start) {
    throw new Error(`README has no "${START_MARKER}" ... "${END_MARKER}" section`);
  }
  return { from: start + START_MARKER.length, to: end };
}

export function readSection(readme) {
  const { from, to } = markerBounds(readme);
  return readme.slice(from, to).replace(/^\r?\n/, '');
}

export function replaceSection(readme, section) {
  const { from, to } = markerBounds(readme);
  return `${readme.slice(0, from)}\n${section}${readme.slice(to)}`;
}

function optionValue(argv, name, fallback) {
  const i = argv.indexOf(name);
  if (i < 0) return fallback;
  const value = argv[i + 1];
  if (!value || value.startsWith('--')) throw new Error(`${name} needs a file path`);
  return value;
}

function main(argv) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const ymlPath = optionValue(argv, '--yml', `${root}integration.yml`);
  const readmePath = optionValue(argv, '--readme', `${root}README.md`);
  const section = renderSection(YAML.parse(readFileSync(ymlPath, 'utf8')));

  if (argv.includes('--check')) {
    if (readSection(readFileSync(readmePath, 'utf8')) !== section) {
      process.stderr.write(`${readmePath}: the commands table is stale; run npm run docs\n`);
      return 1;
    }
    return 0;
  }
  if (argv.includes('--write')) {
    const readme = readFileSync(readmePath, 'utf8');
    const updated = replaceSection(readme, section);
    if (updated !== readme) writeFileSync(readmePath, updated);
    return 0;
  }
  process.stdout.write(section);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  }
}
