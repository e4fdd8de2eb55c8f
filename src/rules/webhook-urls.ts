// The webhook URL fields of a connection, parsed, for the rules about them.
import { isPlaceholder } from "./values.js";

export const WEBHOOK_URL_FIELDS = ["webhook_event_url", "webhook_event_failover_url"] as const;

export interface WebhookUrl {
  field: (typeof WEBHOOK_URL_FIELDS)[number];
  url: URL;
  /**
   * True when what stands where the scheme belongs is really a host or a user name (`hooks.example.com:8443/x`,
   * `ops:secret@hooks.example.com`): the URL is read as https:// plus what is written.
   */
  schemeMissing: boolean;
}

/** `user:password@host…` or `host.name:port…` written without `scheme://`. */
const NO_SCHEME = /^[^\s:/?#]+:(?:[^/\s@]*@|\d+(?:[/?#]|$))|^[^\s:/?#]*\.[^\s:/?#]*:/;
/** Schemes that are followed by `user@host` without `//`, so `mailto:ops@example.com` is a scheme, not a user name. */
const SCHEMES_WITHOUT_SLASHES = new Set(["mailto", "sip", "sips", "tel", "xmpp", "news", "urn", "data"]);

function schemeMissing(value: string): boolean {
  return NO_SCHEME.test(value) && !SCHEMES_WITHOUT_SLASHES.has(value.slice(0, value.indexOf(":")).toLowerCase());
}

/**
 * The last connection asked about and its URLs: the rules ask one after the other about the same connection.
 * Not a WeakMap: V8 keeps a WeakMap's values alive through each young-generation collection even when their keys
 * have died, so every file's URLs outlived its linting, and the young generation grew to its largest.
 */
let last: { connection: Record<string, unknown>; urls: WebhookUrl[] } | undefined;

/** The URLs that are set and parse (a value that is no URI at all is the schema's error); parsed once per connection. */
export function webhookUrls(connection: Record<string, unknown>): WebhookUrl[] {
  if (last?.connection !== connection) last = { connection, urls: parseWebhookUrls(connection) };
  return last.urls;
}

function parseWebhookUrls(connection: Record<string, unknown>): WebhookUrl[] {
  return WEBHOOK_URL_FIELDS.flatMap((field): WebhookUrl[] => {
    const value = connection[field];
    if (typeof value !== "string" || !value || isPlaceholder(value)) return [];
    const withScheme = schemeMissing(value) ? parsedUrl(`https://${value}`) : undefined;
    if (withScheme) return [{ field, url: withScheme, schemeMissing: true }];
    const url = parsedUrl(value);
    return url ? [{ field, url, schemeMissing: false }] : [];
  });
}

/** One parse (URL.canParse and then new URL would parse twice); a value that is no URL is rare. */
function parsedUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
