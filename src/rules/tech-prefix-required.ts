// Tech-prefix authentication matches calls by their 4-digit prefix: without one, it has nothing to match.
import type { Rule } from "./types.js";
import { isSet, unknownInUpdate, valueAt } from "./values.js";

export default {
  id: "tech-prefix-required",
  severity: "warning",
  description: "outbound.ip_authentication_method tech-prefixp-charge-info without outbound.tech_prefix",
  kinds: ["ip_connection"],
  check: (context) =>
    valueAt(context.connection, ["outbound", "ip_authentication_method"]) === "tech-prefixp-charge-info" && !isSet(valueAt(context.connection, ["outbound", "tech_prefix"])) && !unknownInUpdate(context, ["outbound", "tech_prefix"])
      ? [{ path: ["outbound", "ip_authentication_method"], message: "`outbound.ip_authentication_method` is tech-prefixp-charge-info, but there is no `outbound.tech_prefix`: set the 4-digit prefix your equipment dials" }]
      : [],
} satisfies Rule;
