// The doors into the one dispatcher:
//  1. a host that injects a `demisto`-style object (params/args/command/results) — run it and report back;
//  2. `node okta.js --stdin` — one JSON request in, one JSON document of entries out (a container step);
//  3. the War Room-style CLI — `node okta.js okta-get-user username=jdoe@example.com`;
//  4. a library — `require('okta.js').execute({command, args, params})`.
import { paramsFrom, parseJsonQuietly, runCli } from './runtime/cli';
import { loadCore } from './runtime/core';
import type { ExecuteHooks, ExecuteRequest } from './runtime/dispatcher';
import type { Entry } from './runtime/entry';

export type { Entry, ExecuteHooks, ExecuteRequest };

/** Runs one command; resolves to its entries (errors are entries too). */
export async function execute(request: ExecuteRequest, hooks?: ExecuteHooks): Promise<Entry[]> {
  return (await loadCore()).execute(request, hooks);
}

interface DemistoHost {
  params(): Record<string, unknown>;
  args(): Record<string, unknown>;
  command(): string;
  results(result: unknown): void;
  debug?(message: string): void;
  info?(message: string): void;
  error?(message: string): void;
}

function hostObject(): DemistoHost | undefined {
  const candidate = (globalThis as { demisto?: Partial<DemistoHost> }).demisto;
  const complete = candidate && ['params', 'args', 'command', 'results'].every((name) => typeof candidate[name as keyof DemistoHost] === 'function');
  return complete ? (candidate as DemistoHost) : undefined;
}

export async function runHost(host: DemistoHost): Promise<void> {
  const command = host.command();
  const entries = await execute(
    { command, args: host.args() ?? {}, params: host.params() ?? {} },
    { log: { debug: host.debug?.bind(host), info: host.info?.bind(host), error: host.error?.bind(host) } },
  );
  // The Test button expects the bare string "ok".
  const success = command === 'test-module' && entries.length === 1 && entries[0]?.Contents === 'ok';
  if (success) host.results('ok');
  else for (const entry of entries) host.results(entry);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseStdinRequest(text: string): ExecuteRequest {
  const parsed = parseJsonQuietly(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  const request = parsed.value;
  if (!request || typeof request !== 'object') throw new Error('the request must be a JSON object');
  const { command, args, params } = request as Record<string, unknown>;
  if (typeof command !== 'string' || !command) throw new Error('"command" must be a non-empty string');
  const isObject = (value: unknown) => value === undefined || (value !== null && typeof value === 'object' && !Array.isArray(value));
  if (!isObject(args)) throw new Error('"args" must be an object');
  if (!isObject(params)) throw new Error('"params" must be an object');
  return { command, args: args as Record<string, unknown> | undefined, params: params as Record<string, unknown> | undefined };
}

/** Exit 0 whenever entries were produced (errors travel as entries); 2 only for a malformed request. */
/**
 * Params: OKTA_* variables and `--params FILE` as on the CLI, under the request's own `params` (which win), so a
 * container step can keep the token in its environment rather than in the request.
 */
export async function runStdin(argv: readonly string[] = []): Promise<number> {
  let request: ExecuteRequest;
  let defaults: Record<string, unknown>;
  try {
    const paramsAt = argv.indexOf('--params');
    defaults = paramsFrom(process.env, paramsAt >= 0 ? argv[paramsAt + 1] : undefined);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  try {
    request = parseStdinRequest(await readStdin());
  } catch (error) {
    process.stderr.write(`Malformed request on stdin: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const entries = await execute({ ...request, params: { ...defaults, ...request.params } });
  process.stdout.write(`${JSON.stringify({ entries })}\n`);
  return 0;
}

async function main(): Promise<void> {
  const host = hostObject();
  if (host) return runHost(host);
  const argv = process.argv.slice(2);
  const code = argv[0] === '--stdin'
    ? await runStdin(argv.slice(1))
    : await runCli(argv, {
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
        env: process.env,
        // A getter: touching process.stderr creates the stream, which --help never needs.
        get isTTY() {
          return Boolean(process.stderr.isTTY);
        },
      });
  process.exitCode = code;
  // The answer is out; nothing left open (a proxy that never answered CONNECT, say) may keep a playbook step alive.
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  await new Promise<void>((resolve) => process.stderr.write('', () => resolve()));
  process.exit(code);
}

// Run as a program (or inside a host), but stay quiet when required as a library.
if (hostObject() || (typeof require !== 'undefined' && require.main === module)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 70;
  });
}
