// Reading a paged listing without losing what was read: when page 7 of 20 fails (a rate limit, a network cut),
// the analyst gets the items of pages 1–6 in context plus an error entry saying where it stopped.
import type { CommandContext } from '../runtime/command';
import { type Entry, errorEntry } from '../runtime/entry';
import { funnelMessage } from '../runtime/errors';

/** All items of a stream, or the first `max` (the stream is not read further, so no extra page is requested). */
export async function collect<T>(items: AsyncIterable<T>, max = Number.POSITIVE_INFINITY): Promise<T[]> {
  const found: T[] = [];
  if (max <= 0) return found;
  for await (const item of items) {
    found.push(item);
    if (found.length >= max) break;
  }
  return found;
}

export interface Listing<T> {
  items: T[];
  /** Set when the listing stopped early; `items` then holds what came before. */
  failure?: unknown;
}

/** Collects a listing, reporting progress once per `every` items; a failure before any item is simply thrown. */
export async function readListing<T>(items: AsyncIterable<T>, ctx: CommandContext, noun: string, every: number): Promise<Listing<T>> {
  const found: T[] = [];
  try {
    for await (const item of items) {
      found.push(item);
      if (found.length % every === 0) ctx.progress(`Fetched ${found.length} ${noun}…`);
    }
  } catch (failure) {
    if (found.length === 0) throw failure;
    return { items: found, failure };
  }
  return { items: found };
}

/** The result entry, followed by an error entry when the listing stopped early. */
export function withFailure(command: string, result: Entry, listing: Listing<unknown>, noun: string): Entry | Entry[] {
  if (listing.failure === undefined) return result;
  const message = listing.failure instanceof Error ? listing.failure.message : String(listing.failure);
  const count = listing.items.length;
  return [
    result,
    errorEntry(funnelMessage(command, `Stopped after ${count} ${noun}: ${message}\nThe ${count} ${noun} read before the error are in the entry above.`)),
  ];
}
