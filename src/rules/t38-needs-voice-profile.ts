// The pages: t38_reinvite_source "only affects connections with Fax-type Outbound Voice Profiles".
import type { Rule } from "./types.js";
import { isSet, unknownInUpdate, valueAt } from "./values.js";

export default {
  id: "t38-needs-voice-profile",
  severity: "info",
  description: "outbound.t38_reinvite_source set without an outbound voice profile",
  check: (context) =>
    valueAt(context.connection, ["outbound", "t38_reinvite_source"]) !== undefined && !isSet(valueAt(context.connection, ["outbound", "outbound_voice_profile_id"])) && !unknownInUpdate(context, ["outbound", "outbound_voice_profile_id"])
      ? [{ path: ["outbound", "t38_reinvite_source"], message: "`outbound.t38_reinvite_source` is set, but there is no `outbound.outbound_voice_profile_id`: it only affects connections with a fax-type outbound voice profile" }]
      : [],
} satisfies Rule;
