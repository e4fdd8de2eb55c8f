// Telnyx sends webhooks from the Internet: a loopback, private or local host is never reached. No DNS look-ups.
import type { BlockList } from "node:net";
import { net } from "../builtins.js";
import type { Rule } from "./types.js";
import { webhookUrls } from "./webhook-urls.js";

let unreachable: BlockList | undefined;

/** Loopback, private, shared, link-local, documentation, multicast and reserved ranges; built on first use. */
function unreachableAddresses(): BlockList {
  if (unreachable) return unreachable;
  unreachable = new (net().BlockList)();
  for (const [address, prefix] of [
    ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
    ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["198.51.100.0", 24],
    ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
  ] as const) unreachable.addSubnet(address, prefix, "ipv4");
  for (const [address, prefix] of [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8], ["2001:db8::", 32]] as const) {
    unreachable.addSubnet(address, prefix, "ipv6");
  }
  return unreachable;
}

/** Names that only resolve inside a machine or a private network. */
const LOCAL_NAME = /(^|\.)(localhost|local|internal|lan|home\.arpa|intranet|corp)$/i;

export function unreachableReason(hostname: string): string | undefined {
  // An IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it is.
  const host = hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "").replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  // A parsed URL's host is a domain unless it has only digits and dots, or colons: isIP is slow on its first call.
  const version = /^[\d.]+$|:/.test(host) ? net().isIP(host) : 0;
  if (version) return unreachableAddresses().check(host, version === 4 ? "ipv4" : "ipv6") ? "a loopback, private or reserved address" : undefined;
  if (!host.includes(".") && host.toLowerCase() !== "localhost") return "a name without a domain";
  return LOCAL_NAME.test(host) ? "a name that only resolves locally" : undefined;
}

export default {
  id: "webhook-url-reachable",
  severity: "warning",
  description: "A webhook URL whose host Telnyx can't reach (localhost, private or reserved addresses, local names)",
  check: ({ connection }) =>
    webhookUrls(connection).flatMap(({ field, url }) => {
      const reason = url.protocol === "https:" || url.protocol === "http:" ? unreachableReason(url.hostname) : undefined;
      return reason ? [{ path: [field], message: `\`${field}\` points at \`${url.hostname}\`, ${reason}: Telnyx sends webhooks from the Internet and can't reach it; use a public host name` }] : [];
    }),
} satisfies Rule;
