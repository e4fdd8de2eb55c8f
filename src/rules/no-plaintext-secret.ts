// A password or token committed in clear is readable by everyone with the repository.
import type { Finding } from "../diagnostics/types.js";
import type { Rule } from "./types.js";
import { isPlaceholder, valueAt } from "./values.js";

const SECRETS = [
  { path: ["password"], variable: "SIP_PASSWORD" },
  { path: ["outbound", "ip_authentication_token"], variable: "IP_AUTH_TOKEN" },
] as const;

export default {
  id: "no-plaintext-secret",
  severity: "warning",
  description: "A password or IP authentication token written in clear instead of a ${ENV_NAME} placeholder",
  check: ({ connection }) =>
    SECRETS.flatMap(({ path, variable }): Finding[] => {
      const value = valueAt(connection, path);
      if (typeof value !== "string" || !value || isPlaceholder(value)) return [];
      const name = placeholderName(connection.connection_name, variable);
      return [{
        path: [...path],
        message: `\`${path.join(".")}\` is written in clear in a file that is committed: replace it with a placeholder such as \`\${${name}}\` and set ${name} in the environment that sends the body`,
        replacement: { text: `"\${${name}}"`, desc: `Replace with \${${name}}`, certain: false },
      }];
    }),
} satisfies Rule;

/** `${OFFICE_PBX_SIP_PASSWORD}` for a connection named office-pbx. */
function placeholderName(connectionName: unknown, variable: string): string {
  const prefix = typeof connectionName === "string" ? connectionName.toUpperCase().replace(/[^A-Z0-9]+/g, "_").replace(/^_+|_+$/g, "").replace(/^(?=[0-9])/, "_") : "";
  return prefix ? `${prefix}_${variable}` : variable;
}
