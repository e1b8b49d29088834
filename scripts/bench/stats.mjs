// Small numeric helpers shared by the benchmarks: medians, ratios, verdicts and their formatting.

export function median(values) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function ratio(value, reference) {
  return reference > 0 ? value / reference : Number.NaN;
}

/** 1.2345 → "1.23×" */
export function times(value, digits = 2) {
  return Number.isFinite(value) ? `${value.toFixed(digits)}×` : 'n/a';
}

export function ms(value) {
  return Number.isFinite(value) ? `${Math.round(value)} ms` : 'n/a';
}

export function kib(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

export function mib(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** { met, text } for "value must be ≤ limit". */
export function atMost(value, limit) {
  const met = Number.isFinite(value) && value <= limit;
  return { met, text: met ? 'met' : 'MISSED' };
}

/** Runs `fn(name)` for each name, `rounds` times, interleaved (a, b, a, b …) so machine drift hits every variant alike. */
export async function interleaved(names, rounds, fn) {
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const name of names) samples[name].push(await fn(name, round));
  }
  return samples;
}
