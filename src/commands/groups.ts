import type { Command } from '../runtime/command';

export const groupsCommands: Command[] = [];
