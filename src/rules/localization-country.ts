// outbound.localization names the country whose dialling rules apply; the schema holds it to two capitals.
import type { Rule } from "./types.js";
import { isKnownCountry } from "./phone-numbers.js";
import { valueAt } from "./values.js";

export default {
  id: "localization-country",
  severity: "error",
  description: "outbound.localization is not a country whose dialling rules Telnyx can apply",
  check: ({ connection }) => {
    const code = valueAt(connection, ["outbound", "localization"]);
    if (typeof code !== "string" || !/^[A-Z]{2}$/.test(code) || isKnownCountry(code)) return [];
    return [{ path: ["outbound", "localization"], message: `\`outbound.localization\` is \`${code}\`, which is not a country with a telephone numbering plan: use a country code such as US or GB` }];
  },
} satisfies Rule;
