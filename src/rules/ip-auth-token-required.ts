// With token authentication, calls are matched by the token: without one, none can be.
import type { Rule } from "./types.js";
import { isSet, unknownInUpdate, valueAt } from "./values.js";

export default {
  id: "ip-auth-token-required",
  severity: "error",
  description: "outbound.ip_authentication_method token without outbound.ip_authentication_token",
  kinds: ["ip_connection"],
  check: (context) =>
    valueAt(context.connection, ["outbound", "ip_authentication_method"]) === "token" && !isSet(valueAt(context.connection, ["outbound", "ip_authentication_token"])) && !unknownInUpdate(context, ["outbound", "ip_authentication_token"])
      ? [{ path: ["outbound", "ip_authentication_method"], message: "`outbound.ip_authentication_method` is token, but there is no `outbound.ip_authentication_token`: no call can be authenticated; add the token (as a `${ENV_NAME}` placeholder)" }]
      : [],
} satisfies Rule;
