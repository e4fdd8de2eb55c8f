// The shared vocabulary of connlint: paths, ranges, findings and diagnostics.

export type Severity = "error" | "warning" | "info";

/** A JSON path inside one connection: keys and array indexes. */
export type Path = readonly (string | number)[];

/** A place in the source text. Offsets index the decoded text (UTF-16 code units, no BOM). */
export interface Range {
  start: number;
  end: number;
}

/** 1-based, end exclusive, columns in UTF-16 code units. */
export interface Position {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A text edit on the decoded source. */
export interface Fix {
  range: [number, number];
  text: string;
}

export interface Suggestion {
  desc: string;
  fix: Fix;
}

/** What a check reports: it speaks in paths; the engine turns them into places. */
export interface Finding {
  path: Path;
  message: string;
  /** Where to put the range: the value (default) or the key of the last path segment. */
  target?: "value" | "key";
  /** Set by checks that know the range themselves (the parser, the loader). */
  range?: Range;
  severity?: Severity;
  fix?: Fix;
  suggestions?: Suggestion[];
  /**
   * A new text for the reported value (or key), placed by the engine: a fix when `certain`,
   * else a suggestion; never a fix inside an anchor that aliases reuse.
   */
  replacement?: { text: string; desc: string; certain: boolean };
  /** Other places involved, by path in the same connection or by range. */
  related?: { message: string; path?: Path; range?: Range }[];
}

export interface RelatedLocation extends Position {
  message: string;
  /** Set when the related place is in another file. */
  filePath?: string;
}

export interface Diagnostic extends Position {
  ruleId: string;
  severity: Severity;
  message: string;
  /** RFC 6901 JSON Pointer relative to the connection. */
  pointer: string;
  /** Which document of a YAML file, or which element of a JSON array. */
  document: number;
  /** The connection's `connection_name`, when it has one: it identifies a problem across edits (SARIF fingerprints). */
  connectionName?: string;
  range: Range;
  fix?: Fix;
  suggestions?: Suggestion[];
  related?: RelatedLocation[];
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 2, warning: 1, info: 0 };

/** A finding with the rule it belongs to, as the pipeline carries it. */
export interface Report extends Finding {
  ruleId: string;
}
