// What a command is: its arguments (typed specs) and a handler from (context, typed arguments) to entries.
// Each command file under src/commands declares its commands with defineCommand; the dispatcher does the rest.
import type { OktaApi } from '../okta/api';
import type { ArgShape, ArgsOf } from './args';
import type { Entry } from './entry';

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  error(message: string): void;
}

export interface CommandContext {
  okta: OktaApi;
  log: Logger;
  /** A progress line for long listings; shown on a terminal only. */
  progress(message: string): void;
  now(): Date;
  sleep(ms: number): Promise<void>;
}

export type CommandOutput = Entry | readonly Entry[];

export interface Command<S extends ArgShape = ArgShape> {
  name: string;
  args: S;
  // Method syntax on purpose: it lets a registry of differently-typed commands share one array type.
  run(ctx: CommandContext, args: ArgsOf<S>): Promise<CommandOutput>;
}

export function defineCommand<S extends ArgShape>(command: Command<S>): Command<S> {
  return command;
}
