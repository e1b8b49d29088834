import type { Command } from '../runtime/command';

export const lifecycleCommands: Command[] = [];
