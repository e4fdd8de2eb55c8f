// `connlint body FILE`: the exact JSON body a connection sends to the API, placeholders kept or filled from the environment.
import { existsSync } from "node:fs";
import { os } from "../builtins.js";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { PLACEHOLDER } from "../diagnostics/placeholder.js";
import { toPointer } from "../diagnostics/pointer.js";
import { isSecretPath, maskUrlSecrets } from "../diagnostics/show.js";
import type { Path } from "../diagnostics/types.js";
import { stylish } from "../format/stylish.js";
import { envelopePath, isObject } from "../kind.js";
import { lintText } from "../lint.js";
import { toData } from "../load/data.js";
import { formatOf, loadText, type LoadedDocument } from "../load/index.js";
import { EXIT, type Io, UsageError } from "./io.js";
import { BODY_PARSE_CONFIG, bodyHelpText, type BodyOptionValues } from "./options.js";
import { readSource } from "./read.js";

/** A whole string value `${NAME}` stands for an environment variable (DESIGN §1). */
/** Top-level keys that are connlint's, not the API's. */
const NOT_SENT = ["record_type", "$schema"];
/** What an API response carries that no request sends. */
const RESPONSE_ONLY = ["id", "created_at", "updated_at"];

export async function body(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseBodyOptions(argv);
  if (values.help) {
    io.stdout.write(bodyHelpText());
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError("connlint body takes one file; see connlint body --help");
  const filePath = resolve(io.cwd, positionals[0]!);
  if (!existsSync(filePath)) throw new UsageError(`no such file: ${positionals[0]}`);
  const source = readSource(filePath);
  if (!source.ok) return refuse(io, filePath, [source.diagnostic], "can't be read");
  const { diagnostics, text } = lintText(source.text, { filePath });
  const document = chooseDocument(loadText(text, formatOf(filePath)).documents, values.document, positionals[0]!);
  const errors = diagnostics.filter((d) => d.severity === "error" && d.document === document?.index);
  if (errors.length || !document?.root) return refuse(io, filePath, errors, errors.length ? "has errors" : "holds no connection");
  const connection = requestBody(toData(document.root).data);
  const sent = values.env ? fill(connection, io.env) : keepPlaceholders(connection);
  io.stdout.write(`${JSON.stringify(sent, null, 2)}\n`);
  return EXIT.ok;
}

function parseBodyOptions(argv: string[]): { values: BodyOptionValues; positionals: string[] } {
  try {
    return parseArgs({ ...BODY_PARSE_CONFIG, args: argv }) as { values: BodyOptionValues; positionals: string[] };
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split(/\. /)[0]!.replace(/\.$/, "")}; see connlint body --help`);
  }
}

/** The document --document names; without it, the file's only connection. */
function chooseDocument(documents: LoadedDocument[], wanted: string | undefined, shown: string): LoadedDocument | undefined {
  const written = documents.filter((document) => document.root || document.broken);
  if (wanted === undefined) {
    if (written.length > 1) throw new UsageError(`${shown} holds ${written.length} connections; choose one with --document N (${written.map((d) => d.index).join(", ")})`);
    return written[0];
  }
  const index = /^\d+$/.test(wanted) ? Number(wanted) : NaN;
  const document = documents.find((d) => d.index === index);
  if (!document) throw new UsageError(`--document takes the number of a document of ${shown}: ${written.map((d) => d.index).join(", ") || "it has none"}; got "${wanted}"`);
  return document;
}

/** Writes why the body is refused, with the report of the problems, on stderr. */
function refuse(io: Io, filePath: string, errors: Parameters<typeof stylish>[0][number]["diagnostics"], why: string): number {
  const report = stylish([{ filePath, diagnostics: errors }], { cwd: io.cwd, repoRoot: io.cwd, color: Boolean(io.stderr.isTTY), startedAt: new Date(), hostname: os().hostname() });
  io.stderr.write(`connlint: ${filePath} ${why}: no body printed\n${report}`);
  return EXIT.problems;
}

/** The connection as the API takes it: inside any `{data: …}` envelope (less the response's own fields), without connlint's keys. */
function requestBody(data: unknown): Record<string, unknown> {
  const envelope = envelopePath(data);
  const connection = envelope ? (data as Record<string, unknown>).data : data;
  if (!isObject(connection)) throw new Error("a document without errors is a mapping");
  const dropped = envelope ? [...NOT_SENT, ...RESPONSE_ONLY] : NOT_SENT;
  return Object.fromEntries(Object.entries(connection).filter(([key]) => !dropped.includes(key)));
}

/** Without --env the body keeps its placeholders, and refuses to print a secret written in the file. */
function keepPlaceholders(connection: Record<string, unknown>): unknown {
  const secrets: string[] = [];
  visitStrings(connection, [], (value, path) => {
    if (PLACEHOLDER.test(value)) return value;
    if (isSecretPath(path) || maskUrlSecrets(value) !== value) secrets.push(toPointer(path));
    return value;
  });
  if (secrets.length) {
    throw new UsageError(`${secrets.join(", ")} ${secrets.length === 1 ? "holds a secret" : "hold secrets"} written in the file; connlint body prints secrets only with --env (better: write ${"${NAME}"} there and keep the value in the environment)`);
  }
  return connection;
}

/** With --env every placeholder takes its variable's value; a missing variable is named, never a value. */
function fill(connection: Record<string, unknown>, env: Io["env"]): unknown {
  const missing: string[] = [];
  const filled = visitStrings(connection, [], (value, path) => {
    const name = PLACEHOLDER.exec(value)?.[1];
    if (name === undefined) return value;
    const found = env[name];
    if (found === undefined) missing.push(`${name} (for ${toPointer(path)})`);
    return found ?? value;
  });
  if (missing.length) throw new UsageError(`environment variable${missing.length === 1 ? "" : "s"} not set: ${missing.join(", ")}`);
  return filled;
}

/** A copy of a value with every string replaced by what `change` returns for it. */
function visitStrings(value: unknown, path: Path, change: (value: string, path: Path) => string): unknown {
  if (typeof value === "string") return change(value, path);
  if (Array.isArray(value)) return value.map((item, index) => visitStrings(item, [...path, index], change));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, visitStrings(item, [...path, key], change)]));
  return value;
}
