// Telnyx delivers webhooks over HTTP(S) only: any other scheme can never receive them.
import type { Rule } from "./types.js";
import { webhookUrls } from "./webhook-urls.js";

export default {
  id: "webhook-url-scheme",
  severity: "error",
  description: "A webhook URL whose scheme is not http or https",
  check: ({ connection }) =>
    webhookUrls(connection)
      .filter(({ url, schemeMissing }) => schemeMissing || (url.protocol !== "https:" && url.protocol !== "http:"))
      .map(({ field, url, schemeMissing }) => ({
        path: [field],
        message: schemeMissing
          ? `\`${field}\` has no scheme: what stands before the first \`:\` is a host name or a user name, not a scheme; start the URL with https://`
          : `\`${field}\` uses the scheme \`${url.protocol.replace(/:$/, "")}\`, but webhooks are delivered over HTTP only: use an https:// URL`,
      })),
} satisfies Rule;
