// Values that must be unique across every connection linted together.
import type { UniqueValueRule } from "./types.js";

export const UNIQUE_RULES: readonly UniqueValueRule[] = [
  {
    id: "unique-connection-name",
    severity: "warning",
    description: "Two connections with the same connection_name",
    path: ["connection_name"],
    label: "connection name",
  },
  {
    id: "unique-sip-subdomain",
    severity: "error",
    description: "Two connections with the same inbound.sip_subdomain",
    kinds: ["ip_connection", "fqdn_connection"],
    path: ["inbound", "sip_subdomain"],
    label: "SIP subdomain",
    caseInsensitive: true,
  },
  {
    id: "unique-user-name",
    severity: "error",
    description: "Two credential connections with the same SIP user_name",
    kinds: ["credential_connection"],
    path: ["user_name"],
    label: "SIP user name",
  },
];
