// What a rule is: metadata as data, and a pure check over one parsed connection.
import type { Finding, Path, Severity } from "../diagnostics/types.js";
import type { Kind, Operation } from "../kind.js";

export interface RuleMeta {
  id: string;
  /** The severity a rule has unless the config says otherwise. */
  severity: Severity;
  /** One line: what the rule reports. */
  description: string;
  /** True when some of its findings carry a certain fix. */
  fixable?: boolean;
}

/** A scalar as the YAML file spells it, for rules about spelling. */
export interface WrittenScalar {
  path: Path;
  /** The text as written, without quotes. */
  source: string;
  value: unknown;
}

/** Settings from the configuration that rules read. */
export interface RuleSettings {
  /** Codec names accepted in `inbound.codecs`, beyond which a warning is given. */
  knownCodecs: readonly string[];
}

export interface RuleContext {
  kind: Kind;
  /**
   * The request the connection is the body of, or an API response. In an update (PATCH) an absent field keeps
   * its current value, which connlint can't know: a rule that reasons from a default must not assume it there.
   */
  operation: Operation | "response";
  /** The connection's fields, without the `{data: …}` envelope. */
  connection: Record<string, unknown>;
  settings: RuleSettings;
  /** YAML only: the plain (unquoted) scalar values, in document order. Empty for JSON. */
  plainScalars(): WrittenScalar[];
  /** The JSON types the kind's schema allows at a path, if the path is in the schema. */
  schemaTypes(path: Path): string[] | undefined;
  /** A value written as this file would write it (YAML plain or quoted, or JSON). */
  render(value: unknown): string;
}

/** A check over one connection; findings speak in paths, the engine turns them into places. */
export interface Rule extends RuleMeta {
  /** The kinds the rule applies to; all kinds when absent. */
  kinds?: readonly Kind[];
  check(context: RuleContext): Finding[];
}

/** A check across every connection linted together: the same value must not appear twice. */
export interface UniqueValueRule extends RuleMeta {
  kinds?: readonly Kind[];
  /** Where the value is in a connection. */
  path: Path;
  /** How the value is named in messages: "SIP user name". */
  label: string;
  /** Compare values ignoring case (DNS names). */
  caseInsensitive?: boolean;
}
