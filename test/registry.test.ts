// integration.yml names the commands and their arguments; the handlers must agree with it exactly.
import { describe, expect, it } from 'vitest';
import { commands } from '../src/commands/index';
import { manifest } from '../src/runtime/manifest';

const declared = manifest.script.commands;

describe('dispatcher table versus integration.yml', () => {
  it('has a handler for every declared command and declares every handler', () => {
    expect(commands.map((command) => command.name).sort()).toEqual(declared.map((command) => command.name).sort());
  });

  it('has no command twice', () => {
    const names = commands.map((command) => command.name);
    expect(new Set(names).size).toBe(names.length);
  });

  describe.each(declared.map((command) => [command.name, command] as const))('%s', (name, yml) => {
    const handler = commands.find((command) => command.name === name);
    const ymlArgs = yml.arguments ?? [];

    it('accepts exactly the arguments of integration.yml', () => {
      expect(Object.keys(handler?.args ?? {}).sort()).toEqual(ymlArgs.map((argument) => argument.name).sort());
    });

    it.each(ymlArgs.map((argument) => [argument.name, argument] as const))('argument %s agrees on required, default, values and secrecy', (argName, argument) => {
      const spec = handler?.args[argName];
      expect(spec, `${name} has no spec for ${argName}`).toBeDefined();
      if (!spec) return;
      expect(spec.required).toBe(argument.required ?? false);
      expect(spec.defaultValue).toBe(argument.defaultValue);
      if (argument.predefined) expect([...(spec.values ?? [])]).toEqual(argument.predefined);
      expect(spec.kind === 'secret').toBe(argument.secret ?? false);
      expect(spec.kind === 'list').toBe(argument.isArray ?? false);
    });
  });
});
