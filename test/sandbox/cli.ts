// `npm run sandbox -- [--port N] [--https] [--seed demo|empty] [--users N] [--events N] [--token T]`
// Prints the URL and the token, then serves until SIGINT / SIGTERM.
import { startSandbox, type SandboxOptions } from './server.js';

export function parseArgs(argv: readonly string[]): SandboxOptions {
  const opts: SandboxOptions = {};
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
    return v;
  };
  const count = (i: number, flag: string): number => {
    const n = Number(value(i, flag));
    if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a non-negative integer`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    switch (flag) {
      case '--port':
        opts.port = count(i++, flag);
        break;
      case '--https':
        opts.https = true;
        break;
      case '--seed': {
        const s = value(i++, flag);
        if (s !== 'demo' && s !== 'empty') throw new Error('--seed must be demo or empty');
        opts.seed = s;
        break;
      }
      case '--users':
        opts.users = count(i++, flag);
        break;
      case '--events':
        opts.events = count(i++, flag);
        break;
      case '--token':
        opts.token = value(i++, flag);
        break;
      default:
        throw new Error(`unknown argument: ${String(flag)}`);
    }
  }
  return opts;
}

async function main(): Promise<void> {
  let opts: SandboxOptions;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\nusage: sandbox [--port N] [--https] [--seed demo|empty] [--users N] [--events N] [--token T]\n`);
    process.exit(2);
  }
  const sandbox = await startSandbox(opts);
  process.stdout.write(`Okta sandbox listening on ${sandbox.url}\nAPI token: ${sandbox.token}\n`);
  let closing = false;
  const stop = (): void => {
    if (closing) return;
    closing = true;
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

// Only when run as the bundled entry (dist/sandbox.js is CommonJS); importing this module (tests) starts nothing.
if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) void main();
