// SRTP can't be combined with TLS transport (both pages: "Cannot be set if the transport_protocol is TLS").
import type { Finding, Path } from "../diagnostics/types.js";
import type { Rule } from "./types.js";
import { valueAt } from "./values.js";

/** Where each kind sets SRTP: FQDN connections also have it for outbound calls (the OpenAPI's OutboundFqdn). */
const MEDIA: Record<string, readonly Path[]> = {
  ip_connection: [["encrypted_media"]],
  fqdn_connection: [["encrypted_media"], ["outbound", "encrypted_media"]],
};

export default {
  id: "no-srtp-with-tls",
  severity: "error",
  description: "SRTP media encryption can't be used on a connection with TLS transport",
  kinds: ["ip_connection", "fqdn_connection"],
  check: ({ connection, kind }) =>
    connection.transport_protocol !== "TLS"
      ? []
      : (MEDIA[kind] ?? []).filter((path) => valueAt(connection, path) === "SRTP").map((path): Finding => ({
          path,
          message: `\`${path.join(".")}\` is SRTP, but \`transport_protocol\` is TLS: the API refuses SRTP on a TLS connection; remove \`${path.join(".")}\` or choose UDP or TCP`,
          related: [{ path: ["transport_protocol"], message: "TLS is set here" }],
        })),
} satisfies Rule;
