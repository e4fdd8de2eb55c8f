// "Did you mean": the known name a person most likely meant.
import { closest, distance } from "fastest-levenshtein";

/** Case and spacing do not count: `rfc 2833` is `RFC 2833`. */
export function squash(text: string): string {
  return text.toLowerCase().replace(/[\s_-]+/g, "");
}

/** The allowed value a person most likely meant, if one is clearly closest. */
export function nearest(value: string, candidates: string[]): string | undefined {
  if (!candidates.length || !value) return undefined;
  const prefixed = candidates.filter((candidate) => squash(candidate).startsWith(squash(value)) && squash(value).length >= 2);
  if (prefixed.length === 1) return prefixed[0];
  const best = closest(value.toLowerCase(), candidates.map((candidate) => candidate.toLowerCase()));
  const index = candidates.findIndex((candidate) => candidate.toLowerCase() === best);
  return distance(value.toLowerCase(), best) <= Math.max(2, Math.floor(best.length / 4)) ? candidates[index] : undefined;
}

