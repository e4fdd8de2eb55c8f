// Fields the pages list that the live API removed, with when (spec/fields.json marks them `removed`; a test keeps the two in step).

/** By dotted path, the month the API removed the field. */
export const REMOVED_FIELDS: Readonly<Record<string, string>> = {
  "inbound.privacy_zone_enabled": "January 2025",
};
