/**
 * @module check-upstream-url
 * The upstream URL policy (API.md): http(s) only, no credentials in the URL, and — unless the
 * caller is an admin or LLMFB_ALLOW_PRIVATE_UPSTREAMS=true — no loopback, private, link-local or
 * otherwise non-public address, checked on IP literals and on every address a hostname resolves to.
 * A hostname that does not resolve at all is accepted (nothing private can be reached through it
 * now; the upstream call will simply fail).
 *
 * @example
 * const problem = await checkUpstreamUrl('http://127.0.0.1:11434/v1', { allowPrivate: false });
 * // 'api_url points at a loopback or private address…'
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

export interface UpstreamUrlPolicy {
  readonly allowPrivate: boolean;
  /** Resolves a hostname to its addresses (tests inject one); default: the system resolver. */
  readonly resolveHost?: (hostname: string) => Promise<readonly string[]>;
}

const nonPublic = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  nonPublic.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  nonPublic.addSubnet(network, prefix, 'ipv6');
}

/** Whether an IP address is loopback, private, link-local, unspecified, multicast or reserved. */
export function isNonPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return nonPublic.check(mapped[1], 'ipv4');
  const family = isIP(address);
  if (family === 4) return nonPublic.check(address, 'ipv4');
  if (family === 6) return nonPublic.check(address, 'ipv6');
  return true;
}

async function resolveWithSystem(hostname: string): Promise<readonly string[]> {
  const timeout = new Promise<readonly string[]>((resolve) =>
    setTimeout(() => resolve([]), 3000).unref(),
  );
  const answer = lookup(hostname, { all: true, verbatim: true })
    .then((records) => records.map((record) => record.address))
    .catch(() => [] as string[]);
  return Promise.race([answer, timeout]);
}

/** A problem description for the `api_url` field, or undefined when the URL is acceptable. */
export async function checkUpstreamUrl(
  url: string,
  policy: UpstreamUrlPolicy,
): Promise<string | undefined> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'api_url is not a valid URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return 'api_url must use http or https';
  if (parsed.username || parsed.password) return 'api_url must not contain credentials';
  if (parsed.search || parsed.hash) return 'api_url must not have a query string or fragment';
  if (policy.allowPrivate) return undefined;
  const hostname = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const refusal =
    'api_url points at a loopback, private or link-local address; only admins may use such URLs (or set LLMFB_ALLOW_PRIVATE_UPSTREAMS=true)';
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return refusal;
  if (isIP(hostname)) return isNonPublicAddress(hostname) ? refusal : undefined;
  const addresses = await (policy.resolveHost ?? resolveWithSystem)(hostname);
  return addresses.some(isNonPublicAddress) ? refusal : undefined;
}
