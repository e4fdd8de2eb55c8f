// "Did you mean": the known name a person most likely meant.
import { closest, distance } from "fastest-levenshtein";

/** Case and spacing do not count: `rfc 2833` is `RFC 2833`. */
export function squash(text: string): string {
  return text.toLowerCase().replace(/[\s_-]+/g, "");
}

/** The allowed value a person most likely meant, if one is clearly closest. */
export function nearest(value: string, candidates: string[]): string | undefined {
  if (!candidates.length || !value) return undefined;
  const squashed = squash(value);
  const prefixed = squashed.length >= 2 ? candidates.filter((candidate) => squash(candidate).startsWith(squashed)) : [];
  if (prefixed.length === 1) return prefixed[0];
  const lowered = value.toLowerCase();
  const loweredCandidates = candidates.map((candidate) => candidate.toLowerCase());
  const best = closest(lowered, loweredCandidates);
  return distance(lowered, best) <= Math.max(2, Math.floor(best.length / 4)) ? candidates[loweredCandidates.indexOf(best)] : undefined;
}
