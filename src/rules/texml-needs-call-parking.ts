// The credential page: "texml can only be set when the outbound object parameter call_parking_enabled is included and set to true".
import type { Rule } from "./types.js";
import { valueAt } from "./values.js";

export default {
  id: "texml-needs-call-parking",
  severity: "error",
  description: "webhook_api_version texml needs outbound.call_parking_enabled set to true",
  kinds: ["credential_connection"],
  check: ({ connection, operation }) => {
    // An update can't set texml at all (its schema reports it): the rule is about creating.
    if (operation === "update" || connection.webhook_api_version !== "texml" || valueAt(connection, ["outbound", "call_parking_enabled"]) === true) return [];
    const parking = valueAt(connection, ["outbound", "call_parking_enabled"]);
    return [{
      path: ["webhook_api_version"],
      message: `\`webhook_api_version\` is texml, but \`outbound.call_parking_enabled\` is ${parking === undefined ? "not set" : String(parking)}: the API accepts texml only when call parking is on; set \`outbound.call_parking_enabled: true\` or choose version "1" or "2"`,
      ...(parking === undefined ? {} : { related: [{ path: ["outbound", "call_parking_enabled"], message: "call parking is set here" }] }),
    }];
  },
} satisfies Rule;
