// The registry of output formats, by name.
import { json } from "./json.js";
import { stylish } from "./stylish.js";
import type { Formatter } from "./types.js";
import { unix } from "./unix.js";

export const FORMATTERS: Record<string, Formatter> = { json, stylish, unix };

export type { FileReport, FormatContext, Formatter } from "./types.js";
