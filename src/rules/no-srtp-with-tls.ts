// SRTP can't be combined with TLS transport (both pages: "Cannot be set if the transport_protocol is TLS").
import type { Rule } from "./types.js";

export default {
  id: "no-srtp-with-tls",
  severity: "error",
  description: "SRTP media encryption can't be used on a connection with TLS transport",
  kinds: ["ip_connection"],
  check: ({ connection }) =>
    connection.encrypted_media === "SRTP" && connection.transport_protocol === "TLS"
      ? [{
          path: ["encrypted_media"],
          message: "`encrypted_media` is SRTP, but `transport_protocol` is TLS: the API refuses SRTP on a TLS connection; remove `encrypted_media` or choose UDP or TCP",
          related: [{ path: ["transport_protocol"], message: "TLS is set here" }],
        }]
      : [],
} satisfies Rule;
