// The registry of output formats, by name.
import { github } from "./github.js";
import { json } from "./json.js";
import { junit } from "./junit.js";
import { sarif } from "./sarif.js";
import { stylish } from "./stylish.js";
import type { Formatter } from "./types.js";
import { unix } from "./unix.js";

export const FORMATTERS: Record<string, Formatter> = { github, json, junit, sarif, stylish, unix };

export { githubStepSummary } from "./github.js";
export type { FileReport, FormatContext, Formatter } from "./types.js";
