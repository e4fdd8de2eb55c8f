// A password or token inside a webhook URL is a secret committed in clear; connlint never prints it.
import type { Rule } from "./types.js";
import { webhookUrls } from "./webhook-urls.js";

const TOKEN_PARAMETERS = /^(token|access_token|api_key|apikey|key|secret|password|pass|pwd|auth|signature|sig)$/i;

export default {
  id: "no-credentials-in-url",
  severity: "warning",
  description: "A webhook URL that carries credentials (user-info or a token in the query)",
  check: ({ connection }) =>
    webhookUrls(connection).flatMap(({ field, url }) => {
      const what = url.password ? "a user name and password" : url.username ? "a user name" : hasTokenParameter(url) ? "a token in its query" : undefined;
      return what
        ? [{ path: [field], message: `\`${field}\` carries ${what}, a secret committed in clear: verify webhooks with Telnyx's signature instead, or write the URL as a \`\${ENV_NAME}\` placeholder` }]
        : [];
    }),
} satisfies Rule;

/** Whether the query names a token; most URLs have no query, and reading one builds its parameters (costly per connection). */
function hasTokenParameter(url: URL): boolean {
  return url.search !== "" && [...url.searchParams.keys()].some((key) => TOKEN_PARAMETERS.test(key));
}
