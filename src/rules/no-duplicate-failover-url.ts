// A failover URL equal to the primary fails over to the endpoint that just failed.
import type { Rule } from "./types.js";
import { isPlaceholder, isSet } from "./values.js";

export default {
  id: "no-duplicate-failover-url",
  severity: "warning",
  description: "webhook_event_failover_url is the same as webhook_event_url",
  check: ({ connection }) => {
    const primary = connection.webhook_event_url;
    const failover = connection.webhook_event_failover_url;
    if (!isSet(failover) || isPlaceholder(failover) || typeof primary !== "string" || typeof failover !== "string") return [];
    if (normalize(primary) !== normalize(failover)) return [];
    return [{
      path: ["webhook_event_failover_url"],
      message: "`webhook_event_failover_url` is the same URL as `webhook_event_url`: when the primary fails, events are retried on the same endpoint; use a different endpoint or remove the failover",
      related: [{ path: ["webhook_event_url"], message: "the primary URL is set here" }],
    }];
  },
} satisfies Rule;

function normalize(url: string): string {
  return url.trim().replace(/\/+$/, "").toLowerCase();
}
