// SARIF 2.1.0 as GitHub code scanning ingests it: one run, a rules entry per rule, paths from the repository's root.
import { crypto } from "../builtins.js";
import { pathToFileURL } from "node:url";
import type { Location, Log, ReportingDescriptor, Result } from "sarif";
import type { Diagnostic, Position, Severity } from "../diagnostics/types.js";
import { packageInfo, ruleDocUrl } from "../package-info.js";
import { ALL_RULES } from "../rules/index.js";
import { type FileReport, type Formatter, pathFrom } from "./types.js";

const SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
/** The base that relative URIs hang from; GitHub resolves it to the checkout. */
const SOURCE_ROOT = "%SRCROOT%";
/** Versioned, as SARIF §3.27.17 asks, so that a change of recipe never matches old alerts by accident. */
const FINGERPRINT_KEY = "connlint/v1";

const LEVELS: Record<Severity, Result.level> = { error: "error", warning: "warning", info: "note" };

export const sarif: Formatter = (results, { repoRoot }) => {
  const { version, homepage } = packageInfo();
  const ruleIndex = new Map(ALL_RULES.map((rule, index) => [rule.id, index]));
  const log: Log = {
    $schema: SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "connlint", version, semanticVersion: version, informationUri: homepage.replace(/#.*$/, ""), rules: ALL_RULES.map(toRule) } },
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: directoryUri(repoRoot) } },
        columnKind: "utf16CodeUnits",
        results: results.flatMap((file) => toResults(file, repoRoot, ruleIndex)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

function toRule(rule: (typeof ALL_RULES)[number]): ReportingDescriptor {
  const helpUri = ruleDocUrl(rule.id);
  const sentence = rule.description.endsWith(".") ? rule.description : `${rule.description}.`;
  return {
    id: rule.id,
    shortDescription: { text: rule.description },
    fullDescription: { text: sentence },
    helpUri,
    help: { text: `${sentence} See ${helpUri}`, markdown: `${sentence} [Read more](${helpUri}).` },
    defaultConfiguration: { level: LEVELS[rule.severity] },
  };
}

function toResults({ filePath, diagnostics }: FileReport, repoRoot: string, ruleIndex: Map<string, number>): Result[] {
  const seen = new Map<string, number>();
  return diagnostics.map((diagnostic) => {
    const identity = fingerprintSource(diagnostic);
    // The same rule at the same place of the same connection twice: numbered, in order, so both alerts stay.
    const occurrence = (seen.get(identity) ?? 0) + 1;
    seen.set(identity, occurrence);
    const result: Result = {
      ruleId: diagnostic.ruleId,
      level: LEVELS[diagnostic.severity],
      message: { text: diagnostic.message },
      locations: [location(filePath, diagnostic, repoRoot)],
      partialFingerprints: { [FINGERPRINT_KEY]: `${crypto().createHash("sha256").update(identity).digest("hex").slice(0, 32)}:${occurrence}` },
    };
    const index = ruleIndex.get(diagnostic.ruleId);
    if (index !== undefined) result.ruleIndex = index;
    if (diagnostic.related?.length) {
      result.relatedLocations = diagnostic.related.map((related, id) => ({ id, ...location(related.filePath ?? filePath, related, repoRoot), message: { text: related.message } }));
    }
    return result;
  });
}

/**
 * What identifies a problem across edits: the rule, the pointer and the connection (its name, else which
 * document it is), never the line, so alerts stay put when lines move.
 */
function fingerprintSource(diagnostic: Diagnostic): string {
  const connection = diagnostic.connectionName !== undefined ? `name:${diagnostic.connectionName}` : `document:${diagnostic.document}`;
  return [diagnostic.ruleId, diagnostic.pointer, connection].join("\u0000");
}

function location(filePath: string, position: Position, repoRoot: string): Location {
  const shown = pathFrom(repoRoot, filePath);
  const artifactLocation = shown === filePath ? { uri: pathToFileURL(filePath).href } : { uri: relativeUri(shown), uriBaseId: SOURCE_ROOT };
  return {
    physicalLocation: {
      artifactLocation,
      region: { startLine: position.line, startColumn: position.column, endLine: position.endLine, endColumn: position.endColumn },
    },
  };
}

/**
 * A relative path as a URI reference: each segment percent-encoded as a file URL would encode it, and colons too
 * (`ab:c.yaml` unescaped would read as a URI of scheme `ab`).
 */
function relativeUri(path: string): string {
  return path
    .split("/")
    .map((segment) => pathToFileURL(`/${segment}`).href.slice("file:///".length).replace(/:/g, "%3A"))
    .join("/");
}

function directoryUri(path: string): string {
  const href = pathToFileURL(path).href;
  return href.endsWith("/") ? href : `${href}/`;
}
