// What the command line talks to (the process, faked in tests), its exit codes and its usage error.
import { ConfigError } from "../config/index.js";

export interface Io {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  /** Standard input, as it comes: connlint stops reading once it has more than --max-file-size allows. */
  stdin(): AsyncIterable<Uint8Array>;
}

export const EXIT = { ok: 0, problems: 1, failure: 2 } as const;

/** A problem with how connlint was called or configured: one line on stderr, exit 2. */
export class UsageError extends Error {}

/** True in CI services, which set CI (GitHub Actions, GitLab CI and most others). */
export function inCi(env: Io["env"]): boolean {
  const value = env.CI?.toLowerCase();
  return value !== undefined && value !== "" && value !== "0" && value !== "false";
}

/** Runs something that reads the configuration; a broken configuration becomes a usage error. */
export async function configErrorsAsUsage<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}
