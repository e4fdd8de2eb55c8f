// A worker thread of a large run: it lints the chunks of files the main thread sends, and answers with what it found.
import { parentPort } from "node:worker_threads";
import { type Job, runJob } from "./job.js";

parentPort?.on("message", (jobs: Job[]) => parentPort!.postMessage(jobs.map(runJob)));
