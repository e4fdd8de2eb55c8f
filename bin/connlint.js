#!/usr/bin/env node
// connlint's command: everything is in main(); this only connects it to the process.
import { text } from "node:stream/consumers";
import { main } from "../dist/cli/main.js";

process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  readStdin: () => text(process.stdin),
});
