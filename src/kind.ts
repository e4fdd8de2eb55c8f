// Which kind of connection a document is and which request it is (DESIGN §1), and whether a file holds connections at all.
import { code } from "./diagnostics/show.js";
import type { Path, Report } from "./diagnostics/types.js";

export type Kind = "ip_connection" | "credential_connection" | "fqdn_connection";
export const KINDS: readonly Kind[] = ["ip_connection", "credential_connection", "fqdn_connection"];

/** The request a connection file is the body of: a new connection (POST) or a change to one (PATCH). */
export type Operation = "create" | "update";
export const OPERATIONS: readonly Operation[] = ["create", "update"];

export const KIND_LABELS: Record<Kind, string> = {
  ip_connection: "an IP connection",
  credential_connection: "a credential connection",
  fqdn_connection: "an FQDN connection",
};

const KIND_NOUNS: Record<Kind, string> = { ip_connection: "IP", credential_connection: "credential", fqdn_connection: "FQDN" };

/** Kinds as a plural noun, for messages and docs: "IP and FQDN connections". */
export function kindsPhrase(kinds: readonly Kind[]): string {
  return `${kinds.map((kind) => KIND_NOUNS[kind]).join(" and ")} connections`;
}

/** Fields that only one kind has, in a create or an update body: their presence decides the kind (a test keeps this in step with the schemas). */
export const KIND_MARKERS: Record<Kind, readonly string[]> = {
  ip_connection: ["inbound.default_primary_ip_id", "inbound.default_secondary_ip_id", "inbound.default_tertiary_ip_id"],
  credential_connection: ["user_name", "password", "sip_uri_calling_preference", "inbound.simultaneous_ringing"],
  fqdn_connection: [
    "inbound.default_primary_fqdn_id",
    "inbound.default_secondary_fqdn_id",
    "inbound.default_tertiary_fqdn_id",
    "microsoft_teams_sbc",
    "outbound.encrypted_media",
    "outbound.timeout_1xx_secs",
    "outbound.timeout_2xx_secs",
  ],
};

/**
 * Fields that IP and FQDN connections have and credential connections do not. They mean an IP connection
 * unless a field only FQDN connections have says otherwise (DESIGN §1: `transport_protocol`, `tech_prefix`,
 * `ip_authentication_*` mean IP). A test keeps this in step with the schemas.
 */
export const TRUNK_MARKERS: readonly string[] = [
  "transport_protocol",
  "outbound.tech_prefix",
  "outbound.ip_authentication_method",
  "outbound.ip_authentication_token",
  "inbound.sip_subdomain",
  "inbound.sip_subdomain_receive_settings",
  "inbound.sip_region",
];

/** Top-level fields that, besides the kind markers, only connections have. */
const CONNECTION_MARKERS = [
  "anchorsite_override",
  "call_cost_in_webhooks",
  "default_on_hold_comfort_noise_enabled",
  "dtmf_type",
  "encode_contact_header_enabled",
  "encrypted_media",
  "onnet_t38_passthrough_enabled",
  "ios_push_credential_id",
  "android_push_credential_id",
  "jitter_buffer",
  "noise_suppression",
  "noise_suppression_details",
  "rtcp_settings",
];

/** What each published schema declares: a kind (none for the either-kind schema) and an operation. */
export const SCHEMA_FILES: Record<string, { kind: Kind | undefined; operation: Operation }> = {
  "ip-connection.schema.json": { kind: "ip_connection", operation: "create" },
  "credential-connection.schema.json": { kind: "credential_connection", operation: "create" },
  "fqdn-connection.schema.json": { kind: "fqdn_connection", operation: "create" },
  "connection.schema.json": { kind: undefined, operation: "create" },
  "ip-connection-update.schema.json": { kind: "ip_connection", operation: "update" },
  "credential-connection-update.schema.json": { kind: "credential_connection", operation: "update" },
  "fqdn-connection-update.schema.json": { kind: "fqdn_connection", operation: "update" },
  "connection-update.schema.json": { kind: undefined, operation: "update" },
};

/** The published schema file of a kind (or of either kind) and an operation. */
export function schemaFileOf(kind: Kind | undefined, operation: Operation): string {
  return Object.entries(SCHEMA_FILES).find(([, declared]) => declared.kind === kind && declared.operation === operation)![0];
}

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
  const declared = schemaDeclaration(modelineSchema)?.kind ?? schemaDeclaration(connection.$schema)?.kind ?? overrideKind;
  if (declared) return { kind: declared, reports };
  const inference = inferKind(connection);
  if (inference.kind) {
    if (!reports.length) reports.push(inferred(inference.kind, inference.fields[0]!));
    return { kind: inference.kind, reports };
  }
  if (!reports.length) reports.push(undecided(inference.fields));
  return { kind: undefined, reports };
}

/** The kind the fields say, with the fields that say it; or no kind, with the fields that conflict (none when nothing says). */
function inferKind(connection: Record<string, unknown>): { kind: Kind | undefined; fields: string[] } {
  const credential = markersIn(connection, KIND_MARKERS.credential_connection);
  const ip = markersIn(connection, KIND_MARKERS.ip_connection);
  const fqdn = markersIn(connection, KIND_MARKERS.fqdn_connection);
  const trunk = markersIn(connection, TRUNK_MARKERS);
  const trunkFields = [...trunk, ...ip, ...fqdn];
  if (credential.length && trunkFields.length) return { kind: undefined, fields: [trunkFields[0]!, credential[0]!] };
  if (ip.length && fqdn.length) return { kind: undefined, fields: [ip[0]!, fqdn[0]!] };
  if (credential.length) return { kind: "credential_connection", fields: credential };
  if (fqdn.length) return { kind: "fqdn_connection", fields: fqdn };
  if (trunkFields.length) return { kind: "ip_connection", fields: trunkFields };
  return { kind: undefined, fields: [] };
}

export interface OperationInput {
  connection: Record<string, unknown>;
  modelineSchema: string | undefined;
  /** The operation the config's overrides give this file, if any. */
  overrideOperation: Operation | undefined;
}

/** Whether a connection is the body of an update: declared by the schema it names (modeline, then `$schema`), else by the config; a create otherwise. */
export function detectOperation({ connection, modelineSchema, overrideOperation }: OperationInput): Operation {
  return schemaDeclaration(modelineSchema)?.operation ?? schemaDeclaration(connection.$schema)?.operation ?? overrideOperation ?? "create";
}

function isKind(value: unknown): value is Kind {
  return KINDS.includes(value as Kind);
}

/** What a schema reference declares, by its file name (a path or a URL): undefined when it names none of connlint's schemas. */
export function schemaDeclaration(reference: unknown): { kind: Kind | undefined; operation: Operation } | undefined {
  if (typeof reference !== "string") return undefined;
  const name = reference.split(/[\\/#?]/).filter(Boolean).find((part) => part.endsWith(".schema.json"));
  return name && Object.hasOwn(SCHEMA_FILES, name) ? SCHEMA_FILES[name] : undefined;
}

function markersIn(connection: Record<string, unknown>, markers: readonly string[]): string[] {
  return markers.filter((dotted) => valueAt(connection, dotted.split(".")) !== undefined);
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
    message: `\`record_type\` must be ip_connection, credential_connection or fqdn_connection, got ${shown}; the kind is taken from the fields instead`,
  };
}

function inferred(kind: Kind, field: string): Report {
  return {
    ruleId: "kind-inferred",
    path: [],
    message: `no \`record_type\`: read as ${KIND_LABELS[kind]} because it sets ${code(field)}; add \`record_type: ${kind}\` to say so`,
  };
}

function undecided(fields: string[]): Report {
  const why = fields.length > 1 ? `it sets fields of different kinds (${fields.map(code).join(" and ")})` : "nothing in it says which kind it is";
  return {
    ruleId: "kind",
    path: [],
    message: `can't tell whether this is an IP, a credential or an FQDN connection: ${why}; add \`record_type: ip_connection\`, \`credential_connection\` or \`fqdn_connection\``,
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
  if (overrideKind || schemaDeclaration(modelineSchema) || isKind(connection.record_type) || schemaDeclaration(connection.$schema)) return true;
  if (connection.user_name !== undefined && connection.password !== undefined) return true;
  const markers = [...KIND_MARKERS.ip_connection, ...KIND_MARKERS.fqdn_connection, ...TRUNK_MARKERS, ...CONNECTION_MARKERS, "sip_uri_calling_preference", "inbound.simultaneous_ringing"];
  return markers.some((dotted) => valueAt(connection, dotted.split(".")) !== undefined);
}
