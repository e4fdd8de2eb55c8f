// The formats the generated validators check: ajv-formats' own, with a quick way through for plain URIs.
"use strict";

/**
 * `scheme://host[:port][/path][?query][#fragment]` written in plain characters: part of what ajv-formats' URI pattern
 * accepts (the same character classes, without user info, IP literals and percent escapes, which are left to it).
 * That pattern is so large that compiling it costs milliseconds in every run; a run whose URIs are plain never
 * compiles it. test/uri-format.test.ts holds the two to agree.
 */
const PLAIN_URI = /^[a-z][a-z0-9+\-.]*:\/\/[a-z0-9\-._~!$&'()*+,;=]*(?::\d*)?(?:\/[a-z0-9\-._~!$&'()*+,;=:@]*)*(?:\?[a-z0-9\-._~!$&'()*+,;=:@/?]*)?(?:#[a-z0-9\-._~!$&'()*+,;=:@/?]*)?$/i;

/**
 * How ajv-formats' URI pattern starts: a scheme and its colon. A text without one (a webhook URL written without
 * `https://`, the commonest mistake) is refused without compiling that pattern.
 */
const SCHEME = /^[a-z][a-z0-9+\-.]*:/i;

/** ajv-formats' check, loaded when a URI first needs it: its module builds dozens of patterns. */
let fullUri;

module.exports = {
  uri: (text) => PLAIN_URI.test(text) || (SCHEME.test(text) && (fullUri ??= require("ajv-formats/dist/formats").fullFormats.uri)(text)),
  PLAIN_URI,
  SCHEME,
};
