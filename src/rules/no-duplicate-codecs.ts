// inbound.codecs is a priority list: a codec listed twice has no second place to take.
import type { Finding } from "../diagnostics/types.js";
import type { Rule } from "./types.js";
import { valueAt } from "./values.js";

export default {
  id: "no-duplicate-codecs",
  severity: "warning",
  description: "A codec listed twice in inbound.codecs",
  check: ({ connection }) => {
    const codecs = valueAt(connection, ["inbound", "codecs"]);
    if (!Array.isArray(codecs)) return [];
    const first = new Map<unknown, number>();
    return codecs.flatMap((codec, index): Finding[] => {
      const earlier = first.get(codec);
      if (earlier === undefined) {
        first.set(codec, index);
        return [];
      }
      return [{
        path: ["inbound", "codecs", index],
        message: `codec \`${String(codec)}\` is listed twice in \`inbound.codecs\`: the second entry has no effect; remove it`,
        related: [{ path: ["inbound", "codecs", earlier], message: "first listed here" }],
      }];
    });
  },
} satisfies Rule;
