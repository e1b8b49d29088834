// The War Room-style command line: `node dist/okta.js okta-get-user username=jdoe@example.com verbose=true`.
import { accessSync, constants, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type Context, mergeEntryContext, resolveReferences } from './context';
import { loadCore } from './core';
import type { ExecuteHooks } from './dispatcher';
import { type Entry, isErrorEntry } from './entry';
import { commandNames, manifest, manifestCommand } from './manifest';
import { CommandLineError, parseArgv } from './warroom';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  isTTY: boolean;
}

interface CliOptions {
  json: boolean;
  help: boolean;
  contextFile?: string;
  paramsFile?: string;
  words: string[];
}

const FLAGS_WITH_VALUE = new Set(['--context', '--params']);

function parseFlags(argv: readonly string[]): CliOptions {
  const options: CliOptions = { json: false, help: false, words: [] };
  for (let index = 0; index < argv.length; index++) {
    const word = argv[index]!;
    if (word === '--json') options.json = true;
    else if (word === '--help' || word === '-h') options.help = true;
    else if (FLAGS_WITH_VALUE.has(word)) {
      const value = argv[++index];
      if (!value) throw new CommandLineError(`${word} needs a file name.`);
      if (word === '--context') options.contextFile = value;
      else options.paramsFile = value;
    } else if (word.startsWith('--')) throw new CommandLineError(`Unknown option ${word}. Run with --help.`);
    else options.words.push(word);
  }
  return options;
}

/** An OKTA_* switch: true/false/yes/no/1/0; anything else is refused rather than silently read as false. */
function envBoolean(env: CliIo['env'], name: string): boolean | undefined {
  const value = env[name]?.trim();
  if (value === undefined || value === '') return undefined;
  if (/^(1|true|yes)$/i.test(value)) return true;
  if (/^(0|false|no)$/i.test(value)) return false;
  throw new CommandLineError(`${name}="${value}" is not a boolean; use true or false.`);
}

/**
 * JSON.parse's own message quotes the text around the error, which in a params file is the API token; only the
 * position is reported. A leading byte-order mark (Windows editors) is accepted.
 */
export function parseJsonQuietly(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (error) {
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    return { ok: false, reason: position === undefined ? 'it is not valid JSON' : `it is not valid JSON (the error is at character ${position})` };
  }
}

function readJsonFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CommandLineError(`Cannot read the ${what} file ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = parseJsonQuietly(text);
  if (!parsed.ok) throw new CommandLineError(`The ${what} file ${file} cannot be used: ${parsed.reason}.`);
  return parsed.value;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Params from OKTA_* variables, then a --params JSON file on top. */
export function paramsFrom(env: CliIo['env'], paramsFile?: string): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  if (env['OKTA_URL']) params['url'] = env['OKTA_URL'];
  if (env['OKTA_API_TOKEN']) params['credentials'] = { password: env['OKTA_API_TOKEN'] };
  const insecure = envBoolean(env, 'OKTA_INSECURE');
  if (insecure !== undefined) params['insecure'] = insecure;
  const proxy = envBoolean(env, 'OKTA_PROXY');
  if (proxy !== undefined) params['proxy'] = proxy;
  if (env['OKTA_TIMEOUT']) params['timeout'] = env['OKTA_TIMEOUT'];
  if (!paramsFile) return params;
  const fromFile = readJsonFile(paramsFile, 'params');
  if (!isPlainObject(fromFile)) throw new CommandLineError(`The params file ${paramsFile} must hold a JSON object of params.`);
  return { ...params, ...fromFile };
}

export function generalHelp(): string {
  const width = Math.max(...commandNames().map((name) => name.length));
  const lines = manifest.script.commands.map((command) => `  ${command.name.padEnd(width)}  ${command.description.split('\n')[0]}`);
  return [
    `${manifest.display} integration — ${manifest.description}`,
    '',
    'Usage: node okta.js <command> [name=value ...] [--json] [--context FILE] [--params FILE]',
    '       node okta.js --stdin        (reads {"command","args","params"} JSON, writes {"entries":[...]})',
    '       node okta.js <command> --help',
    '',
    'Params come from OKTA_URL, OKTA_API_TOKEN, OKTA_INSECURE, OKTA_PROXY, OKTA_TIMEOUT (seconds) or --params file.json.',
    '',
    'Commands:',
    `  ${'test-module'.padEnd(width)}  Checks the URL and API token (what the Test button runs).`,
    ...lines,
    '',
  ].join('\n');
}

export function commandHelp(name: string): string | undefined {
  if (name === 'test-module') {
    return 'test-module: Checks the URL and API token with one GET /api/v1/users/me (what the Test button runs). Prints "ok", or what to fix.\n\nNo arguments.\n';
  }
  const command = manifestCommand(name);
  if (!command) return undefined;
  const args = command.arguments ?? [];
  const width = Math.max(8, ...args.map((argument) => argument.name.length));
  const describe = (argument: (typeof args)[number]): string => {
    // The descriptions often say "Default is X." already; the note repeats it only when they do not.
    const statesDefault = /default is/i.test(argument.description);
    const notes = [
      argument.required ? 'required' : undefined,
      argument.default ? 'may be given without its name' : undefined,
      argument.defaultValue !== undefined && !statesDefault ? `default ${argument.defaultValue}` : undefined,
      argument.predefined?.length ? `one of ${argument.predefined.join('|')}` : undefined,
      argument.isArray ? 'comma-separated list' : undefined,
      argument.secret ? 'secret' : undefined,
    ].filter(Boolean);
    return `  ${argument.name.padEnd(width)}  ${argument.description}${notes.length ? ` (${notes.join(', ')})` : ''}`;
  };
  return [`${command.name}: ${command.description}`, '', args.length ? 'Arguments:' : 'No arguments.', ...args.map(describe), ''].join('\n');
}

/**
 * Checked before the command runs: a context that cannot be read or saved must not cost the result of a
 * command that already changed something in Okta.
 */
function readContext(file?: string): Context {
  if (!file) return {};
  try {
    accessSync(existsSync(file) ? file : dirname(resolve(file)), constants.W_OK);
  } catch {
    throw new CommandLineError(`The context file ${file} cannot be written (check that its folder exists and is writable).`);
  }
  if (!existsSync(file)) return {};
  const context = readJsonFile(file, 'context');
  if (!isPlainObject(context)) throw new CommandLineError(`The context file ${file} must hold a JSON object.`);
  return context;
}

function saveContext(file: string, context: Context, entries: readonly Entry[]): void {
  const merged = entries.reduce((current, entry) => (entry.EntryContext ? mergeEntryContext(current, entry.EntryContext) : current), context);
  // Written aside and renamed over, so an interrupted run never leaves half a context behind.
  const partial = `${file}.partial`;
  writeFileSync(partial, `${JSON.stringify(merged, null, 2)}\n`);
  renameSync(partial, file);
}

/** `${…}` references; a reference that yields several values is only allowed where the argument takes a list. */
function resolveArgs(commandName: string, rawArgs: Record<string, string>, context: Context, hasContextFile: boolean): Record<string, string> {
  const declared = manifestCommand(commandName)?.arguments ?? [];
  const listArgs = new Set(declared.filter((argument) => argument.isArray).map((argument) => argument.name));
  // A password is taken literally: "Ab${x}cd" is a password, not a reference, and must never appear in an error.
  const secretArgs = new Set(declared.filter((argument) => argument.secret).map((argument) => argument.name));
  if (!hasContextFile) {
    const referencing = Object.entries(rawArgs).find(([key, value]) => !secretArgs.has(key) && /\$\{[^}]+\}/.test(value));
    if (referencing) throw new CommandLineError(`"${referencing[0]}" refers to the context (\${…}), but no --context FILE was given.`);
  }
  return Object.fromEntries(
    Object.entries(rawArgs).map(([key, value]) => [key, secretArgs.has(key) ? value : resolveReferences(value, context, { allowList: listArgs.has(key), argument: key })]),
  );
}

/** Positional values go to the command's `default: true` argument, as in the War Room. */
function withPositional(commandName: string, args: Record<string, string>, positional: readonly string[]): Record<string, string> {
  if (positional.length === 0) return args;
  const target = manifestCommand(commandName)?.arguments?.find((argument) => argument.default);
  if (!target || positional.length > 1 || Object.hasOwn(args, target.name)) {
    // The value is not repeated: a password with a space in it lands here.
    throw new CommandLineError(`${commandName} got ${positional.length} value(s) without a name; give arguments as name=value (quote values that contain spaces).`);
  }
  return { ...args, [target.name]: positional[0]! };
}

function render(entries: readonly Entry[], json: boolean): string {
  if (json) return `${JSON.stringify(entries, null, 2)}\n`;
  return entries
    .map((entry) => {
      const text = isErrorEntry(entry) ? String(entry.Contents) : entry.HumanReadable ?? String(entry.Contents ?? '');
      return text.endsWith('\n') ? text : `${text}\n`;
    })
    .join('\n');
}

/** Runs the CLI and returns the exit code: 0, 1 when an error entry was produced, 2 for a usage problem. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let options: CliOptions;
  try {
    options = parseFlags(argv);
    if (options.words.length === 0 || (options.words.length === 1 && options.words[0] === 'help')) {
      io.stdout(generalHelp());
      return options.help || options.words[0] === 'help' ? 0 : 2;
    }
    const parsed = parseArgv(options.words);
    if (options.help) {
      const help = commandHelp(parsed.command);
      if (!help) throw new CommandLineError(`Unknown command "${parsed.command}". Run with --help to list the commands.`);
      io.stdout(help);
      return 0;
    }
    const context = readContext(options.contextFile);
    const rawArgs = withPositional(parsed.command, parsed.args, parsed.positional);
    const args = resolveArgs(parsed.command, rawArgs, context, options.contextFile !== undefined);
    const hooks: ExecuteHooks = {
      progress: io.isTTY ? (message) => io.stderr(`\r${message}\u001b[K`) : undefined,
      log: envBoolean(io.env, 'OKTA_DEBUG') ? { debug: (m) => io.stderr(`[debug] ${m}\n`), info: (m) => io.stderr(`[info] ${m}\n`), error: (m) => io.stderr(`[error] ${m}\n`) } : { info: (m) => io.stderr(`${m}\n`) },
    };
    const params = paramsFrom(io.env, options.paramsFile);
    const entries = await (await loadCore()).execute({ command: parsed.command, args, params }, hooks);
    if (io.isTTY) io.stderr('\r\u001b[K');
    io.stdout(render(entries, options.json));
    if (options.contextFile) {
      try {
        saveContext(options.contextFile, context, entries);
      } catch (error) {
        io.stderr(`The result above was not saved to ${options.contextFile}: ${error instanceof Error ? error.message : String(error)}\n`);
        return 2;
      }
    }
    return entries.some(isErrorEntry) ? 1 : 0;
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}
