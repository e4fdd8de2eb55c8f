// The benchmark's corpus: seeded connections, half IP and half credential, 10 % with one known fault, written as files and as one multi-document file.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseCommandLine } from "./args.mjs";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { stringify } from "yaml";

/** The sizes the target table names, in connections. */
export const SIZES = [1, 100, 1000, 10000];
export const DEFAULT_SEED = 20240607;
export const KIND_FOLDERS = { ip_connection: "ip", credential_connection: "credential" };

/**
 * The faults every tool can see from the schemas alone, so the comparison is fair. Each breaks
 * exactly one rule of connlint's and one keyword of the schema.
 */
const FAULTS = [
  { type: "out-of-range", rule: "invalid-value", pointer: "/inbound/timeout_1xx_secs", apply: (c) => { c.inbound.timeout_1xx_secs = 180; } },
  { type: "wrong-enum", rule: "invalid-value", pointer: "/dtmf_type", apply: (c) => { c.dtmf_type = "Touch Tone"; } },
  { type: "unknown-key", rule: "unknown-key", pointer: "/inbound/ring_timeout_secs", apply: (c) => { c.inbound.ring_timeout_secs = 30; } },
];

const SITES = ["Latency", "Chicago, IL", "Ashburn, VA", "San Jose, CA", "Amsterdam, Netherlands", "London, UK", "Frankfurt, Germany"];
const DTMF = ["RFC 2833", "Inband", "SIP INFO"];
const CODEC_SETS = [["G722", "G711U"], ["G711U", "G711A"], ["G722"], ["G729", "G711U"], ["G722", "G711U", "G711A"]];
const ANI_FORMATS = ["+E.164", "E.164", "+E.164-national", "E.164-national"];
const DNIS_FORMATS = ["+e164", "e164", "national", "sip_username"];
const COUNTRIES = ["US", "GB", "DE", "NL", "CA", "AU"];

/**
 * Whether connection `index` carries a fault: 2 in every 20, one of each kind (5 is a credential
 * connection, 10 an IP one), so that 10 % are faulty at every size from 100 up.
 */
export function isFaulty(index) {
  return index % 20 === 5 || index % 20 === 10;
}

/** The first `size` connections of the seeded sequence: a corpus is a prefix of every larger one. */
export function generateConnections(size, seed = DEFAULT_SEED) {
  const rng = xoroshiro128plus(seed);
  const pick = (list) => list[uniformInt(rng, 0, list.length - 1)];
  const connections = [];
  let faults = 0;
  for (let index = 0; index < size; index++) {
    const kind = index % 2 === 0 ? "ip_connection" : "credential_connection";
    const data = kind === "ip_connection" ? ipConnection(index, pick, rng) : credentialConnection(index, pick, rng);
    let fault;
    if (isFaulty(index)) {
      const { apply, ...described } = FAULTS[faults++ % FAULTS.length];
      apply(data);
      fault = described;
    }
    connections.push({ index, kind, name: data.connection_name, data, fault });
  }
  return connections;
}

function common(name, pick, rng) {
  return {
    connection_name: name,
    active: true,
    anchorsite_override: pick(SITES),
    dtmf_type: pick(DTMF),
    webhook_event_url: `https://hooks.example.com/telnyx/${name}`,
    webhook_api_version: pick(["1", "2"]),
    webhook_timeout_secs: uniformInt(rng, 1, 30),
  };
}

function inbound(pick, rng) {
  return {
    ani_number_format: pick(ANI_FORMATS),
    dnis_number_format: pick(DNIS_FORMATS),
    codecs: [...pick(CODEC_SETS)],
    channel_limit: uniformInt(rng, 1, 200),
    timeout_1xx_secs: uniformInt(rng, 1, 120),
    timeout_2xx_secs: uniformInt(rng, 1, 600),
  };
}

function outbound(pick, rng) {
  return {
    localization: pick(COUNTRIES),
    channel_limit: uniformInt(rng, 1, 200),
    outbound_voice_profile_id: String(uniformInt(rng, 1, 999_999_999)),
  };
}

function ipConnection(index, pick, rng) {
  const name = `trunk-${String(index).padStart(5, "0")}`;
  const connection = { record_type: "ip_connection", ...common(name, pick, rng), transport_protocol: pick(["UDP", "TCP", "TLS"]), inbound: inbound(pick, rng), outbound: outbound(pick, rng) };
  if (connection.transport_protocol !== "TLS" && uniformInt(rng, 0, 1) === 1) connection.inbound.sip_subdomain = `site-${String(index).padStart(5, "0")}`;
  return connection;
}

function credentialConnection(index, pick, rng) {
  const id = String(index).padStart(5, "0");
  return {
    record_type: "credential_connection",
    ...common(`agent-${id}`, pick, rng),
    user_name: `agent${id}`,
    // A placeholder, as connlint's no-plaintext-secret asks: the valid files must draw no warning.
    password: `\${AGENT_${id}_SIP_PASSWORD}`,
    sip_uri_calling_preference: pick(["disabled", "unrestricted", "internal"]),
    inbound: inbound(pick, rng),
    outbound: outbound(pick, rng),
  };
}

/** The file a connection is written to, relative to its corpus folder: one folder per kind, for the peers' one-schema runs. */
export function fileOf(connection, format) {
  return `${KIND_FOLDERS[connection.kind]}/${connection.name}.${format}`;
}

function serialize(data, format) {
  return format === "json" ? `${JSON.stringify(data, null, 2)}\n` : stringify(data, { lineWidth: 0 });
}

/** The folder names of one size's corpora, relative to the corpus root. */
export function corpusPaths(size) {
  return { yaml: `files-${size}-yaml`, json: `files-${size}-json`, multi: `multi-${size}.yaml` };
}

/**
 * Writes each size's corpora under `root` (files in YAML, files in JSON, one multi-document YAML
 * file) and a manifest.json naming every fault. Keeps the sizes already there when the seed and
 * the generator are unchanged.
 */
export function writeCorpus(root, { sizes = SIZES, seed = DEFAULT_SEED } = {}) {
  const stamp = { seed, generator: createHash("sha256").update(readFileSync(fileURLToPath(import.meta.url))).digest("hex") };
  const manifestPath = join(root, "manifest.json");
  let manifest = readManifest(manifestPath);
  if (JSON.stringify(manifest?.stamp) !== JSON.stringify(stamp)) {
    rmSync(root, { recursive: true, force: true });
    manifest = { stamp, corpora: {} };
  }
  const missing = sizes.filter((size) => !manifest.corpora[size]);
  if (!missing.length) return manifest;
  const all = generateConnections(Math.max(...missing), seed);
  for (const size of missing) manifest.corpora[size] = writeSize(root, all.slice(0, size));
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

function writeSize(root, connections) {
  const paths = corpusPaths(connections.length);
  for (const format of ["yaml", "json"]) {
    for (const folder of Object.values(KIND_FOLDERS)) mkdirSync(join(root, paths[format], folder), { recursive: true });
    for (const connection of connections) writeFileSync(join(root, paths[format], fileOf(connection, format)), serialize(connection.data, format));
  }
  const documents = connections.map((connection) => serialize(connection.data, "yaml"));
  writeFileSync(join(root, paths.multi), documents.join("---\n"));
  const lines = documentLines(documents);
  return {
    size: connections.length,
    paths,
    kinds: Object.fromEntries(Object.keys(KIND_FOLDERS).map((kind) => [kind, connections.filter((c) => c.kind === kind).length])),
    faults: connections
      .filter((c) => c.fault)
      .map((c) => ({ index: c.index, name: c.name, kind: c.kind, ...c.fault, files: { yaml: fileOf(c, "yaml"), json: fileOf(c, "json") }, multiLines: lines[c.index] })),
  };
}

/** The first and last line (1-based) of each document in the multi-document file, `---` lines excluded. */
function documentLines(documents) {
  let next = 1;
  return documents.map((text) => {
    const first = next;
    const count = text.split("\n").length - 1;
    next += count + 1;
    return [first, first + count - 1];
  });
}

function readManifest(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const values = parseCommandLine(
    { out: { type: "string", default: join(fileURLToPath(new URL(".", import.meta.url)), "corpus") }, seed: { type: "string" }, sizes: { type: "string" } },
    `usage: node bench/corpus.mjs [--out FOLDER] [--sizes ${SIZES.join(",")}] [--seed N]\n  writes the benchmark's corpora (bench/corpus/ by default) and their manifest of known faults`,
  );
  const sizes = values.sizes ? values.sizes.split(",").map(Number) : SIZES;
  const manifest = writeCorpus(values.out, { sizes, seed: values.seed ? Number(values.seed) : DEFAULT_SEED });
  for (const corpus of sizes.map((size) => manifest.corpora[size])) console.log(`${corpus.size} connections, ${corpus.faults.length} with a fault: ${values.out}/${corpus.paths.yaml}, ${corpus.paths.json}, ${corpus.paths.multi}`);
}
