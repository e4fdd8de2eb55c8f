// The pages: ISUP headers arrive "only when using TCP or TLS transport".
import type { Rule } from "./types.js";
import { transportOf, unknownInUpdate, valueAt } from "./values.js";

export default {
  id: "isup-needs-tcp-or-tls",
  severity: "warning",
  description: "inbound.isup_headers_enabled needs TCP or TLS transport",
  kinds: ["ip_connection", "fqdn_connection"],
  check: (context) => {
    const { connection } = context;
    const transport = transportOf(connection);
    if (valueAt(connection, ["inbound", "isup_headers_enabled"]) !== true || transport === "TCP" || transport === "TLS" || unknownInUpdate(context, ["transport_protocol"])) return [];
    const written = connection.transport_protocol === undefined ? "not set, so UDP" : String(transport);
    return [{ path: ["inbound", "isup_headers_enabled"], message: `ISUP headers are only sent over TCP or TLS, and \`transport_protocol\` is ${written}: this setting has no effect; set \`transport_protocol: TCP\` or TLS` }];
  },
} satisfies Rule;
