// What a rule is: metadata as data, and a pure check over one parsed connection.
import type { Finding, Severity } from "../diagnostics/types.js";
import type { Kind } from "../kind.js";

export interface RuleMeta {
  id: string;
  /** The severity a rule has unless the config says otherwise. */
  severity: Severity;
  /** One line: what the rule reports. */
  description: string;
  /** True when some of its findings carry a certain fix. */
  fixable?: boolean;
}

export interface RuleContext {
  kind: Kind;
  /** The connection's fields, without the `{data: …}` envelope. */
  connection: Record<string, unknown>;
}

export interface Rule extends RuleMeta {
  check(context: RuleContext): Finding[];
}
