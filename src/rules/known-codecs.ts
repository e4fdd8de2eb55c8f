// Codec names are matched exactly: a misspelt one is silently never offered.
import type { Finding } from "../diagnostics/types.js";
import { nearest } from "../diagnostics/nearest.js";
import type { Rule } from "./types.js";
import { isPlaceholder, valueAt } from "./values.js";

/** The codecs the API pages list; the config's `knownCodecs` adds the others Telnyx offers. */
export const PAGE_CODECS = ["G722", "G711U", "G711A", "G729", "OPUS", "H.264"];

export default {
  id: "known-codecs",
  severity: "warning",
  description: "A codec name in inbound.codecs that is not a known codec",
  fixable: true,
  check: ({ connection, settings, render }) => {
    const codecs = valueAt(connection, ["inbound", "codecs"]);
    if (!Array.isArray(codecs)) return [];
    const known = [...PAGE_CODECS, ...settings.knownCodecs];
    return codecs.flatMap((codec, index): Finding[] => {
      if (typeof codec !== "string" || known.includes(codec) || isPlaceholder(codec)) return [];
      const meant: string | undefined = nearest(codec, known);
      const finding: Finding = {
        path: ["inbound", "codecs", index],
        message: `\`${codec}\` is not a known codec${meant ? `; did you mean \`${meant}\`?` : ""} (known: ${known.join(", ")}; add others to \`knownCodecs\` in the config)`,
      };
      if (meant) finding.replacement = { text: render(meant), desc: `Write ${meant}`, certain: meant.toLowerCase() === codec.toLowerCase() };
      return [finding];
    });
  },
} satisfies Rule;
