// The live API as a user meets it: the official example bodies, the new fields, the removed field and its fix, FQDN connections, updates.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { apiBody, KINDS } from "../scripts/schema-builder.js";
import { readSources } from "../scripts/sources.js";
import { ConfigResolver } from "../src/config/index.js";
import { fixText } from "../src/fix/index.js";
import { type Operation, OPERATIONS, schemaDeclaration } from "../src/kind.js";
import { lintText } from "../src/lint.js";
import { FIXTURES } from "./support/fixtures.js";
import { ROOT } from "./support/shared.js";

const { openapi } = readSources(ROOT);
const SHORT = { ip_connection: "ip", credential_connection: "credential", fqdn_connection: "fqdn" } as const;

/** The rule ids and pointers a text yields, as `RULE POINTER` lines. */
function problems(text: string, filePath = "connection.yaml", overrideOperation?: Operation): string[] {
  return lintText(text, { filePath, ...(overrideOperation ? { overrideOperation } : {}) }).diagnostics.map((d) => `${d.ruleId} ${d.pointer}`);
}

describe("the official example bodies (fixtures/spec-samples/openapi-*.json)", () => {
  for (const kind of KINDS) {
    for (const operation of OPERATIONS) {
      it(`openapi-${SHORT[kind]}-${operation}.json is the ${kind} ${operation} example as published, declared as one`, () => {
        const { $schema, ...body } = JSON.parse(readFileSync(join(FIXTURES, "spec-samples", `openapi-${SHORT[kind]}-${operation}.json`), "utf8"));
        expect(body).toEqual(apiBody(openapi, kind, operation).example);
        expect(schemaDeclaration($schema)).toEqual({ kind, operation });
      });
    }
  }
});

describe("a connection that uses the live API's new fields", () => {
  it("lints clean, on every kind", () => {
    const common = "tags: [office, eu]\ncall_cost_in_webhooks: true\njitter_buffer:\n  enable_jitter_buffer: true\n  jitterbuffer_msec_min: 40\n  jitterbuffer_msec_max: 400\nnoise_suppression: outbound\nnoise_suppression_details:\n  engine: quail_voice_focus\n  attenuation_limit: 100\n";
    expect(problems(`record_type: ip_connection\nconnection_name: new-ip\n${common}`)).toEqual([]);
    expect(problems(`record_type: credential_connection\nconnection_name: new-cred\nuser_name: newcred01\npassword: \${NEW_CRED_PASSWORD}\n${common}inbound:\n  simultaneous_ringing: enabled\n  default_routing_method: round-robin\noutbound:\n  call_parking_enabled: null\n`)).toEqual([]);
    expect(problems(`record_type: fqdn_connection\nconnection_name: new-sbc\nmicrosoft_teams_sbc: true\n${common}outbound:\n  ip_authentication_method: ip-authentication\n  timeout_1xx_secs: 10\n`)).toEqual([]);
  });

  it("holds them to their bounds, steps and lists", () => {
    const text = "record_type: ip_connection\nconnection_name: bad-new\ntags: office\njitter_buffer:\n  jitterbuffer_msec_max: 401\nnoise_suppression: always\nnoise_suppression_details:\n  engine: krisp\n  attenuation_limit: 55\n";
    expect(problems(text)).toEqual([
      "invalid-value /tags",
      "jitter-buffer-settings-need-enable /jitter_buffer/enable_jitter_buffer",
      "invalid-value /jitter_buffer/jitterbuffer_msec_max",
      "invalid-value /noise_suppression",
      "invalid-value /noise_suppression_details/engine",
      "invalid-value /noise_suppression_details/attenuation_limit",
    ]);
  });
});

describe("inbound.privacy_zone_enabled, removed in January 2025", () => {
  const removed = (text: string, filePath = "connection.yaml") => lintText(text, { filePath }).diagnostics.filter((d) => d.ruleId === "removed-field");

  it("is a warning that says when, not an unknown key", () => {
    const [diagnostic, ...others] = removed("record_type: ip_connection\nconnection_name: pz\ninbound:\n  prack_enabled: true\n  privacy_zone_enabled: true\n");
    expect(others).toEqual([]);
    expect(diagnostic).toMatchObject({ severity: "warning", pointer: "/inbound/privacy_zone_enabled", line: 5, column: 3 });
    expect(diagnostic!.message).toContain("removed from the API in January 2025");
  });

  it("is deleted by --fix where the deletion is clean, keeping comments, in YAML and JSON", () => {
    const yaml = "record_type: ip_connection\nconnection_name: pz\ninbound:\n  # keep me\n  privacy_zone_enabled: true # and me? no: this line goes\n  prack_enabled: true\n";
    expect(fixText(yaml, { filePath: "pz.yaml" }).output).toBe("record_type: ip_connection\nconnection_name: pz\ninbound:\n  # keep me\n  prack_enabled: true\n");
    const json = '{\n  "record_type": "ip_connection",\n  "connection_name": "pz",\n  "inbound": {\n    "prack_enabled": true,\n    "privacy_zone_enabled": true\n  }\n}\n';
    expect(fixText(json, { filePath: "pz.json" }).output).toBe('{\n  "record_type": "ip_connection",\n  "connection_name": "pz",\n  "inbound": {\n    "prack_enabled": true\n  }\n}\n');
    const alias = "record_type: ip_connection\nconnection_name: pz\ninbound:\n  prack_enabled: &on true\n  privacy_zone_enabled: *on\n";
    expect(fixText(alias, { filePath: "pz.yaml" }).output).toBe("record_type: ip_connection\nconnection_name: pz\ninbound:\n  prack_enabled: &on true\n");
    const empty = "record_type: ip_connection\nconnection_name: pz\ninbound:\n  privacy_zone_enabled:\n  prack_enabled: true\n";
    expect(fixText(empty, { filePath: "pz.yaml" }).output).toBe("record_type: ip_connection\nconnection_name: pz\ninbound:\n  prack_enabled: true\n");
    const crlf = "record_type: ip_connection\r\nconnection_name: pz\r\ninbound:\r\n  privacy_zone_enabled: true\r\n  prack_enabled: true\r\n";
    expect(fixText(crlf, { filePath: "pz.yaml" }).output).toBe("record_type: ip_connection\r\nconnection_name: pz\r\ninbound:\r\n  prack_enabled: true\r\n");
  });

  it("is only a suggestion where the deletion would take more than the entry", () => {
    const cases = {
      "the last key of a block mapping": "record_type: ip_connection\nconnection_name: pz\ninbound:\n  privacy_zone_enabled: true\n",
      "a comment inside the flow mapping": "record_type: ip_connection\nconnection_name: pz\ninbound: {\n  prack_enabled: true,   # PRACK on\n  privacy_zone_enabled: true\n}\n",
      "a value an alias reuses": "record_type: ip_connection\nconnection_name: pz\ninbound:\n  privacy_zone_enabled: &on true\n  prack_enabled: *on\n",
    };
    for (const [why, text] of Object.entries(cases)) {
      const [diagnostic] = removed(text);
      expect(diagnostic?.fix, why).toBeUndefined();
      expect(diagnostic?.suggestions?.[0]?.desc, why).toBe("Delete inbound.privacy_zone_enabled");
      expect(fixText(text, { filePath: "pz.yaml" }).output, why).toBe(text);
    }
  });

  it("has no edit where it comes through a merge key: deleting it from the anchor would change every connection that merges it", () => {
    const text = "record_type: ip_connection\nconnection_name: pz\ninbound:\n  <<: {prack_enabled: true, privacy_zone_enabled: true}\n  sip_region: US\n";
    const [diagnostic] = removed(text);
    expect(diagnostic).toMatchObject({ pointer: "/inbound/privacy_zone_enabled", line: 4, column: 3 });
    expect(diagnostic!.fix).toBeUndefined();
    expect(diagnostic!.suggestions).toBeUndefined();
  });
});

describe("update (PATCH) bodies", () => {
  const update = "record_type: credential_connection\ninbound:\n  channel_limit: 4\n";

  it("need nothing, and keep rules from reasoning about fields they leave out", () => {
    expect(problems(update, "u.yaml")).toEqual(["missing-field /connection_name", "missing-field /password", "missing-field /user_name"]);
    expect(problems(update, "u.yaml", "update")).toEqual([]);
    expect(problems("record_type: ip_connection\ninbound:\n  isup_headers_enabled: true\n", "u.yaml", "update")).toEqual([]);
    expect(problems("record_type: ip_connection\ntransport_protocol: UDP\ninbound:\n  isup_headers_enabled: true\n", "u.yaml", "update")).toEqual(["isup-needs-tcp-or-tls /inbound/isup_headers_enabled"]);
  });

  it("are declared by a $schema or modeline naming an update schema, which wins over the configuration", () => {
    const body = "inbound:\n  default_primary_ip_id: \"1293384261075731497\"\n";
    expect(problems(`$schema: ./node_modules/connlint/schemas/ip-connection-update.schema.json\n${body}`)).toEqual([]);
    expect(problems(`# yaml-language-server: $schema=../schemas/ip-connection-update.schema.json\n${body}`)).toEqual([]);
    expect(problems(`$schema: ../schemas/ip-connection.schema.json\n${body}`, "c.yaml", "update")).toEqual(["unknown-key /inbound/default_primary_ip_id"]);
    expect(problems(`record_type: ip_connection\n${body}`, "c.yaml", "update")).toEqual([]);
  });

  it("are declared for a folder by the configuration's overrides", async () => {
    const repo = mkdtempSync(join(tmpdir(), "connlint-update-"));
    mkdirSync(join(repo, ".git"));
    writeFileSync(join(repo, ".connlintrc.yaml"), "overrides:\n  - files: [\"patches/**\"]\n    operation: update\n");
    const resolver = new ConfigResolver({ cwd: repo });
    expect((await resolver.forFile(join(repo, "patches", "hq.yaml"))).operation).toBe("update");
    expect((await resolver.forFile(join(repo, "connections", "hq.yaml"))).operation).toBeUndefined();
  });
});
