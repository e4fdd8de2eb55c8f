// The OpenAPI, on both jitter buffer sizes: "Has no effect if enable_jitter_buffer is not true" (and it defaults to false).
import type { Rule } from "./types.js";
import { unknownInUpdate, valueAt } from "./values.js";

const SIZES = ["jitterbuffer_msec_min", "jitterbuffer_msec_max"] as const;
const ENABLE = ["jitter_buffer", "enable_jitter_buffer"] as const;

export default {
  id: "jitter-buffer-settings-need-enable",
  severity: "warning",
  description: "jitter_buffer sizes set while jitter_buffer.enable_jitter_buffer is not true, so they have no effect",
  check: (context) => {
    const sizes = SIZES.filter((size) => valueAt(context.connection, ["jitter_buffer", size]) != null);
    const enabled = valueAt(context.connection, [...ENABLE]);
    if (!sizes.length || enabled === true || unknownInUpdate(context, [...ENABLE])) return [];
    const names = sizes.map((size) => `\`jitter_buffer.${size}\``).join(" and ");
    const state = enabled === undefined ? "not set, so false" : `\`${String(enabled)}\``;
    return [{
      path: [...ENABLE],
      message: `${names} ${sizes.length > 1 ? "are" : "is"} set, but \`jitter_buffer.enable_jitter_buffer\` is ${state}: the jitter buffer is off, so ${sizes.length > 1 ? "the sizes have" : "the size has"} no effect; set \`enable_jitter_buffer: true\`, or remove ${sizes.length > 1 ? "them" : "it"}`,
      related: sizes.map((size) => ({ path: ["jitter_buffer", size], message: "the size is set here" })),
    }];
  },
} satisfies Rule;
