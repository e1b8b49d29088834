// The dispatcher with everything behind it (commands, argument schemas, the HTTP stack) is "the core".
// Doors load it through here, on first use. In the bundle this import is replaced by the core compiled as a
// separate unit and kept as text until needed, so `--help` does not pay for parsing code it never runs
// (see esbuild.config.mjs); under tests it is a plain import.
import type * as Dispatcher from './dispatcher';

export type Core = typeof Dispatcher;

let core: Promise<Core> | undefined;

export function loadCore(): Promise<Core> {
  core ??= import('./dispatcher');
  return core;
}
