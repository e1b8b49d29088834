// The one dispatcher every door (host object, stdin JSON, War Room CLI, library) goes through:
// command name → argument validation → Okta client → handler → entries, with one error funnel.
// Command handlers and the HTTP stack are imported only when a command actually runs, which keeps
// `--help` and argument errors fast and guarantees that bad input never reaches the network.
import { type ArgShape, type ArgsOf, parseArgs } from './args';
import type { Command, CommandContext, CommandOutput, Logger } from './command';
import { type Entry, errorEntry, isErrorEntry, noteEntry } from './entry';
import { closest, commandNames, manifestCommand } from './manifest';
import { UsageError, funnelMessage } from './errors';
import { redactDeep, redactText, secretsIn } from './redact';

export interface ExecuteRequest {
  command: string;
  args?: Record<string, unknown>;
  params?: Record<string, unknown>;
}

export interface ExecuteHooks {
  log?: Partial<Logger>;
  progress?: (message: string) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
}

const TEST_MODULE = 'test-module';



const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function paramSecrets(params: Record<string, unknown>): unknown[] {
  const credentials = params['credentials'];
  const password = credentials && typeof credentials === 'object' ? (credentials as Record<string, unknown>)['password'] : undefined;
  const values = [password, params['apitoken']];
  // A token pasted with its scheme is still the token.
  return values.flatMap((value) => (typeof value === 'string' ? [value, value.replace(/^\s*SSWS\s+/i, '').trim()] : []));
}

function unknownCommandMessage(name: string): string {
  const suggestions = closest(name, commandNames());
  const hint = suggestions.length ? ` Did you mean: ${suggestions.join(', ')}?` : '';
  return `Unknown command "${name}".${hint} Run with --help to list the commands.`;
}

/** Arguments an XSOAR-style caller left empty are absent; keys are matched exactly (Okta names are case-sensitive). */
function presentArgs(args: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(args).filter(([, value]) => value !== undefined && value !== null && value !== ''));
}

function checkArgumentNames(command: Command, args: Record<string, unknown>): void {
  const known = Object.keys(command.args);
  for (const name of Object.keys(args)) {
    if (known.includes(name)) continue;
    const suggestions = closest(name, known, 2);
    const hint = suggestions.length ? ` Did you mean "${suggestions[0]}"?` : '';
    throw new UsageError(`Unknown argument "${name}" for ${command.name}.${hint} Valid arguments: ${known.join(', ') || 'none'}.`);
  }
}

/** integration.yml's defaultValue applies outside XSOAR too, so every door behaves the same. */
function withManifestDefaults(commandName: string, args: Record<string, unknown>): Record<string, unknown> {
  const defaults = (manifestCommand(commandName)?.arguments ?? [])
    .filter((argument) => argument.defaultValue !== undefined && args[argument.name] === undefined)
    .map((argument) => [argument.name, argument.defaultValue] as const);
  return { ...Object.fromEntries(defaults), ...args };
}

export function parseArguments<S extends ArgShape>(command: Command<S>, rawArgs: Record<string, unknown>, now?: () => Date): ArgsOf<S> {
  const args = presentArgs(rawArgs);
  checkArgumentNames(command, args);
  const result = parseArgs(command.args, withManifestDefaults(command.name, args), now);
  if (!result.success) throw new UsageError(result.messages.join('\n'));
  return result.data;
}

/** The raw values of secret arguments, as they may arrive from a host: strings, numbers, one-element lists. */
function secretArgValues(command: Command | undefined, args: Record<string, unknown>): string[] {
  if (!command) return [];
  return Object.entries(command.args)
    .filter(([, spec]) => spec.kind === 'secret')
    .flatMap(([name]) => (Array.isArray(args[name]) ? (args[name] as unknown[]) : [args[name]]))
    .flatMap((value) => (typeof value === 'string' || typeof value === 'number' ? [String(value)] : []));
}

function makeLogger(hooks: ExecuteHooks, secrets: () => readonly string[]): Logger {
  const write = (level: keyof Logger) => {
    const sink = guarded((message: string) => hooks.log?.[level]?.(message));
    return (message: string) => sink(redactText(message, secrets()));
  };
  return { debug: write('debug'), info: write('info'), error: write('error') };
}

async function connect(params: Record<string, unknown>, log: Logger, announceHints = true) {
  const okta = await import('../okta/index');
  const { options, hints } = okta.optionsFromParams(params);
  if (announceHints) for (const hint of hints) log.info(hint);
  const client = new okta.OktaClient({ ...options, logger: log });
  return { okta, api: okta.oktaApi(client), hints, secrets: options.auth.secrets(), close: () => client.close() };
}

async function runTestModule(params: Record<string, unknown>, log: Logger): Promise<Entry> {
  // The hints go into test-module's own answer (what the Test button shows), not also into the log.
  const { api, hints, close } = await connect(params, log, false);
  try {
    await api.users.me();
  } catch (error) {
    // The client's messages already carry the actionable hint (token, permission, certificate, URL).
    return errorEntry([messageOf(error), ...hints].join('\n'));
  } finally {
    close();
  }
  return { Type: 1, ContentsFormat: 'text', Contents: 'ok', HumanReadable: 'ok' };
}

async function loadCommand(name: string): Promise<Command | undefined> {
  const { commands } = await import('../commands/index');
  return commands.find((command) => command.name === name);
}

/**
 * The token is masked everywhere, Okta's data included. Secret arguments (passwords, answers) are masked in the
 * text we write (errors, log lines) but not in Okta's data: Okta never returns them, and masking every "Boston" of
 * a profile because it is also a recovery answer would corrupt the result.
 */
function redactEntries(entries: readonly Entry[], tokens: readonly string[], all: readonly string[]): Entry[] {
  return entries.map((entry) => (isErrorEntry(entry) ? { ...entry, Contents: redactText(String(entry.Contents), all) } : redactDeep(entry, tokens)));
}

/** A host's hook that throws must not take the command's result down with it. */
function guarded<A extends unknown[]>(hook: ((...args: A) => void) | undefined): (...args: A) => void {
  return (...args) => {
    try {
      hook?.(...args);
    } catch {
      // a failing logger or progress sink is the host's problem; the entries still come back
    }
  };
}

/** Runs one command and resolves to its entries. Never rejects: every failure becomes an error entry. */
export async function execute(request: ExecuteRequest, hooks: ExecuteHooks = {}): Promise<Entry[]> {
  const name = String(request?.command ?? '').trim().replace(/^!/, '');
  const params = request?.params ?? {};
  const rawArgs = request?.args ?? {};
  let tokens = secretsIn(paramSecrets(params));
  let secrets = tokens;
  const log = makeLogger(hooks, () => secrets);
  let command: Command | undefined;
  try {
    if (name === TEST_MODULE) return redactEntries([await runTestModule(params, log)], tokens, secrets);
    if (!manifestCommand(name)) throw new UsageError(unknownCommandMessage(name));
    command = await loadCommand(name);
    if (!command) throw new Error(`The command ${name} is declared in integration.yml but has no handler.`);
    secrets = secretsIn([...paramSecrets(params), ...secretArgValues(command, rawArgs)]);
    const args = parseArguments(command, rawArgs, hooks.now);
    const connection = await connect(params, log);
    tokens = secretsIn([...paramSecrets(params), ...connection.secrets]);
    secrets = secretsIn([...paramSecrets(params), ...connection.secrets, ...secretArgValues(command, rawArgs)]);
    const context: CommandContext = {
      okta: connection.api,
      log,
      progress: guarded(hooks.progress),
      now: hooks.now ?? (() => new Date()),
      sleep: hooks.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    };
    let output: CommandOutput;
    try {
      output = await command.run(context, args);
    } finally {
      connection.close();
    }
    const entries: Entry[] = Array.isArray(output) ? [...output] : [output as Entry];
    return redactEntries(entries.length ? entries : [noteEntry('Done.')], tokens, secrets);
  } catch (error) {
    log.debug(`${name}: ${error instanceof Error && error.stack ? error.stack : messageOf(error)}`);
    return [errorEntry(redactText(funnelMessage(name || '(none)', messageOf(error)), secrets))];
  }
}
