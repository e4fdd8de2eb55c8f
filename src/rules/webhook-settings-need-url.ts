// A webhook timeout or failover URL only matters when there is a primary webhook URL.
import type { Finding } from "../diagnostics/types.js";
import type { Rule } from "./types.js";
import { isSet, unknownInUpdate } from "./values.js";

const DEPENDENT = ["webhook_timeout_secs", "webhook_event_failover_url"] as const;

export default {
  id: "webhook-settings-need-url",
  severity: "warning",
  description: "webhook_timeout_secs and webhook_event_failover_url have no effect without webhook_event_url",
  check: (context) => {
    const { connection } = context;
    if (isSet(connection.webhook_event_url) || unknownInUpdate(context, ["webhook_event_url"])) return [];
    return DEPENDENT.filter((field) => isSet(connection[field])).map((field): Finding => ({
      path: [field],
      message: `\`${field}\` is set, but there is no \`webhook_event_url\`: no webhooks are sent, so the setting has no effect; add \`webhook_event_url\` or remove it`,
    }));
  },
} satisfies Rule;
