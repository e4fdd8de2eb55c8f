// ani_override replaces the caller ID: it must be a number the called network accepts.
import type { Rule } from "./types.js";
import { isDialable, isKnownCountry } from "./phone-numbers.js";
import { isPlaceholder, valueAt } from "./values.js";

export default {
  id: "dialable-ani-override",
  severity: "warning",
  description: "outbound.ani_override is not a dialable phone number for the connection's localization",
  check: ({ connection }) => {
    const number = valueAt(connection, ["outbound", "ani_override"]);
    if (typeof number !== "string" || !number.trim() || isPlaceholder(number)) return [];
    const localization = valueAt(connection, ["outbound", "localization"]);
    // A placeholder country is only known when the body is sent: the number can't be judged here.
    if (isPlaceholder(localization)) return [];
    // The pages: a blank localization means US dialling rules, then GB.
    const countries = typeof localization === "string" && /^[A-Z]{2}$/.test(localization) && isKnownCountry(localization) ? [localization] : ["US", "GB"];
    if (countries.some((country) => isDialable(number, country))) return [];
    return [{
      path: ["outbound", "ani_override"],
      message: `\`outbound.ani_override\` is \`${number}\`, which is not a phone number that can be dialled with ${countries.join(" or ")} rules: write the number in E.164 form, such as +13125550100`,
    }];
  },
} satisfies Rule;
