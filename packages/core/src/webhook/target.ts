/**
 * Where a webhook may be sent (SSRF). On a deployed stage: https to a public
 * address only, never loopback, link-local, private, CGNAT, the cloud's
 * metadata service or any other special range, and never an address that does
 * not resolve. The rules are checked when a subscription is saved (to refuse
 * it in words) and again at every send, on the addresses the connection then
 * uses: a name that resolved to a public address yesterday may point inside
 * today (DNS rebinding).
 */
import { lookup as resolve } from "node:dns/promises";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { URL } from "node:url";
import { settings } from "../config";
import { DomainError } from "../error";

/** Ranges no delivery may reach (IANA special-purpose registries, IPv4 and IPv6); built on first use, so a bundle that never sends carries none of it. */
let refusedRanges: BlockList | undefined;
function refusedRangesOf(): BlockList {
  if (refusedRanges) return refusedRanges;
  const list = new BlockList();
  for (const [network, prefix] of [
    ["0.0.0.0", 8], // "this network"
    ["10.0.0.0", 8], // private
    ["100.64.0.0", 10], // carrier-grade NAT
    ["127.0.0.0", 8], // loopback
    ["169.254.0.0", 16], // link-local, with the metadata service 169.254.169.254
    ["172.16.0.0", 12], // private
    ["192.0.0.0", 24], // protocol assignments
    ["192.0.2.0", 24], // documentation
    ["192.88.99.0", 24], // 6to4 relay
    ["192.168.0.0", 16], // private
    ["198.18.0.0", 15], // benchmarking
    ["198.51.100.0", 24], // documentation
    ["203.0.113.0", 24], // documentation
    ["224.0.0.0", 4], // multicast
    ["240.0.0.0", 4], // reserved, and the broadcast address
  ] as const) list.addSubnet(network, prefix, "ipv4");
  for (const [network, prefix] of [
    ["::", 128], // unspecified
    ["::1", 128], // loopback
    ["::ffff:0:0", 96], // IPv4-mapped: judged by the IPv4 address inside (below)
    ["64:ff9b::", 96], // NAT64, which reaches IPv4 addresses
    ["100::", 64], // discard
    ["2001::", 23], // IETF protocol assignments (Teredo among them)
    ["2001:db8::", 32], // documentation
    ["2002::", 16], // 6to4, which embeds an IPv4 address
    ["fc00::", 7], // unique local, with the metadata service fd00:ec2::254
    ["fe80::", 10], // link-local
    ["ff00::", 8], // multicast
  ] as const) list.addSubnet(network, prefix, "ipv6");
  return (refusedRanges = list);
}

const familyOf = (address: string) => (isIP(address) === 6 ? "ipv6" : "ipv4");
/** The loopback addresses, which only the local stack may reach. */
const isLoopback = (address: string) => (familyOf(address) === "ipv6" ? address === "::1" : address.startsWith("127."));
export const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, "");

const mappedV4 = (address: string) => /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];

/** Why an address may not be reached, or null when it may. */
export function refusal(address: string): string | null {
  const inner = mappedV4(address);
  if (inner) return refusal(inner);
  if (settings().webhooks.allowLoopback && isLoopback(address)) return null;
  return refusedRangesOf().check(address, familyOf(address)) ? `${address} is not a public address (loopback, private, link-local, metadata or reserved)` : null;
}

const refused = (url: string, why: string) =>
  new DomainError("webhook.target_refused", `Webhooks are not sent to ${url}: ${why}.`, { errors: [{ path: "url", message: `url: ${why}` }] });

/** The URL, parsed, if its form may be a receiver on this stage; refused in words otherwise. */
export function checkForm(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refused(raw, "it is not an absolute URL");
  }
  const loopbackHttp = settings().webhooks.allowLoopback && url.protocol === "http:" && isIP(hostOf(url)) > 0 && isLoopback(hostOf(url));
  if (url.protocol !== "https:" && !loopbackHttp) throw refused(raw, "only https URLs receive webhooks");
  if (url.username || url.password) throw refused(raw, "a URL must not carry a user name or password; put a token in its path or query");
  return url;
}

/** Every address `host` resolves to, each allowed; refused in words when any is not, or when none resolve. */
export async function checkAddresses(url: URL): Promise<{ address: string; family: number }[]> {
  const host = hostOf(url);
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await resolve(host, { all: true, verbatim: true }).catch(() => []);
  if (addresses.length === 0) throw refused(url.href, `${host} does not resolve to any address`);
  for (const { address } of addresses) {
    const why = refusal(address);
    if (why) throw refused(url.href, why);
  }
  return addresses;
}

/** Checks a receiver's URL as a subscription is saved: its form, and the addresses it resolves to now. */
export async function checkTarget(raw: string): Promise<string> {
  const url = checkForm(raw);
  await checkAddresses(url);
  return url.href;
}

/**
 * A DNS lookup for the sending connection that resolves once, checks every
 * address, and connects only to checked ones: nothing can change between the
 * check and the connection.
 */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  checkAddresses(new URL(`http://${isIP(hostname) === 6 ? `[${hostname}]` : hostname}`)).then(
    (addresses) => {
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    },
    (error: Error) => callback(Object.assign(error, { code: "ENOTFOUND" }), "", 0),
  );
};
