// The pages: ani_override_type "only applies when ani_override is not blank".
import type { Rule } from "./types.js";
import { isSet, unknownInUpdate, valueAt } from "./values.js";

export default {
  id: "ani-override-type-needs-ani-override",
  severity: "warning",
  description: "outbound.ani_override_type has no effect without outbound.ani_override",
  check: (context) =>
    valueAt(context.connection, ["outbound", "ani_override_type"]) !== undefined && !isSet(valueAt(context.connection, ["outbound", "ani_override"])) && !unknownInUpdate(context, ["outbound", "ani_override"])
      ? [{ path: ["outbound", "ani_override_type"], message: "`outbound.ani_override_type` is set, but `outbound.ani_override` is blank: the type has no effect; set `ani_override` to a phone number or remove the type" }]
      : [],
} satisfies Rule;
