// The junit format: valid by the JUnit XSD (checked with the real xmllint), a testsuite per file, only errors fail.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { describeWithShared, ROOT, SHARED } from "./support/shared.js";
import { describeWithTool } from "./support/tools.js";

const XMLLINT = { command: "xmllint", versionArgs: ["--version"], debianPackage: "libxml2-utils" };
const junitOf = async (argv: string[], cwd = ROOT) => (await runCli([...argv, "-f", "junit"], { cwd })).stdout;

describeWithShared("junit", () => {
  describeWithTool("junit: the JUnit XSD, with xmllint", XMLLINT, () => {
    const dir = mkdtempSync(join(tmpdir(), "connlint-junit-"));
    const xmllint = (xml: string) => {
      const file = join(dir, `report-${Math.random().toString(36).slice(2)}.xml`);
      writeFileSync(file, xml);
      return spawnSync("xmllint", ["--noout", "--schema", join(SHARED, "reference-schemas", "junit.xsd"), file], { encoding: "utf8" });
    };
    const expectValid = (xml: string) => expect(xmllint(xml).stderr).toMatch(/ validates\n$/);

    it("accepts the report of every fixture", async () => {
      expectValid(await junitOf(["fixtures"]));
    });

    it("accepts a clean run and characters XML can't hold as they are", async () => {
      expectValid(await junitOf(["fixtures/valid"]));
      writeFileSync(join(dir, "odd.yaml"), 'record_type: ip_connection\nconnection_name: "<a> & \\"b\\" ]]>"\ntransport_protocol: "\\x01\\x1b[31m<TLS>"\n');
      const xml = await junitOf(["odd.yaml"], dir);
      expect(xml).toContain("got the string `\uFFFD\uFFFD[31m&lt;TLS&gt;`");
      expectValid(xml);
    });

    it("is a real check: a report without its hostname is refused", async () => {
      const xml = (await junitOf(["fixtures/examples"])).replace(/ hostname="[^"]*"/, "");
      expect(xmllint(xml).status).not.toBe(0);
    });
  });
});

it("junit: a testsuite per file, a testcase per problem or a passing one per clean file; only errors fail", async () => {
  const dir = mkdtempSync(join(tmpdir(), "connlint-junit-"));
  writeFileSync(join(dir, "bad.yaml"), "connection_name: mixed\ntransport_protocol: udp\n");
  writeFileSync(join(dir, "good.yaml"), "record_type: ip_connection\nconnection_name: good\n");
  const xml = await junitOf(["bad.yaml", "good.yaml"], dir);
  const suites = [...xml.matchAll(/<testsuite name="([^"]+)"[^>]* tests="(\d+)" failures="(\d+)" errors="0"/g)].map((m) => m.slice(1));
  expect(suites).toEqual([
    ["bad.yaml", "2", "1"],
    ["good.yaml", "1", "0"],
  ]);
  expect(xml).toContain('<testcase name="1:1 warning: no `record_type`: read as an IP connection because it sets `transport_protocol`; add `record_type: ip_connection` to say so [kind-inferred]" classname="bad.yaml" time="0"/>');
  expect(xml).toContain(
    '<failure message="`transport_protocol` must be one of UDP, TCP, TLS; got the string `udp` (did you mean `UDP`?)" type="invalid-value">bad.yaml:2:21: `transport_protocol` must be one of UDP, TCP, TLS; got the string `udp` (did you mean `UDP`?) [invalid-value]\nat /transport_protocol in document 0</failure>',
  );
  expect(xml).toContain('<testcase name="no problems" classname="good.yaml" time="0"/>');
  expect(xml).toMatch(/ timestamp="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d" hostname="[^"]+"/);
});
