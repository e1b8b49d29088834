import { describe, expect, it } from 'vitest';
import { CommandLineError, parseArgv, parseCommandLine, tokenize } from './warroom';

describe('War Room command lines', () => {
  it('parses a leading !, bare and quoted values', () => {
    expect(parseCommandLine('!okta-get-user username="jdoe@example.com" verbose=true')).toEqual({
      command: 'okta-get-user',
      args: { username: 'jdoe@example.com', verbose: 'true' },
      positional: [],
    });
  });

  it('keeps spaces and escaped quotes inside quoted values', () => {
    expect(parseCommandLine('okta-get-logs filter="eventType eq \\"user.session.start\\"" query=\'San Francisco\'').args).toEqual({
      filter: 'eventType eq "user.session.start"',
      query: 'San Francisco',
    });
  });

  it('collects positional values for the default argument', () => {
    expect(parseCommandLine('!okta-unlock-user jdoe@example.com')).toEqual({ command: 'okta-unlock-user', args: {}, positional: ['jdoe@example.com'] });
  });

  it('refuses an unterminated quote and a repeated argument', () => {
    expect(() => parseCommandLine('okta-set-password password="Tr0ub4dor&3')).toThrow(new CommandLineError('Unterminated " quote: a quoted value was not closed.'));
    expect(() => parseCommandLine('okta-search term=a term=b')).toThrow('Argument "term" is given twice.');
  });

  it('keeps = inside values', () => {
    expect(parseCommandLine('okta-list-groups filter="type eq \\"OKTA_GROUP\\"" query=a=b').args).toEqual({ filter: 'type eq "OKTA_GROUP"', query: 'a=b' });
  });

  it('tokenizes adjacent quoted sections into one word', () => {
    expect(tokenize(`a="b c"d 'e'`)).toEqual(['a=b cd', 'e']);
  });
});

describe('process arguments', () => {
  it('takes shell-split words as name=value pairs (values may hold spaces)', () => {
    expect(parseArgv(['okta-search', 'term=John Smith', 'limit=5'])).toEqual({ command: 'okta-search', args: { term: 'John Smith', limit: '5' }, positional: [] });
  });

  it('drops one level of quotes a shell left in place', () => {
    expect(parseArgv(['okta-get-user', 'username="a b"']).args).toEqual({ username: 'a b' });
  });

  it('accepts the whole command as one quoted string', () => {
    expect(parseArgv(['!okta-get-user username="jdoe@example.com" verbose=true'])).toEqual({
      command: 'okta-get-user',
      args: { username: 'jdoe@example.com', verbose: 'true' },
      positional: [],
    });
  });
});
