// A problem with how connlint was called or configured: one line on stderr, exit 2.
import { ConfigError } from "../config/index.js";

export class UsageError extends Error {}

/** Runs something that reads the configuration; a broken configuration becomes a usage error. */
export async function configErrorsAsUsage<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}
