#!/usr/bin/env node
// connlint's command: everything is in main(); this only connects it to the process.
import { text } from "node:stream/consumers";
import { main } from "../dist/bundle/main.js";

// A report that can't be written is never a stack trace: a reader that left (`| head`) ends it quietly; a full disk is one line and exit 2.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code === "EPIPE") return;
    if (stream === process.stdout) process.stderr.write(`connlint: can't write the report: ${error.code ?? error.message}\n`);
    process.exitCode = 2;
  });
}

process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  readStdin: () => text(process.stdin),
});
