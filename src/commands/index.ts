// The dispatcher table: every command of integration.yml and its handler (checked both ways by a test).
import type { Command } from '../runtime/command';
import { factorsCommands } from './factors';
import { groupsCommands } from './groups';
import { lifecycleCommands } from './lifecycle';
import { logsCommands } from './logs';
import { usersCommands } from './users';

export const commands: readonly Command[] = [...usersCommands, ...lifecycleCommands, ...factorsCommands, ...groupsCommands, ...logsCommands];
