// The webhook URL fields of a connection, parsed, for the rules about them.
import { isPlaceholder } from "./values.js";

export const WEBHOOK_URL_FIELDS = ["webhook_event_url", "webhook_event_failover_url"] as const;

export interface WebhookUrl {
  field: (typeof WEBHOOK_URL_FIELDS)[number];
  url: URL;
}

/** The URLs that are set and parse with a scheme (a missing scheme is the schema's error). */
export function webhookUrls(connection: Record<string, unknown>): WebhookUrl[] {
  return WEBHOOK_URL_FIELDS.flatMap((field) => {
    const value = connection[field];
    if (typeof value !== "string" || !value || isPlaceholder(value) || !URL.canParse(value)) return [];
    return [{ field, url: new URL(value) }];
  });
}
