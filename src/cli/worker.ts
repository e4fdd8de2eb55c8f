// A worker thread of a large run: it lints the chunks of files the main thread sends, and answers with what it found.
// dist/bundle/worker.cjs calls this in a worker thread, from the command's own bundle.
import { workerThreads } from "../builtins.js";
import { type Job, type JobResult, runChunk } from "./job.js";

export function serveJobs(): void {
  const port = workerThreads().parentPort;
  port?.on("message", (jobs: Job[]) => {
    const results: JobResult[] = [];
    runChunk(jobs.length, (index) => jobs[index]!, (result) => results.push(result));
    port.postMessage(results);
  });
}
