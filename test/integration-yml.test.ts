// integration.yml is the contract every other part reads (dispatcher, argument models, README).
// These tests hold it to the demisto-sdk validators that apply to it, written as project checks, plus the
// argument and output decisions the command authors rely on.
// Each check returns the list of violations, so a failure names what is wrong, and each one is also run
// against a deliberately broken copy to show that it can fail.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { z } from 'zod';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const rawManifest: unknown = YAML.parse(readFileSync(path.join(repoRoot, 'integration.yml'), 'utf8'));

// ---------------------------------------------------------------------------------------------------------
// Strict models (demisto-sdk ST110: extra fields are forbidden). Field sets follow the SDK's strict objects;
// marketplace-suffixed variants (name:xsoar, ...) are left out on purpose: this integration uses none.

const Argument = z.strictObject({
  name: z.string(),
  description: z.string(),
  prettyname: z.string().optional(),
  prettypredefined: z.record(z.string(), z.string()).optional(),
  required: z.boolean().optional(),
  default: z.boolean().optional(),
  auto: z.literal('PREDEFINED').optional(),
  predefined: z.array(z.string()).optional(),
  isArray: z.boolean().optional(),
  secret: z.boolean().optional(),
  deprecated: z.boolean().optional(),
  type: z.string().optional(),
  hidden: z.boolean().optional(),
  // Arguments spell it with a capital V; parameters (below) use `defaultvalue`.
  defaultValue: z.unknown().optional(),
});

const Output = z.strictObject({
  contextPath: z.string().optional(),
  contentPath: z.string().optional(),
  description: z.string(),
  type: z.string().optional(),
  important: z.boolean().optional(),
  importantDescription: z.string().optional(),
});

const Command = z.strictObject({
  name: z.string(),
  description: z.string(),
  execution: z.boolean().optional(),
  deprecated: z.boolean().optional(),
  system: z.boolean().optional(),
  arguments: z.array(Argument).nullable().optional(),
  outputs: z.array(Output).optional(),
  timeout: z.number().int().optional(),
  hidden: z.boolean().optional(),
  polling: z.boolean().optional(),
  prettyname: z.string().optional(),
  quickaction: z.boolean().optional(),
  compliantpolicies: z.array(z.string()).optional(),
});

const Configuration = z.strictObject({
  name: z.string(),
  type: z.number().int(),
  display: z.string().optional(),
  section: z.string().optional(),
  // The SDK schema says bool and its strict model says str, so no value passes both: leave it out.
  advanced: z.never().optional(),
  defaultvalue: z.unknown().optional(),
  required: z.boolean().optional(),
  hidden: z.union([z.boolean(), z.array(z.string())]).optional(),
  options: z.array(z.string()).optional(),
  additionalinfo: z.string().optional(),
  displaypassword: z.string().optional(),
  hiddenusername: z.boolean().optional(),
  hiddenpassword: z.boolean().optional(),
  fromlicense: z.string().optional(),
});

const Script = z.strictObject({
  script: z.string(),
  type: z.enum(['javascript', 'python', 'powershell']),
  dockerimage: z.string().optional(),
  subtype: z.enum(['python2', 'python3']).optional(),
  commands: z.array(Command),
  isfetch: z.boolean().optional(),
  isfetchevents: z.boolean().optional(),
  longRunning: z.boolean().optional(),
  ismappable: z.boolean().optional(),
  isremotesyncin: z.boolean().optional(),
  isremotesyncout: z.boolean().optional(),
  runonce: z.boolean().optional(),
  feed: z.boolean().optional(),
});

const SECTIONS = ['Connect', 'Collect', 'Optimize', 'Mirroring', 'Result'] as const;

const Manifest = z.strictObject({
  commonfields: z.strictObject({ id: z.string(), version: z.number().int(), sortvalues: z.array(z.string()).optional() }),
  name: z.string(),
  display: z.string(),
  category: z.string(),
  description: z.string(),
  detaileddescription: z.string().optional(),
  image: z.string().optional(),
  sectionOrder: z.array(z.enum(SECTIONS)).min(1).max(5).optional(),
  configuration: z.array(Configuration),
  script: Script,
  fromversion: z.string().optional(),
  toversion: z.string().optional(),
  tests: z.array(z.string()).optional(),
  deprecated: z.boolean().optional(),
  beta: z.boolean().optional(),
  hidden: z.boolean().optional(),
  system: z.boolean().optional(),
  marketplaces: z.array(z.string()).optional(),
  autoUpdateDockerImage: z.boolean().optional(),
});

type Manifest = z.infer<typeof Manifest>;
type Command = z.infer<typeof Command>;
type Argument = z.infer<typeof Argument>;

const manifest: Manifest = Manifest.parse(rawManifest);
const commandsOf = (m: Manifest): Command[] => m.script.commands;
const argsOf = (c: Command): Argument[] => c.arguments ?? [];
const commandIn = (m: Manifest, name: string): Command => {
  const found = m.script.commands.find((c) => c.name === name);
  if (!found) throw new Error(`integration.yml has no command ${name}`);
  return found;
};
const commandNamed = (name: string): Command => commandIn(manifest, name);
const clone = (): Manifest => structuredClone(manifest);

// ---------------------------------------------------------------------------------------------------------
// Validators. Each returns human-readable violations; [] means valid.

type Check = (m: Manifest) => string[];

const duplicates = (names: string[]): string[] => names.filter((n, i) => names.indexOf(n) !== i);

// demisto-sdk VALID_SENTENCE_SUFFIX, plus a trailing URL.
const endsLikeASentence = (text: string): boolean =>
  /(\.|!|\?|\.\)|\.'|\.")$/.test(text.trim()) || /https?:\/\/\S+$/.test(text.trim());

const compareVersions = (a: string, b: string): number => {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
};

const CHECKBOX = 8;
const COMMON_CHECKBOX_DISPLAY: Record<string, string> = {
  insecure: 'Trust any certificate (not secure)',
  proxy: 'Use system proxy settings',
};

// BA127 caps context paths at five dot-separated levels. These log paths come from the original integration
// and Okta's LogEvent shape (client.userAgent.*, client.geographicalContext.*, request.ipChain[].*); flattening
// them would break playbooks that read them, so they are the only paths allowed to go deeper.
const DEEP_PATH_ALLOWLIST = new Set([
  'Okta.Logs.Events.client.userAgent.rawUserAgent',
  'Okta.Logs.Events.client.userAgent.os',
  'Okta.Logs.Events.client.userAgent.browser',
  'Okta.Logs.Events.client.geographicalContext.city',
  'Okta.Logs.Events.client.geographicalContext.state',
  'Okta.Logs.Events.client.geographicalContext.country',
  'Okta.Logs.Events.request.ipChain.ip',
  'Okta.Logs.Events.request.ipChain.source',
  'Okta.Logs.Events.request.ipChain.geographicalContext.city',
  'Okta.Logs.Events.request.ipChain.geographicalContext.state',
  'Okta.Logs.Events.request.ipChain.geographicalContext.country',
]);

const OUTPUT_TYPES = new Set(['String', 'Number', 'Date', 'Boolean', 'Unknown']);

const checks: Record<string, Check> = {
  'BA101 id equals name': (m) => (m.commonfields.id === m.name ? [] : [`id ${m.commonfields.id} != name ${m.name}`]),
  'BA103 tests is a non-empty list or "No tests"': (m) =>
    m.tests && m.tests.length > 0 && m.tests.every((t) => t.trim().length > 0) ? [] : ['tests is missing or empty'],
  'BA106 fromversion is at least 5.0.0': (m) =>
    m.fromversion && compareVersions(m.fromversion, '5.0.0') >= 0 ? [] : [`fromversion ${m.fromversion ?? '(none)'}`],
  'BA128 command names do not start with a digit': (m) =>
    commandsOf(m).filter((c) => /^\d/.test(c.name)).map((c) => c.name),
  'IN100 insecure and proxy are standard checkboxes': (m) =>
    m.configuration
      .filter((p) => p.name in COMMON_CHECKBOX_DISPLAY)
      .filter((p) => p.display !== COMMON_CHECKBOX_DISPLAY[p.name] || p.type !== CHECKBOX || p.required === true ||
        ![undefined, false, 'false'].includes(p.defaultvalue as string | boolean | undefined))
      .map((p) => p.name),
  'IN102 checkboxes are never required': (m) =>
    m.configuration.filter((p) => p.type === CHECKBOX && p.required === true).map((p) => p.name),
  'IN152 checkbox defaults are the strings true/false': (m) =>
    m.configuration
      .filter((p) => p.type === CHECKBOX && p.defaultvalue !== undefined && !['true', 'false'].includes(p.defaultvalue as string))
      .map((p) => `${p.name}=${JSON.stringify(p.defaultvalue)}`),
  'IN113 no duplicate argument names': (m) =>
    commandsOf(m).flatMap((c) => duplicates(argsOf(c).map((a) => a.name)).map((n) => `${c.name}.${n}`)),
  'IN114 no duplicate parameter names': (m) => duplicates(m.configuration.map((p) => p.name)),
  'IN118 every visible parameter has a display': (m) =>
    m.configuration.filter((p) => p.type !== 17 && p.hidden !== true && !p.display && !p.displaypassword).map((p) => p.name),
  'IN135 displays start with a capital letter and have no underscore': (m) =>
    m.configuration
      .map((p) => p.display)
      .filter((d): d is string => typeof d === 'string' && d.length > 0)
      .filter((d) => /^[a-z]/.test(d) || d.includes('_')),
  'IN145 no visible encrypted (type 4) parameter': (m) =>
    m.configuration.filter((p) => p.type === 4 && p.hidden !== true).map((p) => p.name),
  'IN134 at most one default argument per command': (m) =>
    commandsOf(m).filter((c) => argsOf(c).filter((a) => a.default === true).length > 1).map((c) => c.name),
  'IN151 arguments is a list, never null': (m) =>
    commandsOf(m).filter((c) => !Array.isArray(c.arguments)).map((c) => c.name),
  'IN115 every output has a contextPath': (m) =>
    commandsOf(m).flatMap((c) => (c.outputs ?? []).filter((o) => !o.contextPath).map((o) => `${c.name}: ${o.description}`)),
  'DS108 integration, argument and output descriptions end like a sentence': (m) => [
    ...(endsLikeASentence(m.description) ? [] : ['integration description']),
    ...commandsOf(m).flatMap((c) => [
      ...(endsLikeASentence(c.description) ? [] : [c.name]),
      ...argsOf(c).filter((a) => !endsLikeASentence(a.description)).map((a) => `${c.name}.${a.name}`),
      ...(c.outputs ?? []).filter((o) => !endsLikeASentence(o.description)).map((o) => `${c.name} ${o.contextPath}`),
    ]),
  ],
  'BA127 context paths are at most 5 levels deep (outside the allowlist)': (m) =>
    commandsOf(m).flatMap((c) =>
      (c.outputs ?? [])
        .map((o) => o.contextPath ?? '')
        .filter((p) => p.split('.').length > 5 && !DEEP_PATH_ALLOWLIST.has(p))
        .map((p) => `${c.name} ${p}`),
    ),
  'output types are String, Number, Date, Boolean or Unknown': (m) =>
    commandsOf(m).flatMap((c) =>
      (c.outputs ?? []).filter((o) => !OUTPUT_TYPES.has(o.type ?? '')).map((o) => `${c.name} ${o.contextPath}: ${o.type}`),
    ),
  'argument names are plain identifiers (no stray whitespace)': (m) =>
    commandsOf(m).flatMap((c) => argsOf(c).filter((a) => !/^[A-Za-z][A-Za-z0-9_]*$/.test(a.name)).map((a) => `${c.name}.${JSON.stringify(a.name)}`)),
  'auto: PREDEFINED goes with a non-empty predefined list': (m) =>
    commandsOf(m).flatMap((c) =>
      argsOf(c)
        .filter((a) => (a.auto === 'PREDEFINED') !== (Array.isArray(a.predefined) && a.predefined.length > 0))
        .map((a) => `${c.name}.${a.name}`),
    ),
  'a predefined default is one of the predefined values': (m) =>
    commandsOf(m).flatMap((c) =>
      argsOf(c)
        .filter((a) => a.predefined && a.defaultValue !== undefined && !a.predefined.includes(a.defaultValue as string))
        .map((a) => `${c.name}.${a.name}=${JSON.stringify(a.defaultValue)}`),
    ),
  'boolean arguments offer exactly true and false': (m) =>
    commandsOf(m).flatMap((c) =>
      argsOf(c)
        .filter((a) => a.predefined?.some((v) => v === 'true' || v === 'false'))
        .filter((a) => JSON.stringify(a.predefined) !== JSON.stringify(['true', 'false']))
        .map((a) => `${c.name}.${a.name}`),
    ),
  'argument defaults are strings (the War Room passes strings)': (m) =>
    commandsOf(m).flatMap((c) =>
      argsOf(c).filter((a) => a.defaultValue !== undefined && typeof a.defaultValue !== 'string').map((a) => `${c.name}.${a.name}`),
    ),
  'password and passwordAnswer are secret, nothing else is': (m) =>
    commandsOf(m).flatMap((c) =>
      argsOf(c)
        .filter((a) => (a.secret === true) !== ['password', 'passwordAnswer'].includes(a.name))
        .map((a) => `${c.name}.${a.name}`),
    ),
  'every parameter section is listed in sectionOrder': (m) =>
    m.configuration
      .filter((p) => p.section !== undefined && !(m.sectionOrder ?? []).includes(p.section as (typeof SECTIONS)[number]))
      .map((p) => `${p.name}: ${p.section}`),
};

describe('integration.yml validators', () => {
  it.each(Object.entries(checks))('%s', (_name, check) => {
    expect(check(manifest)).toEqual([]);
  });
});

// Each validator must reject a manifest broken in the way it guards against.
type Breakage = [check: string, breakIt: (m: Manifest) => void, expected: string[]];
const firstArg = (m: Manifest, command: string): Argument => {
  const a = commandIn(m, command).arguments?.[0];
  if (!a) throw new Error(`no first argument on ${command}`);
  return a;
};
const param = (m: Manifest, name: string) => {
  const p = m.configuration.find((c) => c.name === name);
  if (!p) throw new Error(`no parameter ${name}`);
  return p;
};

const breakages: Breakage[] = [
  ['BA101 id equals name', (m) => { m.commonfields.id = 'Okta v3'; }, ['id Okta v3 != name Okta']],
  ['BA103 tests is a non-empty list or "No tests"', (m) => { m.tests = []; }, ['tests is missing or empty']],
  ['BA106 fromversion is at least 5.0.0', (m) => { m.fromversion = '4.5.0'; }, ['fromversion 4.5.0']],
  ['BA128 command names do not start with a digit', (m) => { commandsOf(m)[0]!.name = '1okta'; }, ['1okta']],
  ['IN100 insecure and proxy are standard checkboxes', (m) => { param(m, 'proxy').display = 'Use proxy'; }, ['proxy']],
  ['IN102 checkboxes are never required', (m) => { param(m, 'insecure').required = true; }, ['insecure']],
  ['IN152 checkbox defaults are the strings true/false', (m) => { param(m, 'proxy').defaultvalue = false; }, ['proxy=false']],
  ['IN113 no duplicate argument names', (m) => { commandIn(m, 'okta-search').arguments!.push({ name: 'term', description: 'Again.' }); }, ['okta-search.term']],
  ['IN114 no duplicate parameter names', (m) => { m.configuration.push({ name: 'url', type: 0, display: 'Second URL' }); }, ['url']],
  ['IN118 every visible parameter has a display', (m) => { delete param(m, 'credentials').displaypassword; }, ['credentials']],
  ['IN135 displays start with a capital letter and have no underscore', (m) => { param(m, 'url').display = 'okta_url'; }, ['okta_url']],
  ['IN145 no visible encrypted (type 4) parameter', (m) => { param(m, 'apitoken').hidden = false; }, ['apitoken']],
  ['IN134 at most one default argument per command', (m) => { firstArg(m, 'okta-search').default = true; argsOf(commandIn(m, 'okta-search'))[1]!.default = true; }, ['okta-search']],
  ['IN151 arguments is a list, never null', (m) => { commandIn(m, 'okta-search').arguments = null; }, ['okta-search']],
  ['IN115 every output has a contextPath', (m) => { delete commandIn(m, 'okta-verify-push-factor').outputs![1]!.contextPath; }, ['okta-verify-push-factor: Result of the push verification: SUCCESS, REJECTED or TIMEOUT.']],
  ['DS108 integration, argument and output descriptions end like a sentence', (m) => { m.description = 'Okta'; firstArg(m, 'okta-search').description = 'Search term'; }, ['integration description', 'okta-search.term']],
  ['BA127 context paths are at most 5 levels deep (outside the allowlist)', (m) => { commandIn(m, 'okta-get-logs').outputs!.push({ contextPath: 'Okta.Logs.Events.debugContext.debugData.requestUri', description: 'URI.', type: 'String' }); }, ['okta-get-logs Okta.Logs.Events.debugContext.debugData.requestUri']],
  ['output types are String, Number, Date, Boolean or Unknown', (m) => { commandIn(m, 'okta-verify-push-factor').outputs![0]!.type = 'string'; }, ['okta-verify-push-factor Account.ID: string']],
  // The original integration shipped `timezone\t` and `preferredLanguage\t`, which no code could ever read.
  ['argument names are plain identifiers (no stray whitespace)', (m) => { firstArg(m, 'okta-search').name = 'term\t'; }, ['okta-search."term\\t"']],
  ['auto: PREDEFINED goes with a non-empty predefined list', (m) => { delete argsOf(commandIn(m, 'okta-search'))[2]!.predefined; }, ['okta-search.verbose']],
  ['a predefined default is one of the predefined values', (m) => { argsOf(commandIn(m, 'okta-get-logs'))[4]!.defaultValue = 'ASC'; }, ['okta-get-logs.sortOrder="ASC"']],
  ['boolean arguments offer exactly true and false', (m) => { argsOf(commandIn(m, 'okta-search'))[2]!.predefined = ['true', 'false', 'yes']; }, ['okta-search.verbose']],
  ['argument defaults are strings (the War Room passes strings)', (m) => { argsOf(commandIn(m, 'okta-search'))[1]!.defaultValue = 200; }, ['okta-search.limit']],
  ['password and passwordAnswer are secret, nothing else is', (m) => { delete argsOf(commandIn(m, 'okta-set-password'))[2]!.secret; }, ['okta-set-password.password']],
  ['every parameter section is listed in sectionOrder', (m) => { param(m, 'proxy').section = 'Collect'; }, ['proxy: Collect']],
];

describe('each validator rejects a broken copy', () => {
  it('covers every validator', () => {
    expect(breakages.map(([name]) => name).sort()).toEqual(Object.keys(checks).sort());
  });
  it.each(breakages)('%s', (name, breakIt, expected) => {
    const broken = clone();
    breakIt(broken);
    const check = checks[name];
    if (!check) throw new Error(`unknown check ${name}`);
    expect(check(broken)).toEqual(expected);
  });
});

describe('strict models', () => {
  it('reject unknown fields and the wrong defaultValue casing', () => {
    const wrongCasing = structuredClone(rawManifest) as { script: { commands: { arguments: Record<string, unknown>[] }[] }; configuration: Record<string, unknown>[] };
    const limit = wrongCasing.script.commands[10]!.arguments[1]!;
    limit.defaultvalue = limit.defaultValue;
    delete limit.defaultValue;
    wrongCasing.configuration[3]!.defaultValue = 'false';
    const issues = Manifest.safeParse(wrongCasing).error?.issues.map((i) => `${i.path.join('.')}: ${i.code}`);
    expect(issues).toEqual(['configuration.3: unrecognized_keys', 'script.commands.10.arguments.1: unrecognized_keys']);
  });
  it('reject the advanced flag, on which the SDK schema and strict model disagree', () => {
    const withAdvanced = structuredClone(rawManifest) as { configuration: Record<string, unknown>[] };
    withAdvanced.configuration[4]!.advanced = true;
    expect(Manifest.safeParse(withAdvanced).success).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------------------
// The integration's identity and parameters.

describe('identity and parameters', () => {
  it('has the fixed identity, a JavaScript script without a docker image, and Connect as its only section', () => {
    expect(manifest.commonfields).toEqual({ id: 'Okta', version: -1 });
    expect([manifest.name, manifest.display, manifest.category]).toEqual(['Okta', 'Okta', 'Authentication & Identity Management']);
    expect([manifest.fromversion, manifest.tests, manifest.sectionOrder]).toEqual(['6.0.0', ['No tests'], ['Connect']]);
    expect({ script: manifest.script.script, type: manifest.script.type, dockerimage: manifest.script.dockerimage }).toEqual({
      script: '-',
      type: 'javascript',
      dockerimage: undefined,
    });
  });

  it('declares url, credentials, the hidden legacy apitoken, insecure, proxy and timeout, all in Connect', () => {
    const summary = manifest.configuration.map(({ additionalinfo: _info, ...p }) => p);
    expect(summary).toEqual([
      { display: 'Okta URL (https://<your-domain>.okta.com)', name: 'url', type: 0, required: true, section: 'Connect' },
      { displaypassword: 'API Token', name: 'credentials', type: 9, hiddenusername: true, required: true, section: 'Connect' },
      { display: 'API Token (legacy)', name: 'apitoken', type: 4, hidden: true, required: false, section: 'Connect' },
      { display: 'Trust any certificate (not secure)', name: 'insecure', type: 8, required: false, defaultvalue: 'false', section: 'Connect' },
      { display: 'Use system proxy settings', name: 'proxy', type: 8, required: false, defaultvalue: 'false', section: 'Connect' },
      { display: 'Request timeout (seconds)', name: 'timeout', type: 0, required: false, defaultvalue: '60', section: 'Connect' },
    ]);
    expect(manifest.configuration.filter((p) => p.additionalinfo).map((p) => p.name)).toEqual(['url', 'credentials', 'apitoken', 'timeout']);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Commands and arguments, as decided for the command authors.

const LIFECYCLE = ['okta-unlock-user', 'okta-deactivate-user', 'okta-activate-user', 'okta-suspend-user', 'okta-unsuspend-user'];
const LOG_WINDOW_COMMANDS = ['okta-get-failed-logins', 'okta-get-group-assignments', 'okta-get-application-assignments', 'okta-get-application-authentication'];
const LOG_COMMANDS = [...LOG_WINDOW_COMMANDS, 'okta-get-logs'];
const USER_COMMANDS = ['okta-get-user', 'okta-search', 'okta-create-user', 'okta-update-user', 'okta-get-group-members'];
const ONE_USER_COMMANDS = [...LIFECYCLE, 'okta-get-groups', 'okta-set-password', 'okta-update-user', 'okta-get-user-factors', 'okta-reset-factor', 'okta-add-to-group', 'okta-remove-from-group'];

const PROFILE = [
  'firstName', 'lastName', 'email', 'login', 'secondEmail', 'middleName', 'honorificPrefix', 'honorificSuffix', 'title',
  'displayName', 'nickName', 'profileUrl', 'primaryPhone', 'mobilePhone', 'streetAddress', 'city', 'state', 'zipCode',
  'countryCode', 'postalAddress', 'preferredLanguage', 'locale', 'timezone', 'userType', 'employeeNumber', 'costCenter',
  'organization', 'division', 'department', 'managerId', 'manager',
];
const CREDENTIALS = ['password', 'passwordQuestion', 'passwordAnswer', 'providerType', 'providerName'];
const LOG_WINDOW = ['since', 'until', 'sortOrder', 'limit'];
const GROUP_MEMBERSHIP = ['userId', 'groupId', 'username', 'groupName'];

const EXPECTED_ARGUMENTS: Record<string, string[]> = {
  ...Object.fromEntries(LIFECYCLE.map((c) => [c, ['username', 'userId']])),
  'okta-get-user-factors': ['userId', 'username'],
  'okta-verify-push-factor': ['userId', 'factorId', 'interval_seconds', 'timeout_seconds'],
  'okta-reset-factor': ['userId', 'username', 'factorId'],
  'okta-get-groups': ['username', 'userId'],
  'okta-set-password': ['username', 'userId', 'password', 'temporary_password'],
  'okta-search': ['term', 'limit', 'verbose'],
  'okta-get-user': ['username', 'userid', 'userId', 'verbose'],
  'okta-create-user': [...PROFILE, ...CREDENTIALS, 'groupIds', 'activate'],
  'okta-update-user': ['username', 'userId', ...PROFILE, ...CREDENTIALS],
  ...Object.fromEntries(LOG_WINDOW_COMMANDS.map((c) => [c, LOG_WINDOW])),
  'okta-add-to-group': GROUP_MEMBERSHIP,
  'okta-remove-from-group': GROUP_MEMBERSHIP,
  'okta-get-logs': ['filter', 'query', ...LOG_WINDOW],
  'okta-list-groups': ['query', 'filter', 'limit'],
  'okta-get-group-members': ['groupId', 'limit', 'verbose', 'groupName'],
};

// Flattened `command.argument` lists make the comparisons exact in both directions.
const everyArgument = (keep: (a: Argument) => boolean, show: (c: Command, a: Argument) => string = (c, a) => `${c.name}.${a.name}`) =>
  commandsOf(manifest).flatMap((c) => argsOf(c).filter(keep).map((a) => show(c, a)));

describe('commands and arguments', () => {
  it('lists the 23 commands of the original integration, in its order', () => {
    expect(commandsOf(manifest).map((c) => c.name)).toEqual([
      ...LIFECYCLE, 'okta-get-user-factors', 'okta-verify-push-factor', 'okta-reset-factor', 'okta-get-groups',
      'okta-set-password', 'okta-search', 'okta-get-user', 'okta-create-user', 'okta-update-user', ...LOG_WINDOW_COMMANDS,
      'okta-add-to-group', 'okta-remove-from-group', 'okta-get-logs', 'okta-list-groups', 'okta-get-group-members',
    ]);
  });

  it('gives each command exactly the agreed arguments, in order', () => {
    expect(Object.fromEntries(commandsOf(manifest).map((c) => [c.name, argsOf(c).map((a) => a.name)]))).toEqual(EXPECTED_ARGUMENTS);
  });

  it('requires only the arguments a command cannot run without', () => {
    expect(everyArgument((a) => a.required === true)).toEqual([
      'okta-verify-push-factor.userId', 'okta-verify-push-factor.factorId', 'okta-reset-factor.factorId',
      'okta-set-password.password', 'okta-search.term', 'okta-create-user.firstName', 'okta-create-user.lastName',
      'okta-create-user.email', 'okta-create-user.login',
    ]);
  });

  it('makes username optional wherever userId can stand in, and says so', () => {
    for (const name of ONE_USER_COMMANDS) {
      const args = argsOf(commandNamed(name));
      const username = args.find((a) => a.name === 'username');
      expect(args.some((a) => a.name === 'userId'), name).toBe(true);
      expect(username?.required, name).toBe(false);
      expect(username?.description, name).toContain('Either username or userId is required.');
    }
  });

  it('has a positional default argument only where it is natural', () => {
    expect(everyArgument((a) => a.default === true)).toEqual([...LIFECYCLE.map((c) => `${c}.username`), 'okta-search.term']);
  });

  it('has exactly the agreed default values', () => {
    expect(everyArgument((a) => a.defaultValue !== undefined, (c, a) => `${c.name}.${a.name}=${String(a.defaultValue)}`)).toEqual([
      'okta-verify-push-factor.interval_seconds=5', 'okta-verify-push-factor.timeout_seconds=300',
      'okta-set-password.temporary_password=false', 'okta-search.limit=200', 'okta-search.verbose=false',
      'okta-get-user.verbose=false', 'okta-create-user.activate=false',
      ...LOG_WINDOW_COMMANDS.flatMap((c) => [`${c}.sortOrder=ASCENDING`, `${c}.limit=100`]),
      'okta-get-logs.sortOrder=ASCENDING', 'okta-get-logs.limit=100', 'okta-list-groups.limit=200',
      'okta-get-group-members.verbose=false',
    ]);
  });

  it('offers predefined values for the enums and booleans', () => {
    const providers = 'OKTA,ACTIVE_DIRECTORY,LDAP,FEDERATION,SOCIAL';
    expect(everyArgument((a) => a.predefined !== undefined, (c, a) => `${c.name}.${a.name}: ${a.predefined?.join(',')}`)).toEqual([
      'okta-set-password.temporary_password: true,false', 'okta-search.verbose: true,false', 'okta-get-user.verbose: true,false',
      `okta-create-user.providerType: ${providers}`, 'okta-create-user.activate: true,false', `okta-update-user.providerType: ${providers}`,
      ...LOG_COMMANDS.map((c) => `${c}.sortOrder: ASCENDING,DESCENDING`),
      'okta-get-group-members.verbose: true,false',
    ]);
  });

  it('marks only groupIds as a list', () => {
    expect(everyArgument((a) => a.isArray === true)).toEqual(['okta-create-user.groupIds']);
  });

  it('flags exactly the state-changing commands as potentially harmful (execution)', () => {
    expect(commandsOf(manifest).filter((c) => c.execution === true).map((c) => c.name)).toEqual([
      ...LIFECYCLE, 'okta-reset-factor', 'okta-set-password', 'okta-create-user', 'okta-update-user',
      'okta-add-to-group', 'okta-remove-from-group',
    ]);
  });

  it('describes the accepted time formats on every since and until', () => {
    const timeArgs = LOG_COMMANDS.flatMap((c) => argsOf(commandNamed(c)).filter((a) => a.name === 'since' || a.name === 'until'));
    expect(timeArgs).toHaveLength(10);
    for (const a of timeArgs) {
      expect(a.description).toContain('ISO 8601 (for example, 2017-05-03T16:22:18Z), epoch seconds or milliseconds, or a relative time such as "3 days ago" or "2 hours".');
    }
  });

  it('states the push timeout cap of 600 seconds', () => {
    expect(argsOf(commandNamed('okta-verify-push-factor')).find((a) => a.name === 'timeout_seconds')?.description).toContain('the maximum is 600');
  });
});

// ---------------------------------------------------------------------------------------------------------
// Context outputs, as the command authors produce them.

const ACCOUNT_FIELDS = ['ID', 'Username', 'DisplayName', 'Email', 'FirstName', 'LastName', 'Status', 'Type', 'Created', 'Activated', 'StatusChanged', 'LastLogin', 'LastUpdated', 'PasswordChanged', 'Manager'];
const GROUP_FIELDS = ['ID', 'Created', 'ObjectClass', 'LastUpdated', 'LastMembershipUpdated', 'Type', 'Name', 'Description'];
const LOG_FIELDS = [
  'uuid', 'actor.alternateId', 'actor.displayName', 'actor.id', 'client.userAgent.rawUserAgent', 'client.userAgent.os',
  'client.userAgent.browser', 'client.device', 'client.id', 'client.ipAddress', 'client.geographicalContext.city',
  'client.geographicalContext.state', 'client.geographicalContext.country', 'displayMessage', 'eventType', 'outcome.result',
  'outcome.reason', 'published', 'severity', 'securityContext.asNumber', 'securityContext.asOrg', 'securityContext.isp',
  'securityContext.domain', 'securityContext.isProxy', 'request.ipChain.ip', 'request.ipChain.geographicalContext.city',
  'request.ipChain.geographicalContext.state', 'request.ipChain.geographicalContext.country', 'request.ipChain.source',
  'target.id', 'target.type', 'target.alternateId', 'target.displayName',
];
const under = (prefix: string, fields: string[]) => fields.map((f) => `${prefix}.${f}`);

const EXPECTED_OUTPUTS: Record<string, string[]> = {
  // okta-set-password outputs the user Okta answers with (PasswordChanged is the point of it).
  ...Object.fromEntries([...USER_COMMANDS, 'okta-set-password'].map((c) => [c, under('Account', ACCOUNT_FIELDS)])),
  ...Object.fromEntries(LIFECYCLE.map((c) => [c, under('Account', ['ID', 'Username', 'Status', 'Type'])])),
  'okta-get-user-factors': ['Account.ID', ...under('Account.Factor', ['ID', 'FactorType', 'Provider', 'Status', 'Profile'])],
  'okta-verify-push-factor': ['Account.ID', 'Account.VerifyPushResult'],
  'okta-get-groups': ['Account.ID', 'Account.Type', 'Account.Group', ...under('Account.Group', GROUP_FIELDS)],
  'okta-list-groups': under('Okta.Group', GROUP_FIELDS),
  ...Object.fromEntries(['okta-add-to-group', 'okta-remove-from-group', 'okta-reset-factor'].map((c) => [c, []])),
  ...Object.fromEntries(LOG_COMMANDS.map((c) => [c, under('Okta.Logs.Events', LOG_FIELDS)])),
};

const pathsOf = (c: Command) => (c.outputs ?? []).map((o) => o.contextPath ?? '');
const typeOf = (command: string, contextPath: string) => commandNamed(command).outputs?.find((o) => o.contextPath === contextPath)?.type;

describe('context outputs', () => {
  it('declares exactly the agreed paths for every command', () => {
    const actual = Object.fromEntries(commandsOf(manifest).map((c) => [c.name, [...pathsOf(c)].sort()]));
    const expected = Object.fromEntries(Object.entries(EXPECTED_OUTPUTS).map(([c, paths]) => [c, [...paths].sort()]));
    expect(actual).toEqual(expected);
  });

  it('carries the fixed spellings, not the typos of the original documentation', () => {
    const all = commandsOf(manifest).flatMap(pathsOf);
    expect(all.filter((p) => p.startsWith('Accout.') || p.endsWith('ipChain.IP') || p.startsWith('Okta.Logs.Events.geographicalContext'))).toEqual([]);
    expect(pathsOf(commandNamed('okta-search'))).toContain('Account.DisplayName');
    expect(pathsOf(commandNamed('okta-get-logs'))).toEqual(expect.arrayContaining(['Okta.Logs.Events.request.ipChain.ip', 'Okta.Logs.Events.client.geographicalContext.state']));
  });

  it('types timestamps as Date, objects as Unknown, and numbers and flags as such', () => {
    expect(ACCOUNT_FIELDS.filter((f) => typeOf('okta-get-user', `Account.${f}`) === 'Date')).toEqual(['Created', 'Activated', 'StatusChanged', 'LastLogin', 'LastUpdated', 'PasswordChanged']);
    expect(GROUP_FIELDS.map((f) => typeOf('okta-list-groups', `Okta.Group.${f}`))).toEqual(['String', 'Date', 'Unknown', 'Date', 'Date', 'String', 'String', 'String']);
    expect(['Account.Group', 'Account.Group.Created'].map((p) => typeOf('okta-get-groups', p))).toEqual(['Unknown', 'Date']);
    expect(typeOf('okta-get-user-factors', 'Account.Factor.Profile')).toBe('Unknown');
    expect(['published', 'securityContext.asNumber', 'securityContext.isProxy', 'uuid'].map((f) => typeOf('okta-get-logs', `Okta.Logs.Events.${f}`))).toEqual(['Date', 'Number', 'Boolean', 'String']);
  });

  it('gives the five log commands identical outputs', () => {
    const shapes = LOG_COMMANDS.map((c) => JSON.stringify(commandNamed(c).outputs));
    expect(new Set(shapes).size).toBe(1);
  });

  it('uses the deep-path allowlist only for paths that exist', () => {
    const all = new Set(commandsOf(manifest).flatMap(pathsOf));
    expect([...DEEP_PATH_ALLOWLIST].filter((p) => !all.has(p))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// The demisto-sdk pykwalify schema, when a copy is available next to the repository (it is not shipped).
// A small interpreter of the subset that schema uses: type, required, mapping, sequence, enum, pattern,
// include (schema;<name> definitions), allowempty.

type Rule = {
  type?: string;
  required?: boolean;
  mapping?: Record<string, Rule>;
  sequence?: Rule[];
  enum?: unknown[];
  pattern?: string;
  include?: string;
  allowempty?: boolean;
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function typeMatches(type: string, value: unknown): boolean {
  switch (type) {
    case 'any': return true;
    case 'str': return typeof value === 'string';
    case 'int': return Number.isInteger(value);
    case 'float':
    case 'number': return typeof value === 'number';
    case 'bool': return typeof value === 'boolean';
    case 'map': return isRecord(value);
    case 'seq': return Array.isArray(value);
    case 'scalar': return ['string', 'number', 'boolean'].includes(typeof value);
    default: throw new Error(`schema type ${type} is outside the supported subset`);
  }
}

function kwalifyErrors(schema: Record<string, unknown>, data: unknown): string[] {
  const resolve = (rule: Rule): Rule => {
    if (!rule.include) return rule;
    const target = schema[`schema;${rule.include}`];
    if (!isRecord(target)) throw new Error(`schema has no definition ${rule.include}`);
    return target as Rule;
  };
  const walk = (given: Rule, value: unknown, at: string): string[] => {
    const rule = resolve(given);
    if (value === null || value === undefined) return rule.required ? [`${at}: required`] : [];
    const type = rule.type ?? (rule.mapping ? 'map' : rule.sequence ? 'seq' : 'str');
    if (!typeMatches(type, value)) return [`${at}: expected ${type}`];
    const errors: string[] = [];
    if (rule.enum && !rule.enum.includes(value)) errors.push(`${at}: ${JSON.stringify(value)} not in enum`);
    if (rule.pattern && typeof value === 'string' && !new RegExp(rule.pattern).test(value)) errors.push(`${at}: does not match ${rule.pattern}`);
    if (rule.mapping && isRecord(value)) {
      for (const [key, child] of Object.entries(rule.mapping)) {
        if (resolve(child).required && !(key in value)) errors.push(`${at}.${key}: required`);
      }
      for (const [key, child] of Object.entries(value)) {
        const childRule = rule.mapping[key];
        if (childRule) errors.push(...walk(childRule, child, `${at}.${key}`));
        else if (!rule.allowempty) errors.push(`${at}.${key}: not allowed`);
      }
    }
    if (rule.sequence && Array.isArray(value)) {
      const itemRule = rule.sequence[0];
      if (itemRule) value.forEach((item, i) => errors.push(...walk(itemRule, item, `${at}[${i}]`)));
    }
    return errors;
  };
  return walk(schema as Rule, data, '$');
}

const schemaPath = path.resolve(repoRoot, '../shared/xsoar/integration.schema.yml');
const schemaExists = existsSync(schemaPath);
if (!schemaExists) console.log(`skipping the demisto-sdk schema check: ${schemaPath} does not exist`);

describe('pykwalify schema subset', () => {
  const tiny: Record<string, unknown> = {
    type: 'map',
    mapping: {
      name: { type: 'str', required: true },
      kind: { type: 'str', enum: ['a', 'b'] },
      items: { type: 'seq', sequence: [{ include: 'item' }] },
      free: { type: 'map', allowempty: true, mapping: { known: { type: 'int' } } },
    },
    'schema;item': { type: 'map', mapping: { id: { type: 'int', required: true }, code: { type: 'str', pattern: '^[A-Z]+$' } } },
  };

  it('accepts a valid document', () => {
    expect(kwalifyErrors(tiny, { name: 'x', kind: 'a', items: [{ id: 1, code: 'AB' }], free: { known: 2, other: 'ok' } })).toEqual([]);
  });

  it('reports missing, unknown, mistyped, out-of-enum and unmatched values', () => {
    expect(kwalifyErrors(tiny, { kind: 'c', extra: 1, items: [{ code: 'ab' }, { id: 'one' }], free: { known: 'two' } })).toEqual([
      '$.name: required',
      '$.kind: "c" not in enum',
      '$.extra: not allowed',
      '$.items[0].id: required',
      '$.items[0].code: does not match ^[A-Z]+$',
      '$.items[1].id: expected int',
      '$.free.known: expected int',
    ]);
  });

  it.skipIf(!schemaExists)('integration.yml satisfies the demisto-sdk integration schema', () => {
    const schema: unknown = YAML.parse(readFileSync(schemaPath, 'utf8'), { uniqueKeys: false });
    if (!isRecord(schema)) throw new Error('schema is not a mapping');
    expect(kwalifyErrors(schema, rawManifest)).toEqual([]);
  });

  it.skipIf(!schemaExists)('the demisto-sdk schema rejects a broken copy', () => {
    const schema: unknown = YAML.parse(readFileSync(schemaPath, 'utf8'), { uniqueKeys: false });
    if (!isRecord(schema)) throw new Error('schema is not a mapping');
    const broken = structuredClone(rawManifest) as { script: { type: string; commands: Record<string, unknown>[] } };
    broken.script.type = 'typescript';
    broken.script.commands[0]!.executions = true;
    expect(kwalifyErrors(schema, broken)).toEqual(['$.script.type: "typescript" not in enum', '$.script.commands[0].executions: not allowed']);
  });
});
