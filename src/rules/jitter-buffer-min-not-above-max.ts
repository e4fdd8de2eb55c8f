// A jitter buffer whose smallest size is above its largest can't be honoured: min ≤ max, defaults included (60 and 200 ms).
import type { Rule } from "./types.js";
import { unknownInUpdate, valueAt } from "./values.js";

const MIN = ["jitter_buffer", "jitterbuffer_msec_min"] as const;
const MAX = ["jitter_buffer", "jitterbuffer_msec_max"] as const;
/** The OpenAPI's defaults and bounds for both sizes. */
const DEFAULTS = { min: 60, max: 200 };
const inBounds = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 40 && (value as number) <= 400;

export default {
  id: "jitter-buffer-min-not-above-max",
  severity: "warning",
  description: "jitter_buffer.jitterbuffer_msec_min above jitter_buffer.jitterbuffer_msec_max",
  check: (context) => {
    const { connection } = context;
    const written = { min: valueAt(connection, [...MIN]), max: valueAt(connection, [...MAX]) };
    if ((written.min === undefined && written.max === undefined) || unknownInUpdate(context, [...MIN]) || unknownInUpdate(context, [...MAX])) return [];
    const min = written.min ?? DEFAULTS.min;
    const max = written.max ?? DEFAULTS.max;
    // A size out of bounds is the schema's to report; comparing it would report one mistake twice.
    if (!inBounds(min) || !inBounds(max) || min <= max) return [];
    if (written.min === undefined) {
      return [{ path: [...MAX], message: `\`jitter_buffer.jitterbuffer_msec_max\` is ${max}, below the minimum, which is not set and so ${min}: a buffer's largest size can't be below its smallest; set \`jitterbuffer_msec_min\` to ${max} or less, or raise the maximum to ${min}` }];
    }
    const maxWords = written.max === undefined ? `the maximum, which is not set and so ${max}` : `\`jitter_buffer.jitterbuffer_msec_max\` (${max})`;
    return [{
      path: [...MIN],
      message: `\`jitter_buffer.jitterbuffer_msec_min\` is ${min}, above ${maxWords}: a buffer's smallest size can't exceed its largest; lower the minimum to ${max} or less, or raise the maximum`,
      ...(written.max === undefined ? {} : { related: [{ path: [...MAX], message: "the maximum is set here" }] }),
    }];
  },
} satisfies Rule;
