// Small readers of a connection's values that many rules share.
import type { Path } from "../diagnostics/types.js";
import type { RuleContext } from "./types.js";

/** The value at a path, or undefined; never follows inherited properties. */
export function valueAt(connection: unknown, path: Path): unknown {
  let current = connection;
  for (const segment of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

export { isPlaceholder } from "../diagnostics/placeholder.js";

/** Set to something: not absent, null or blank. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}

/** The SIP transport of an IP or FQDN connection: an omitted transport_protocol is the API's default, UDP. */
export function transportOf(connection: Record<string, unknown>): unknown {
  return connection.transport_protocol ?? "UDP";
}

/**
 * True in an update (PATCH) body that leaves a field out: the connection keeps its current value, which
 * connlint can't see, so a rule that would reason from the field's default must stay silent.
 */
export function unknownInUpdate({ operation, connection }: Pick<RuleContext, "operation" | "connection">, path: Path): boolean {
  return operation === "update" && valueAt(connection, path) === undefined;
}
