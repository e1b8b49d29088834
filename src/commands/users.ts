import type { Command } from '../runtime/command';

export const usersCommands: Command[] = [];
