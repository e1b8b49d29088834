// The benchmark report (markdown) and the README's Performance section, both rendered from one results object.
import { aboveMinimum, judgeTargets, missedNotes } from './targets.mjs';
import { kib, mib, ms, times } from './stats.mjs';

export const PERF_START = '<!-- perf:start -->';
export const PERF_END = '<!-- perf:end -->';

const cell = (value) => String(value).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const row = (cells) => `| ${cells.map(cell).join(' | ')} |`;

function table(headers, rows) {
  return [row(headers), row(headers.map(() => '---')), ...rows.map(row)].join('\n');
}

function summaryTable(targets) {
  return table(['Measure', 'Result', 'Target', ''], targets.map((t) => [t.measure, t.result, t.target, t.verdict]));
}

function roundTripSection(results) {
  const over = aboveMinimum(results);
  const errors = results.filter((s) => s.errors.length);
  const lines = [
    '## 1. Round trips per command',
    '',
    'Each scenario runs through the library door (`execute`, what every door calls) against a freshly reset demo org ' +
      '(plus a 2,500-member group and 3,000 extra events); the requests are read from the sandbox request log. ' +
      'Log minimums are computed from the matching events counted directly in the sandbox.',
    '',
    table(
      ['Command', 'Variant', 'Requests', 'Minimum', 'Ratio', 'Why that minimum'],
      results.map((s) => [`\`${s.command}\``, s.variant || '—', s.actual, s.minimum, s.ratio.toFixed(2), s.why]),
    ),
  ];
  if (over.length) {
    lines.push('', '### Requests above the minimum', '');
    for (const s of over) {
      lines.push(`- \`${s.command}\` ${s.variant}: ${s.actual} requests, minimum ${s.minimum} (${s.why}). Sent:`);
      for (const r of s.requests) lines.push(`  - \`${r}\``);
    }
  }
  if (errors.length) {
    lines.push('', '### Scenarios that ended in an error entry (their counts mean little)', '');
    for (const s of errors) lines.push(`- \`${s.command}\` ${s.variant}: ${s.errors.join(' / ')}`);
  }
  return lines.join('\n');
}

function coldStartSection({ coldStart, bundle }) {
  const { help, firstByte } = coldStart;
  return [
    '## 2. Cold start and bundle',
    '',
    table(
      ['Measure', 'Product', 'Reference', 'Ratio', 'Runs'],
      [
        ['`node dist/okta.js --help` vs `node -e 0` (spawn → exit)', ms(help.helpMs), ms(help.baselineMs), times(help.ratio), help.rounds],
        ['okta-get-user: spawn → first request byte at the sandbox, vs a node:https script', ms(firstByte.productMs), ms(firstByte.baselineMs), times(firstByte.ratio), firstByte.rounds],
      ],
    ),
    '',
    'Medians of interleaved runs. The request goes over HTTPS with certificate verification (NODE_EXTRA_CA_CERTS) to a TLS ' +
      'relay in the bench process that stamps the first decrypted byte, in front of the sandbox.',
    '',
    `Built-ins \`--help\` loads beyond \`node -e 0\`: ${help.extraBuiltins.map((m) => `\`${m}\``).join(', ') || 'none'}.`,
    `Built-ins okta-get-user loads beyond the node:https script: ${firstByte.extraBuiltins.map((m) => `\`${m}\``).join(', ') || 'none'}.`,
    '',
    `Bundle: ${kib(bundle.bytes)} (${bundle.bytes} bytes). Bytes each runtime dependency adds (its modules and whatever only it imports): ` +
      Object.entries(bundle.added).map(([dep, bytes]) => `${dep} ${kib(bytes)}`).join(', ') + '.',
    `form-data is aliased to a stub (scripts/stubs/form-data.cjs); bundled on its own it would be ${kib(bundle.formDataStandaloneBytes)} ` +
      '(with mime-db). zod is imported as zod/mini.',
    '',
    table(['Input (esbuild metafile)', 'Bytes in output', 'Share'], bundle.packages.map((p) => [p.name, kib(p.bytes), `${((100 * p.bytes) / bundle.bytes).toFixed(1)}%`])),
  ].join('\n');
}

function bulkRow(label, b) {
  return [
    label,
    `${ms(b.product.listMs)} / ${ms(b.product.wallMs)} / ${mib(b.product.maxRssBytes)}`,
    `${ms(b.sdk.listMs)} / ${ms(b.sdk.wallMs)} / ${mib(b.sdk.maxRssBytes)}`,
    `${ms(b.raw.listMs)} / ${mib(b.raw.maxRssBytes)}`,
    `${times(b.listRatio)} / ${times(b.wallRatio)} / ${times(b.rssRatio)}`,
    times(b.floorRatio),
  ];
}

function bulkSection({ bulk, rss50k }) {
  const label = (b) => (b.what === 'logs' ? `okta-get-logs limit=${b.value}` : `okta-get-group-members, ${b.items} members`);
  return [
    '## 3. Bulk against @okta/okta-sdk-nodejs',
    '',
    'Each listing runs in a process of its own, interleaved, against one sandbox (10,000-member group, 51,000 extra events, rate ' +
      'limits lifted). Product: `execute()` of the command, so the time includes building its entries (context and markdown). SDK: ' +
      'the same collection (`systemLogApi.listLogEvents` / `groupApi.listGroupUsers`, pages of 1,000) gathered into an array. ' +
      'Raw: a bare node:http pager with JSON.parse, the floor the sandbox allows. "Listing" is timed inside the process after ' +
      'loading; "process" is spawn → exit. Time is the median, RSS the peak over the runs.',
    '',
    table(
      ['Job', 'Product listing / process / peak RSS', 'SDK listing / process / peak RSS', 'Raw listing / peak RSS', 'Product ÷ SDK (listing / process / RSS)', 'Product ÷ raw listing'],
      [...bulk.map((b) => bulkRow(`${label(b)} (${b.rounds} runs)`, b)), bulkRow(`${label(rss50k)} (${rss50k.rounds} run)`, rss50k)],
    ),
  ].join('\n');
}

function rateLimitRow(label, run) {
  const took = run.errors.length ? `error entry after ${ms(run.listMs)}: ${run.errors[0].split('\n').pop()}` : ms(run.listMs);
  return [label, took, ms(run.idealMs), times(run.ratio), run.sent429, run.seen429];
}

function rateLimitSection({ rateLimit: rl }) {
  const rows = [rateLimitRow('Fresh window (60 calls left)', rl.fresh)];
  if (rl.drained) rows.push(rateLimitRow(`Half-gone window, 2 calls left, reset announced in ${ms(rl.drained.resetInMs)}`, rl.drained));
  if (rl.drainedEarly) rows.push(rateLimitRow(`Window used up in its first second, 2 calls left, reset announced in ${ms(rl.drainedEarly.resetInMs)}`, rl.drainedEarly));
  return [
    '## 4. Rate-limited bulk',
    '',
    `okta-get-logs limit=${rl.events} (${rl.requests} pages) with the System Log bucket at ${rl.bucket.limit} requests per ` +
      `${rl.bucket.windowSeconds} s. Unthrottled, the same job takes ${ms(rl.unthrottledMs)} (median). The ideal for a fresh window is ` +
      'that time; with 2 calls left it is: use them, wait for the reset the headers announce, fetch the rest. "429s surfaced" ' +
      'counts the error entries that report the rate limit.',
    '',
    table(['Window', 'Took', 'Ideal', 'Ratio', '429s sent', '429s surfaced'], rows),
  ].join('\n');
}

function notesSection(notes) {
  if (notes.length === 0) return '## Targets missed\n\nNone.';
  return ['## Targets missed: why, and what would close them', '', ...notes.map((n) => `- **${n.measure}.** ${n.note}`)].join('\n');
}

export function renderReport(results) {
  const targets = judgeTargets(results);
  return [
    '# Benchmarks',
    '',
    `Latest run: ${results.startedAt}, Node ${results.node}, ${results.machine}. Took ${Math.round(results.tookMs / 1000)} s. ` +
      'Reproduce with `npm run bench` (builds dist/okta.js and dist/sandbox.js, then runs scripts/bench.mjs; the report goes to ' +
      'bench/results/report.md, and `npm run bench -- --publish` also copies it here and updates the README). Ratios, not absolute ' +
      'times, are the figures to compare: the machine is shared and noisy.',
    '',
    summaryTable(targets),
    '',
    notesSection(missedNotes(targets, results)),
    '',
    roundTripSection(results.roundTrips),
    '',
    coldStartSection(results),
    '',
    bulkSection(results),
    '',
    rateLimitSection(results),
    '',
  ].join('\n');
}

/** The README section between the perf markers: how to reproduce and the headline figures. */
export function renderReadmeSection(results) {
  const targets = judgeTargets(results);
  return [
    PERF_START,
    '<!-- written by `npm run bench -- --publish` (scripts/bench.mjs); edit the script, not this section -->',
    '`npm run bench` (never part of `npm test`) measures the integration against the sandbox and against `@okta/okta-sdk-nodejs` in',
    `one run of a few minutes; the full report with the reasons behind every missed target is [bench/REPORT.md](bench/REPORT.md). Latest run (${results.startedAt.slice(0, 10)}, Node ${results.node}):`,
    '`npm run bench -- --quick` is a shorter run for trying a change.',
    '',
    summaryTable(targets),
    '',
    'The bulk-time targets are judged on the whole process (what a playbook step costs, start-up included); the second',
    'ratio is the listing alone, without either side\'s start-up.',
    PERF_END,
  ].join('\n');
}

/** `readme` with its perf section replaced (or a "## Performance" heading and the section appended). */
export function replacePerfSection(readme, section) {
  const start = readme.indexOf(PERF_START);
  const end = readme.indexOf(PERF_END);
  if (start === -1 || end === -1 || end < start) {
    return `${readme.replace(/\s*$/, '')}\n\n## Performance\n\n${section}\n`;
  }
  return `${readme.slice(0, start)}${section}${readme.slice(end + PERF_END.length)}`;
}
