// The dispatcher table: every command of integration.yml and its handler (checked both ways by a test).
import type { Command } from '../runtime/command';

export const commands: Command[] = [];
