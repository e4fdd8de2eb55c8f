// The OpenAPI: the details "are stored regardless of the noise_suppression value, but only take effect when noise_suppression is not 'disabled'".
import type { Rule } from "./types.js";
import { valueAt } from "./values.js";

export default {
  id: "noise-suppression-details-need-suppression",
  severity: "info",
  description: "noise_suppression_details set while noise_suppression is disabled",
  check: ({ connection }) => {
    const details = valueAt(connection, ["noise_suppression_details"]);
    // Only an explicit `disabled` turns the details off: the spec gives noise_suppression no default.
    if (details == null || connection.noise_suppression !== "disabled") return [];
    return [{
      path: ["noise_suppression_details"],
      target: "key",
      message: "`noise_suppression_details` is set, but `noise_suppression` is disabled: Telnyx keeps the details, unused, until suppression is turned on again; choose inbound, outbound or both to use them, or remove the details",
      related: [{ path: ["noise_suppression"], message: "noise suppression is disabled here" }],
    }];
  },
} satisfies Rule;
