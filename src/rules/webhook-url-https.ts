// Webhook events carry call data (numbers, call ids): over plain http anyone on the path can read them.
import type { Rule } from "./types.js";
import { webhookUrls } from "./webhook-urls.js";

export default {
  id: "webhook-url-https",
  severity: "warning",
  description: "A webhook URL over plain http",
  check: ({ connection, render }) =>
    webhookUrls(connection)
      .filter(({ url }) => url.protocol === "http:")
      .map(({ field }) => {
        const written = String(connection[field]);
        return {
          path: [field],
          message: `\`${field}\` uses plain http: webhook events carry call data in clear text; use https`,
          replacement: { text: render(written.replace(/^http:/i, "https:")), desc: "Use https://", certain: false },
        };
      }),
} satisfies Rule;
