// integration.yml, embedded in the bundle as JSON at build time: the one place that names the commands,
// their arguments, defaults and outputs. The CLI help, the defaults applied outside XSOAR and the
// "did you mean" suggestions all read it from here.
import raw from '../../integration.yml';

export interface ManifestArgument {
  name: string;
  description: string;
  required?: boolean;
  default?: boolean;
  defaultValue?: string;
  predefined?: string[];
  isArray?: boolean;
  secret?: boolean;
}

export interface ManifestOutput {
  contextPath: string;
  description: string;
  type?: string;
}

export interface ManifestCommand {
  name: string;
  description: string;
  arguments?: ManifestArgument[];
  outputs?: ManifestOutput[];
  execution?: boolean;
}

export interface ManifestParam {
  name: string;
  display?: string;
  displaypassword?: string;
  type: number;
  required?: boolean;
  defaultvalue?: string;
  hidden?: boolean;
}

export interface Manifest {
  name: string;
  display: string;
  description: string;
  configuration: ManifestParam[];
  script: { commands: ManifestCommand[] };
}

export const manifest = raw as Manifest;

export function manifestCommand(name: string): ManifestCommand | undefined {
  return manifest.script.commands.find((command) => command.name === name);
}

export const commandNames = (): string[] => manifest.script.commands.map((command) => command.name);

/** Levenshtein distance, for "did you mean" suggestions on mistyped commands and arguments. */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/** The closest candidates, best first; case differences count as nearly equal. */
export function closest(word: string, candidates: readonly string[], count = 3): string[] {
  const lower = word.toLowerCase();
  return candidates
    .map((candidate) => {
      const distance = candidate.toLowerCase() === lower ? 0 : editDistance(lower, candidate.toLowerCase());
      const contains = candidate.includes(lower) || lower.includes(candidate) ? -1 : 0;
      return { candidate, score: distance + contains };
    })
    // Judged by the typed word: "okta-nope" should suggest nothing rather than any long command.
    .filter(({ score }) => score <= Math.max(2, Math.floor(word.length / 3)))
    .sort((x, y) => x.score - y.score)
    .slice(0, count)
    .map(({ candidate }) => candidate);
}
