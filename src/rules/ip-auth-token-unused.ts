// A token is only read with the token method; with the default tech-prefix method it is ignored.
import type { Rule } from "./types.js";
import { isSet, unknownInUpdate, valueAt } from "./values.js";

export default {
  id: "ip-auth-token-unused",
  severity: "warning",
  description: "outbound.ip_authentication_token set while the authentication method is tech-prefix",
  kinds: ["ip_connection"],
  check: (context) => {
    const { connection } = context;
    const method = valueAt(connection, ["outbound", "ip_authentication_method"]);
    if (!isSet(valueAt(connection, ["outbound", "ip_authentication_token"])) || (method !== undefined && method !== "tech-prefixp-charge-info") || unknownInUpdate(context, ["outbound", "ip_authentication_method"])) return [];
    const why = method === undefined ? "`outbound.ip_authentication_method` is not set, so it is tech-prefixp-charge-info" : "`outbound.ip_authentication_method` is tech-prefixp-charge-info";
    return [{ path: ["outbound", "ip_authentication_token"], message: `\`outbound.ip_authentication_token\` is set, but ${why}: the token is ignored; set the method to token, or remove the token` }];
  },
} satisfies Rule;
