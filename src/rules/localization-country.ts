// outbound.localization names the country whose dialling rules apply; the schema holds it to two capitals.
import type { Rule } from "./types.js";
import { isKnownCountry } from "./phone-numbers.js";
import { valueAt } from "./values.js";

export default {
  id: "localization-country",
  severity: "error",
  description: "outbound.localization is not a country code with dialling rules",
  check: ({ connection }) => {
    const code = valueAt(connection, ["outbound", "localization"]);
    if (typeof code !== "string" || !/^[A-Z]{2}$/.test(code) || isKnownCountry(code)) return [];
    return [{ path: ["outbound", "localization"], message: `\`outbound.localization\` is \`${code}\`, which is not an ISO 3166-1 country code with dialling rules: use a country such as US or GB` }];
  },
} satisfies Rule;
