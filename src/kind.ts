// Which kind of connection a document is (DESIGN §1), and whether a file holds connections at all.
import { code } from "./diagnostics/show.js";
import type { Path, Report } from "./diagnostics/types.js";

export type Kind = "ip_connection" | "credential_connection";
export const KINDS: readonly Kind[] = ["ip_connection", "credential_connection"];

export const KIND_LABELS: Record<Kind, string> = {
  ip_connection: "an IP connection",
  credential_connection: "a credential connection",
};

/** Fields that only one kind has, so their presence tells the kind (a test keeps this in step with the schemas). */
export const KIND_MARKERS: Record<Kind, readonly string[]> = {
  ip_connection: [
    "transport_protocol",
    "inbound.default_routing_method",
    "inbound.sip_region",
    "inbound.sip_subdomain",
    "inbound.sip_subdomain_receive_settings",
    "outbound.tech_prefix",
    "outbound.ip_authentication_method",
    "outbound.ip_authentication_token",
  ],
  credential_connection: ["user_name", "password", "sip_uri_calling_preference"],
};

/** Top-level fields that, besides the kind markers, only connections have. */
const CONNECTION_MARKERS = [
  "anchorsite_override",
  "default_on_hold_comfort_noise_enabled",
  "dtmf_type",
  "encode_contact_header_enabled",
  "encrypted_media",
  "onnet_t38_passthrough_enabled",
  "ios_push_credential_id",
  "android_push_credential_id",
  "rtcp_settings",
];

const SCHEMA_FILE_KINDS: Record<string, Kind | "either"> = {
  "ip-connection.schema.json": "ip_connection",
  "credential-connection.schema.json": "credential_connection",
  "connection.schema.json": "either",
};

export interface KindInput {
  /** The connection object (inside the `{data: …}` envelope, if any). */
  connection: Record<string, unknown>;
  /** The schema named by a `# yaml-language-server: $schema=` modeline, if any. */
  modelineSchema: string | undefined;
  /** The kind the config's overrides give this file, if any. */
  overrideKind: Kind | undefined;
}

export interface KindResult {
  kind: Kind | undefined;
  reports: Report[];
}

export function detectKind({ connection, modelineSchema, overrideKind }: KindInput): KindResult {
  const reports: Report[] = [];
  const recordType = connection.record_type;
  if (recordType !== undefined) {
    if (isKind(recordType)) return { kind: recordType, reports };
    reports.push(badRecordType(recordType));
  }
  const declared = schemaKind(modelineSchema) ?? schemaKind(connection.$schema) ?? overrideKind;
  if (declared) return { kind: declared, reports };
  const found = KINDS.map((kind) => ({ kind, fields: markersIn(connection, kind) })).filter(({ fields }) => fields.length);
  if (found.length === 1) {
    const { kind, fields } = found[0]!;
    if (!reports.length) reports.push(inferred(kind, fields));
    return { kind, reports };
  }
  if (!reports.length) reports.push(undecided(found.map(({ fields }) => fields[0]!)));
  return { kind: undefined, reports };
}

function isKind(value: unknown): value is Kind {
  return KINDS.includes(value as Kind);
}

/** The kind a schema reference names, by its file name (a path or a URL). */
export function schemaKind(reference: unknown): Kind | undefined {
  if (typeof reference !== "string") return undefined;
  const name = reference.split(/[\\/#?]/).filter(Boolean).find((part) => part.endsWith(".schema.json"));
  const kind = name ? SCHEMA_FILE_KINDS[name] : undefined;
  return kind === "either" ? undefined : kind;
}

function markersIn(connection: Record<string, unknown>, kind: Kind): string[] {
  return KIND_MARKERS[kind].filter((dotted) => valueAt(connection, dotted.split(".")) !== undefined);
}

function valueAt(object: unknown, path: string[]): unknown {
  let current = object;
  for (const key of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function badRecordType(value: unknown): Report {
  const shown = typeof value === "string" ? code(value) : JSON.stringify(value);
  return {
    ruleId: "kind",
    path: ["record_type"],
    message: `\`record_type\` must be ip_connection or credential_connection, got ${shown}; the kind is taken from the fields instead`,
  };
}

function inferred(kind: Kind, fields: string[]): Report {
  return {
    ruleId: "kind-inferred",
    path: [],
    message: `no \`record_type\`: read as ${KIND_LABELS[kind]} because it sets ${code(fields[0]!)}; add \`record_type: ${kind}\` to say so`,
  };
}

function undecided(fields: string[]): Report {
  const why = fields.length > 1 ? `it sets fields of both kinds (${fields.map(code).join(" and ")})` : "nothing in it says which kind it is";
  return {
    ruleId: "kind",
    path: [],
    message: `can't tell whether this is an IP or a credential connection: ${why}; add \`record_type: ip_connection\` or \`record_type: credential_connection\``,
  };
}

/** The `{data: …}` envelope of an API response: the path of the connection inside it, if the document is one. */
export function envelopePath(document: unknown): Path | undefined {
  if (!isObject(document) || !isObject(document.data)) return undefined;
  return Object.keys(document).every((key) => key === "data" || key === "$schema") ? ["data"] : undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Whether a document found by expanding a directory is a connection: something declares it,
 * or it carries fields that only connections have (DESIGN §1).
 */
export function looksLikeConnection(document: unknown, modelineSchema: string | undefined, overrideKind: Kind | undefined): boolean {
  if (!isObject(document)) return false;
  const connection = envelopePath(document) ? (document.data as Record<string, unknown>) : document;
  if (overrideKind || schemaKind(modelineSchema) || isKind(connection.record_type) || isConnectionSchema(modelineSchema) || isConnectionSchema(connection.$schema)) return true;
  if (connection.user_name !== undefined && connection.password !== undefined) return true;
  const ipMarkers = KIND_MARKERS.ip_connection;
  return [...ipMarkers, ...CONNECTION_MARKERS, "sip_uri_calling_preference"].some((dotted) => valueAt(connection, dotted.split(".")) !== undefined);
}

function isConnectionSchema(reference: unknown): boolean {
  return typeof reference === "string" && Object.keys(SCHEMA_FILE_KINDS).some((name) => reference.endsWith(name));
}
