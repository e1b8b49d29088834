import type { Command } from '../runtime/command';

export const factorsCommands: Command[] = [];
