// The pages: "Please note TLS encrypted calls are not allowed for subdomain calls."
import type { Rule } from "./types.js";
import { isSet, valueAt } from "./values.js";

export default {
  id: "no-tls-with-sip-subdomain",
  severity: "warning",
  description: "Calls to a SIP subdomain can't use TLS",
  kinds: ["ip_connection", "fqdn_connection"],
  check: ({ connection }) =>
    isSet(valueAt(connection, ["inbound", "sip_subdomain"])) && connection.transport_protocol === "TLS"
      ? [{
          path: ["inbound", "sip_subdomain"],
          message: "`inbound.sip_subdomain` is set on a TLS connection, but calls to a SIP subdomain can't use TLS: subdomain calls to this connection will fail; use TCP or UDP, or remove the subdomain",
          related: [{ path: ["transport_protocol"], message: "TLS is set here" }],
        }]
      : [],
} satisfies Rule;
