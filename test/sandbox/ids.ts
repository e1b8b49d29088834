// Deterministic identifiers. Every id comes from one seeded PRNG so a demo seed produces the same ids on every run
// (the demo script and the e2e tests can print or snapshot them), while runtime creations stay unique.

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** mulberry32: tiny, fast, good enough for test data; not for anything secret. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class IdFactory {
  private readonly rand: () => number;

  constructor(seed = 0x0c7a) {
    this.rand = prng(seed);
  }

  /** A random float in [0, 1) from the same stream (seed data uses it for choices). */
  next(): number {
    return this.rand();
  }

  int(maxExclusive: number): number {
    return Math.floor(this.rand() * maxExclusive);
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  alnum(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += ALNUM[this.int(ALNUM.length)];
    return out;
  }

  /** Okta object ids are a 3-character type prefix plus 17 characters: 20 in all. */
  okta(prefix: string): string {
    return prefix + this.alnum(20 - prefix.length);
  }

  user(): string {
    return this.okta('00u');
  }

  group(): string {
    return this.okta('00g');
  }

  uuid(): string {
    const hex = (n: number): string => {
      let s = '';
      for (let i = 0; i < n; i++) s += this.int(16).toString(16);
      return s;
    };
    return `${hex(8)}-${hex(4)}-1${hex(3)}-${(8 + this.int(4)).toString(16)}${hex(3)}-${hex(12)}`;
  }
}
