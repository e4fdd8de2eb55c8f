// The pages: "OPUS and H.264 codecs are available only when using TCP or TLS transport for SIP."
import type { Finding } from "../diagnostics/types.js";
import type { Rule } from "./types.js";
import { transportOf, unknownInUpdate, valueAt } from "./values.js";

const NEED_TCP_OR_TLS = new Set(["OPUS", "H.264"]);

export default {
  id: "codecs-need-tcp-or-tls",
  severity: "warning",
  description: "OPUS and H.264 in inbound.codecs need TCP or TLS transport",
  kinds: ["ip_connection", "fqdn_connection"],
  check: (context) => {
    const { connection } = context;
    const codecs = valueAt(connection, ["inbound", "codecs"]);
    const transport = transportOf(connection);
    if (!Array.isArray(codecs) || transport === "TCP" || transport === "TLS" || unknownInUpdate(context, ["transport_protocol"])) return [];
    const written = connection.transport_protocol === undefined ? "not set, so UDP" : String(transport);
    return codecs.flatMap((codec, index): Finding[] =>
      NEED_TCP_OR_TLS.has(codec)
        ? [{ path: ["inbound", "codecs", index], message: `codec \`${codec}\` is only offered over TCP or TLS, and \`transport_protocol\` is ${written}: Telnyx will not offer it; set \`transport_protocol: TCP\` or TLS, or remove the codec` }]
        : [],
    );
  },
} satisfies Rule;
