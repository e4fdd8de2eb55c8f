// Country codes and phone numbers, through libphonenumber-js with its full metadata (loaded only when a connection needs it).
import { createRequire } from "node:module";
import { COUNTRIES } from "./countries.js";

type Library = typeof import("libphonenumber-js/max");
let library: Library | undefined;

function phoneLibrary(): Library {
  library ??= createRequire(import.meta.url)("libphonenumber-js/max") as Library;
  return library;
}

/** A two-letter code with national dialling rules: the set Telnyx's localization can use. */
export function isKnownCountry(code: string): boolean {
  return COUNTRIES.has(code);
}

/** Whether a number can be dialled from the given country (a `+` number from anywhere). */
export function isDialable(number: string, country: string): boolean {
  const parsed = phoneLibrary().parsePhoneNumberFromString(number, country as Parameters<Library["parsePhoneNumberFromString"]>[1]);
  return parsed?.isValid() ?? false;
}
