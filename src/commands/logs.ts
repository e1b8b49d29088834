import type { Command } from '../runtime/command';

export const logsCommands: Command[] = [];
