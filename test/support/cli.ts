// Runs connlint's main() in-process with a fake terminal, as the CLI tests need it.
import { main } from "../../src/cli/main.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliSetup {
  cwd: string;
  env?: Record<string, string | undefined>;
  /** Text is given as UTF-8 bytes, as a terminal or a pipe gives it. */
  stdin?: string | Uint8Array;
  isTTY?: boolean;
}

export async function runCli(argv: string[], { cwd, env = {}, stdin = "", isTTY = false }: CliSetup): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    cwd,
    env,
    stdout: { write: (text: string) => (stdout += text), isTTY },
    stderr: { write: (text: string) => (stderr += text), isTTY },
    stdin: async function* () {
      yield typeof stdin === "string" ? Buffer.from(stdin, "utf8") : stdin;
    },
  });
  return { code, stdout, stderr };
}
