// The rule registry and its documentation: every rule listed once, sorted, proven by fixtures, documented with examples that run.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { header, withRulesTable } from "../scripts/rule-docs.js";
import { lintText } from "../src/lint.js";
import { ALL_RULES, RULES, UNIQUE_RULES } from "../src/rules/index.js";
import { expectationsOf, FIXTURES, listFixtures } from "./support/fixtures.js";
import { ROOT } from "./support/shared.js";

const DOCS = join(ROOT, "docs", "rules");
const ids = ALL_RULES.map((rule) => rule.id);
const kindsOf = new Map([...RULES, ...UNIQUE_RULES].map((rule) => [rule.id, rule.kinds]));
/** Rules whose wrong example can't be one YAML text: a file that can't be read, a baseline beside the files. */
const NOT_SHOWN_AS_YAML = new Set(["read-error", "stale-baseline"]);

describe("the rule registry", () => {
  it("lists each rule once, sorted by id", () => {
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    const ruleIds = RULES.map((rule) => rule.id);
    expect([...ruleIds].sort()).toEqual(ruleIds);
  });

  it("names a rule for every cross-field mirror the schemas carry for editors", () => {
    const editor = JSON.parse(readFileSync(join(ROOT, "spec", "editor.json"), "utf8"));
    const mirrors = JSON.stringify(editor).match(/"id":\s*"[^"]+"/g) ?? [];
    expect(mirrors.length).toBeGreaterThan(0);
    for (const mirror of mirrors) expect(RULES.map((rule) => rule.id)).toContain(JSON.parse(`{${mirror}}`).id);
  });

  it("has, for every check, a fixture in fixtures/rules/ that expects it", () => {
    const expected = new Set(listFixtures(join(FIXTURES, "rules")).flatMap((file) => expectationsOf(file).map((e) => e.ruleId)));
    for (const rule of [...RULES, ...UNIQUE_RULES]) expect(expected, rule.id).toContain(rule.id);
  });
});

describe("docs/rules/", () => {
  it("has a page for every rule and a rule for every page", () => {
    const pages = readdirSync(DOCS).filter((name) => name.endsWith(".md")).map((name) => name.slice(0, -3)).sort();
    expect(pages).toEqual([...ids].sort());
  });

  it("README's rule table is up to date (npm run build:docs)", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    expect(readme).toBe(withRulesTable(readme, ALL_RULES.map((rule) => ({ ...rule, kinds: kindsOf.get(rule.id) }))));
  });

  for (const rule of ALL_RULES) {
    describe(rule.id, () => {
      const path = join(DOCS, `${rule.id}.md`);
      const page = existsSync(path) ? readFileSync(path, "utf8") : "";

      it("has an up-to-date header and every section", () => {
        expect(page).toContain(header({ ...rule, kinds: kindsOf.get(rule.id) }));
        for (const section of ["## What it checks", "## Why it matters on Telnyx", "## Wrong", "## Right"]) expect(page).toContain(section);
      });

      if (NOT_SHOWN_AS_YAML.has(rule.id)) return;
      const wrong = examples(page, "Wrong");
      const right = examples(page, "Right");

      it("reports its wrong example", () => {
        expect(wrong.length).toBeGreaterThan(0);
        for (const example of wrong) expect(ruleIdsIn(example), example).toContain(rule.id);
      });

      it("stays silent on its right example", () => {
        expect(right.length).toBeGreaterThan(0);
        for (const example of right) expect(ruleIdsIn(example), example).not.toContain(rule.id);
      });
    });
  }
});

/** The ```yaml blocks of a page's section. */
function examples(page: string, section: string): string[] {
  const start = page.indexOf(`## ${section}`);
  if (start < 0) return [];
  const end = page.indexOf("\n## ", start + 3);
  const body = page.slice(start, end < 0 ? undefined : end);
  return [...body.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]!).filter((text) => text.trim());
}

function ruleIdsIn(text: string): string[] {
  return lintText(text, { filePath: "example.yaml" }).diagnostics.map((d) => d.ruleId);
}

it("the country list kept in src/rules is libphonenumber-js's", async () => {
  const { getCountries } = await import("libphonenumber-js/max");
  const { COUNTRIES } = await import("../src/rules/countries.js");
  expect([...COUNTRIES].sort()).toEqual([...getCountries()].sort());
});
