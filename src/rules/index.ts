// The registry: every rule connlint has, sorted by id (a test checks the order, the fixtures and the docs).
import aniOverrideTypeNeedsAniOverride from "./ani-override-type-needs-ani-override.js";
import codecsNeedTcpOrTls from "./codecs-need-tcp-or-tls.js";
import dialableAniOverride from "./dialable-ani-override.js";
import ipAuthTokenRequired from "./ip-auth-token-required.js";
import ipAuthTokenUnused from "./ip-auth-token-unused.js";
import isupNeedsTcpOrTls from "./isup-needs-tcp-or-tls.js";
import jitterBufferMinNotAboveMax from "./jitter-buffer-min-not-above-max.js";
import jitterBufferSettingsNeedEnable from "./jitter-buffer-settings-need-enable.js";
import knownCodecs from "./known-codecs.js";
import localizationCountry from "./localization-country.js";
import noCredentialsInUrl from "./no-credentials-in-url.js";
import noDuplicateCodecs from "./no-duplicate-codecs.js";
import noDuplicateFailoverUrl from "./no-duplicate-failover-url.js";
import noiseSuppressionDetailsNeedSuppression from "./noise-suppression-details-need-suppression.js";
import noPlaintextSecret from "./no-plaintext-secret.js";
import noSrtpWithTls from "./no-srtp-with-tls.js";
import noTlsWithSipSubdomain from "./no-tls-with-sip-subdomain.js";
import subdomainSettingsNeedSubdomain from "./subdomain-settings-need-subdomain.js";
import t38NeedsVoiceProfile from "./t38-needs-voice-profile.js";
import techPrefixRequired from "./tech-prefix-required.js";
import texmlNeedsCallParking from "./texml-needs-call-parking.js";
import webhookSettingsNeedUrl from "./webhook-settings-need-url.js";
import webhookUrlHttps from "./webhook-url-https.js";
import webhookUrlReachable from "./webhook-url-reachable.js";
import webhookUrlScheme from "./webhook-url-scheme.js";
import yaml11Portability from "./yaml-1-1-portability.js";
import { BUILTIN_RULES } from "./builtin.js";
import type { Rule, RuleMeta } from "./types.js";
import { UNIQUE_RULES } from "./unique.js";

/** Checks over one connection, one module each. */
export const RULES: readonly Rule[] = [
  aniOverrideTypeNeedsAniOverride,
  codecsNeedTcpOrTls,
  dialableAniOverride,
  ipAuthTokenRequired,
  ipAuthTokenUnused,
  isupNeedsTcpOrTls,
  jitterBufferMinNotAboveMax,
  jitterBufferSettingsNeedEnable,
  knownCodecs,
  localizationCountry,
  noCredentialsInUrl,
  noDuplicateCodecs,
  noDuplicateFailoverUrl,
  noPlaintextSecret,
  noSrtpWithTls,
  noTlsWithSipSubdomain,
  noiseSuppressionDetailsNeedSuppression,
  subdomainSettingsNeedSubdomain,
  t38NeedsVoiceProfile,
  techPrefixRequired,
  texmlNeedsCallParking,
  webhookSettingsNeedUrl,
  webhookUrlHttps,
  webhookUrlReachable,
  webhookUrlScheme,
  yaml11Portability,
];

export { UNIQUE_RULES };

export const ALL_RULES: readonly RuleMeta[] = [...BUILTIN_RULES, ...RULES, ...UNIQUE_RULES].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

const BY_ID = new Map(ALL_RULES.map((rule) => [rule.id, rule]));

export function ruleMeta(id: string): RuleMeta | undefined {
  return BY_ID.get(id);
}
