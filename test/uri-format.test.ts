// The generated validators' URI format: its quick pattern must accept only what ajv-formats' own pattern accepts.
import { createRequire } from "node:module";
import { fullFormats } from "ajv-formats/dist/formats.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const formats = createRequire(import.meta.url)("../src/schema/formats.cjs") as { uri: (text: string) => boolean; PLAIN_URI: RegExp; SCHEME: RegExp };
const fullUri = fullFormats.uri as (text: string) => boolean;

/** A part of a URI: absent, or one of the ways it is written. */
const part = (...choices: string[]) => fc.constantFrom("", ...choices);
/** What ajv-formats' pattern treats specially or refuses: escapes good and bad, brackets, spaces, non-ASCII. */
const ODD = ["%", "%zz", "%4", "%41", " ", "\u00e9", "\u212a", "\t", "`", "^", "|", "\\", "{", "}", "<", ">", '"', "[", "]", "@", ":", "/", "?", "#", "//"];
/** URIs with every part of the pattern, well written, and then perhaps one odd piece put in anywhere. */
const uriLike = fc
  .tuple(
    fc.constantFrom("https", "http", "HTTPS", "sip", "a+b.c-d", "1http", ""),
    fc.constantFrom("://", ":", "//"),
    part("user:pw@", "u%20@"),
    part("hooks.example.com", "Hooks.Example.COM", "[::1]", "[v1.x]", "192.168.0.1", "!$&'()*+,;=~-"),
    part(":8443", ":"),
    part("/", "/telnyx", "/a:b@c/d", "/%20"),
    part("?", "?a=b&c=d", "?q=/x?"),
    part("#", "#frag/x?"),
    fc.option(fc.tuple(fc.constantFrom(...ODD), fc.nat()), { freq: 2 }),
  )
  .map(([scheme, separator, user, host, port, path, query, fragment, odd]) => {
    const text = `${scheme}${separator}${user}${host}${port}${path}${query}${fragment}`;
    if (!odd) return text;
    const at = odd[1] % (text.length + 1);
    return text.slice(0, at) + odd[0] + text.slice(at);
  });
const plainUrl = fc
  .tuple(fc.constantFrom("https", "http", "HTTP"), fc.domain(), fc.option(fc.integer({ min: 1, max: 65535 })), fc.webPath(), fc.option(fc.webQueryParameters()))
  .map(([scheme, host, port, path, query]) => `${scheme}://${host}${port === null ? "" : `:${port}`}${path}${query === null ? "" : `?${query}`}`);

describe("the uri format", () => {
  it("accepts exactly what ajv-formats accepts; the quick pattern takes, and the missing scheme refuses, only what ajv-formats would", () => {
    let quick = 0;
    let schemeless = 0;
    fc.assert(
      fc.property(fc.oneof(uriLike, plainUrl, fc.string()), (text) => {
        expect(formats.uri(text)).toBe(fullUri(text));
        if (formats.PLAIN_URI.test(text)) {
          expect(fullUri(text)).toBe(true);
          quick++;
        }
        if (!formats.SCHEME.test(text)) {
          expect(fullUri(text)).toBe(false);
          schemeless++;
        }
      }),
      { seed: 20261130, numRuns: 5000 },
    );
    expect(quick).toBeGreaterThan(500);
    expect(schemeless).toBeGreaterThan(500);
  });

  it("takes the quick pattern for the webhook URLs connections are written with", () => {
    for (const url of ["https://hooks.example.com/telnyx", "https://example.com:8443/hooks/voice?tenant=acme#x", "http://10.0.0.5/cb"]) {
      expect(formats.PLAIN_URI.test(url)).toBe(true);
    }
  });
});
