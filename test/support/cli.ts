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
  stdin?: string;
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
    readStdin: async () => stdin,
  });
  return { code, stdout, stderr };
}
