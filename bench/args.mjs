// The benchmark scripts' command lines: --help prints the usage; a word they don't take is one line and exit 2.
import { parseArgs } from "node:util";

export function parseCommandLine(options, usage) {
  try {
    const { values } = parseArgs({ options: { ...options, help: { type: "boolean", short: "h", default: false } } });
    if (values.help) {
      console.log(usage);
      process.exit(0);
    }
    return values;
  } catch (error) {
    console.error(`${error.message}\n${usage}`);
    process.exit(2);
  }
}
