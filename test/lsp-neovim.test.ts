// The README's Neovim configuration, run in a headless Neovim against the real server: the diagnostics Neovim shows are the CLI's.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { ROOT } from "./support/shared.js";

const readme = readFileSync(join(ROOT, "README.md"), "utf8");
/** The README's `vim.lsp.start` configuration. */
const SNIPPET = /\n### Neovim\n[\s\S]*?```lua\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";

/**
 * Neovim 0.7 (Debian 12's) has vim.lsp.start_client but not vim.lsp.start (0.8): this does what
 * vim.lsp.start does for the README's call, one client per name and root, attached to the current buffer.
 */
const START_ON_0_7 = `
if not vim.lsp.start then
  local started = {}
  vim.lsp.start = function(config)
    local key = config.name .. "\\0" .. config.root_dir
    started[key] = started[key] or vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(0, started[key])
    return started[key]
  end
end
`;

/** Opens the file, waits for diagnostics, writes them as JSON, stops the clients and quits, whatever happens. */
const DRIVER = `
local out = vim.env.CONNLINT_NVIM_OUT
local ok, problem = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(vim.env.CONNLINT_NVIM_FILE))
  local buffer = vim.api.nvim_get_current_buf()
  vim.wait(30000, function() return #vim.diagnostic.get(buffer) > 0 end, 50)
  local shown = {}
  for _, d in ipairs(vim.diagnostic.get(buffer)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(shown, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, severity = d.severity, message = d.message, source = d.source, code = d.code or lsp.code })
  end
  vim.fn.writefile({ vim.fn.json_encode({ filetype = vim.bo.filetype, clients = #vim.lsp.get_active_clients(), diagnostics = shown }) }, out)
end)
if not ok then vim.fn.writefile({ vim.fn.json_encode({ error = tostring(problem) }) }, out) end
for _, client in ipairs(vim.lsp.get_active_clients()) do client.stop() end
vim.wait(5000, function() return #vim.lsp.get_active_clients() == 0 end, 50)
vim.cmd("qa!")
`;

const BAD = `record_type: ip_connection
connection_name: "bureau-é-😀"
transport_protocol: udp
inbound: { ani_number_format: "😀", dns_number_format: +e164 }
`;

interface Shown {
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  severity: number;
  message: string;
  source: string;
  code: string;
}

function nvimVersion(): string | undefined {
  const run = spawnSync("nvim", ["--version"], { encoding: "utf8" });
  return run.status === 0 ? run.stdout.split("\n")[0] : undefined;
}

/** Like describe(), for tests that need Neovim: skipped with the package to install, failing under CI. */
function describeWithNeovim(name: string, body: () => void): void {
  const version = nvimVersion();
  if (version) {
    console.log(`${name}: ${version}`);
    describe(name, body);
  } else if (process.env.CI === "true") {
    describe(name, () => it("needs Neovim", () => expect.fail("nvim is not installed; CI must install the Debian package neovim")));
  } else {
    console.warn(`skipping "${name}": nvim is not installed (Debian package neovim: apt-get install neovim)`);
    describe.skip(name, body);
  }
}

/** A 1-based UTF-16 column of a line as Neovim counts columns: 0-based, in bytes. */
function byteColumn(line: string, column: number): number {
  return Buffer.byteLength(line.slice(0, column - 1), "utf8");
}

describeWithNeovim("Neovim with the README's configuration", () => {
  const workspace = mkdtempSync(join(tmpdir(), "connlint-nvim-"));
  afterAll(() => rmSync(workspace, { recursive: true, force: true }));

  it("starts connlint lsp --stdio on a YAML file and shows the CLI's diagnostics, at the CLI's places", async () => {
    expect(SNIPPET).toContain("vim.lsp.start(");
    // A project with connlint installed, as npm installs it: the package and its command in node_modules/.bin.
    mkdirSync(join(workspace, "node_modules", ".bin"), { recursive: true });
    symlinkSync(ROOT, join(workspace, "node_modules", "connlint"), "dir");
    symlinkSync(join("..", "connlint", "bin", "connlint.cjs"), join(workspace, "node_modules", ".bin", "connlint"));
    mkdirSync(join(workspace, "connections"));
    const file = join(workspace, "connections", "office.yaml");
    writeFileSync(file, BAD);
    const script = join(workspace, "check.lua");
    writeFileSync(script, `${START_ON_0_7}\n${SNIPPET}\n${DRIVER}`);
    const out = join(workspace, "diagnostics.json");

    const run = spawnSync("nvim", ["--headless", "--clean", "-c", `luafile ${script}`], {
      cwd: workspace,
      env: { ...process.env, CONNLINT_NVIM_FILE: file, CONNLINT_NVIM_OUT: out },
      encoding: "utf8",
      timeout: 60_000,
      killSignal: "SIGKILL",
    });
    expect(run.error, `nvim did not finish: ${run.stderr}`).toBeUndefined();
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(readFileSync(out, "utf8")) as { error?: string; filetype: string; clients: number; diagnostics: Shown[] };
    expect(result.error).toBeUndefined();
    expect(result).toMatchObject({ filetype: "yaml", clients: 1 });

    const cli = await runCli(["connections/office.yaml", "--format", "json"], { cwd: workspace });
    const lines = BAD.split("\n");
    const expected = (JSON.parse(cli.stdout) as { messages: { ruleId: string; severity: number; message: string; line: number; column: number; endLine: number; endColumn: number }[] }[])[0]!.messages.map((m) => ({
      lnum: m.line - 1,
      col: byteColumn(lines[m.line - 1]!, m.column),
      end_lnum: m.endLine - 1,
      end_col: byteColumn(lines[m.endLine - 1]!, m.endColumn),
      severity: { 2: 1, 1: 2, 0: 3 }[m.severity],
      message: m.message,
      source: "connlint",
      code: m.ruleId,
    }));
    expect(expected.map((d) => d.code)).toEqual(["invalid-value", "invalid-value", "unknown-key"]);
    const order = (a: Pick<Shown, "lnum" | "col">, b: Pick<Shown, "lnum" | "col">) => a.lnum - b.lnum || a.col - b.col;
    expect(result.diagnostics.sort(order)).toEqual(expected.sort(order));
  });
});
