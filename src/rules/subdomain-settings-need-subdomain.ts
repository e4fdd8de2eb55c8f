// sip_subdomain_receive_settings says who may call the subdomain: without a subdomain it means nothing.
import type { Rule } from "./types.js";
import { isSet, unknownInUpdate, valueAt } from "./values.js";

export default {
  id: "subdomain-settings-need-subdomain",
  severity: "warning",
  description: "inbound.sip_subdomain_receive_settings has no effect without inbound.sip_subdomain",
  kinds: ["ip_connection", "fqdn_connection"],
  check: (context) =>
    valueAt(context.connection, ["inbound", "sip_subdomain_receive_settings"]) !== undefined && !isSet(valueAt(context.connection, ["inbound", "sip_subdomain"])) && !unknownInUpdate(context, ["inbound", "sip_subdomain"])
      ? [{ path: ["inbound", "sip_subdomain_receive_settings"], message: "`inbound.sip_subdomain_receive_settings` is set, but there is no `inbound.sip_subdomain`: the setting has no effect; add the subdomain or remove the setting" }]
      : [],
} satisfies Rule;
