// Parses War Room command lines: `!okta-get-user username="jdoe@example.com" verbose=true`.
// Values may be bare, "double-quoted" or 'single-quoted'; inside quotes a backslash escapes the next character,
// so `filter="eventType eq \"user.session.start\""` arrives as `eventType eq "user.session.start"`.

export interface ParsedCommandLine {
  command: string;
  args: Record<string, string>;
  /** Values given without a name (`!okta-unlock-user jdoe@example.com`): they go to the default argument. */
  positional: string[];
}

export class CommandLineError extends Error {
  override name = 'CommandLineError';
}

/** Splits a line into words, honouring quotes; a quoted section may sit anywhere in a word (`key="a b"`). */
export function tokenize(line: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let index = 0; index < line.length; index++) {
    const char = line[index]!;
    if (quote) {
      if (char === '\\' && index + 1 < line.length) current += line[++index];
      else if (char === quote) quote = undefined;
      else current += char;
      continue;
    }
    if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += char;
      inWord = true;
    }
  }
  // The line is not repeated: it may hold a password.
  if (quote) throw new CommandLineError(`Unterminated ${quote} quote: a quoted value was not closed.`);
  if (inWord) words.push(current);
  return words;
}

/** A word that was already split by a shell: `username=a b` stays one value; outer quotes are dropped. */
function splitAssignment(word: string): [string, string] | undefined {
  const match = /^([A-Za-z_][\w.-]*)=(.*)$/s.exec(word);
  if (!match) return undefined;
  const [, key, value] = match as unknown as [string, string, string];
  const quoted = /^(["'])(.*)\1$/s.exec(value);
  return [key, quoted ? quoted[2]!.replace(/\\(.)/gs, '$1') : value];
}

function collect(command: string, words: readonly string[]): ParsedCommandLine {
  const args: Record<string, string> = {};
  const positional: string[] = [];
  for (const word of words) {
    const assignment = splitAssignment(word);
    if (!assignment) {
      positional.push(word);
      continue;
    }
    const [key, value] = assignment;
    if (Object.hasOwn(args, key)) throw new CommandLineError(`Argument "${key}" is given twice.`);
    args[key] = value;
  }
  return { command: command.replace(/^!/, ''), args, positional };
}

/** A whole War Room line in one string. */
export function parseCommandLine(line: string): ParsedCommandLine {
  const words = tokenize(line.trim());
  const [command, ...rest] = words;
  if (!command) throw new CommandLineError('No command given.');
  // tokenize already removed the quotes, so the words are literal values here.
  const args: Record<string, string> = {};
  const positional: string[] = [];
  for (const word of rest) {
    const equals = word.indexOf('=');
    if (equals <= 0 || !/^[A-Za-z_][\w.-]*$/.test(word.slice(0, equals))) {
      positional.push(word);
      continue;
    }
    const key = word.slice(0, equals);
    if (Object.hasOwn(args, key)) throw new CommandLineError(`Argument "${key}" is given twice.`);
    args[key] = word.slice(equals + 1);
  }
  return { command: command.replace(/^!/, ''), args, positional };
}

/**
 * Process arguments after the shell has split them. The whole command may also come as ONE quoted string
 * (`node okta.js '!okta-get-user username="a b"'`), which is then parsed like a War Room line.
 */
export function parseArgv(words: readonly string[]): ParsedCommandLine {
  const [first, ...rest] = words;
  if (!first) throw new CommandLineError('No command given.');
  if (rest.length === 0 && /\s/.test(first.trim())) return parseCommandLine(first);
  return collect(first, rest);
}
