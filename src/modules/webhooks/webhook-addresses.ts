import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { ValidationFailedError } from '../../common/errors/app-error.js';

/** Addresses a webhook may not reach unless WEBHOOK_ALLOW_PRIVATE_NETWORKS: this host, private networks, link-local (cloud metadata), and the like. */
const REFUSED = new BlockList();
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
  REFUSED.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  REFUSED.addSubnet(network, prefix, 'ipv6');
}

/** Whether `address` is one a webhook may not reach (an IPv4-mapped IPv6 address counts as its IPv4 one). */
export function isRefusedAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return REFUSED.check(mapped, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return REFUSED.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export class RefusedAddressError extends Error {
  override readonly name = 'RefusedAddressError';
}

/**
 * A DNS lookup for http.request that refuses private addresses: used for the connection itself, so
 * the address checked is the address connected to (a name that resolves elsewhere on a second
 * lookup cannot slip through).
 */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: object, callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const list = addresses as LookupAddress[];
      const refused = allowPrivate ? undefined : list.find(({ address }) => isRefusedAddress(address));
      if (refused) return callback(new RefusedAddressError(`${hostname} resolves to ${refused.address}, a private, loopback or link-local address`), []);
      if ((options as { all?: boolean }).all) return callback(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}

/** The URL a webhook may be created with, or a 400 naming `url` and why. */
export async function checkWebhookUrl(raw: string, policy: { allowPrivateNetworks: boolean; httpsOnly: boolean }): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw ValidationFailedError.field('url', 'must be an absolute http(s) URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw ValidationFailedError.field('url', 'must be an http or https URL');
  if (policy.httpsOnly && url.protocol !== 'https:') throw ValidationFailedError.field('url', 'must be an https URL');
  if (url.username || url.password) throw ValidationFailedError.field('url', 'must not carry credentials: the signature authenticates deliveries');
  if (policy.allowPrivateNetworks) return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host)
    ? [host]
    : await new Promise<string[]>((resolve) =>
        dnsLookup(host, { all: true }, (error, found) => resolve(error ? [] : (found as LookupAddress[]).map(({ address }) => address))),
      );
  if (addresses.length === 0) throw ValidationFailedError.field('url', `its host ${host} does not resolve`);
  const refused = addresses.find(isRefusedAddress);
  if (refused) throw ValidationFailedError.field('url', `resolves to ${refused}, a private, loopback or link-local address`);
  return url;
}
