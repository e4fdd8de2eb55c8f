// JUnit XML (the Ant schema CI services read): a testsuite per file, a testcase per problem; only errors fail.
import type { Diagnostic } from "../diagnostics/types.js";
import { type FileReport, type Formatter, pathFrom } from "./types.js";

export const junit: Formatter = (results, { repoRoot, startedAt, hostname }) => {
  // The schema's timestamp is a dateTime without a time zone: the time in UTC, to the second.
  const timestamp = startedAt.toISOString().slice(0, 19);
  const suites = results.map((file, id) => testsuite(file, { id, timestamp, hostname: hostname || "localhost", repoRoot }));
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n${suites.join("")}</testsuites>\n`;
};

interface SuiteContext {
  id: number;
  timestamp: string;
  hostname: string;
  repoRoot: string;
}

function testsuite({ filePath, diagnostics }: FileReport, { id, timestamp, hostname, repoRoot }: SuiteContext): string {
  const path = pathFrom(repoRoot, filePath);
  const failures = diagnostics.filter((d) => d.severity === "error").length;
  const cases = diagnostics.length ? diagnostics.map((d) => testcase(path, d)) : [`    <testcase name="no problems" classname=${attribute(path)} time="0"/>\n`];
  const attributes = `name=${attribute(path)} package="connlint" id="${id}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="0" timestamp="${timestamp}" hostname=${attribute(hostname)}`;
  return `  <testsuite ${attributes}>\n    <properties/>\n${cases.join("")}    <system-out/>\n    <system-err/>\n  </testsuite>\n`;
}

function testcase(path: string, d: Diagnostic): string {
  const name = `${d.line}:${d.column} ${d.severity}: ${d.message} [${d.ruleId}]`;
  const open = `    <testcase name=${attribute(name)} classname=${attribute(path)} time="0"`;
  if (d.severity !== "error") return `${open}/>\n`;
  const detail = `${path}:${d.line}:${d.column}: ${d.message} [${d.ruleId}]${d.pointer ? `\nat ${d.pointer} in document ${d.document}` : ""}`;
  return `${open}>\n      <failure message=${attribute(d.message)} type=${attribute(d.ruleId)}>${text(detail)}</failure>\n    </testcase>\n`;
}

/** Characters XML 1.0 can't hold at all, even escaped: replaced so the report stays well-formed. */
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function text(value: string): string {
  return value.replace(NOT_XML, "\uFFFD").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A quoted attribute value; line breaks and tabs as character references, which attribute normalisation keeps. */
function attribute(value: string): string {
  return `"${text(value).replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;").replace(/\t/g, "&#9;")}"`;
}
