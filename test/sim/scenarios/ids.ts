// Deterministic AWS-looking identifiers: the same scenario always gets the same ids, so tests and
// screenshots are stable.
import { createHash } from 'node:crypto';

/** Where a builder puts things: one account in one region. */
export interface Place {
  account: string;
  region: string;
}

function digest(parts: string[]): Buffer {
  return createHash('sha256').update(parts.join('\u0000')).digest();
}

export function hex(length: number, ...parts: string[]): string {
  return digest(parts).toString('hex').slice(0, length);
}

/** Upper-case letters and digits, like the suffix CloudFormation appends to physical names. */
export function physicalSuffix(length: number, ...parts: string[]): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return [...digest(parts)]
    .slice(0, length)
    .map((byte) => alphabet[byte % alphabet.length])
    .join('');
}

export function uuid(...parts: string[]): string {
  const h = hex(32, ...parts);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function digits(length: number, ...parts: string[]): string {
  return [...digest(parts)]
    .slice(0, length)
    .map((byte) => String(byte % 10))
    .join('');
}

export const stackArn = (place: Place, name: string): string =>
  `arn:aws:cloudformation:${place.region}:${place.account}:stack/${name}/${uuid(place.account, place.region, 'stack', name)}`;

export const ecsArn = (place: Place, kind: string, path: string): string =>
  `arn:aws:ecs:${place.region}:${place.account}:${kind}/${path}`;

/** An address inside `cidr` (IPv4), clear of the first four and the last, which AWS reserves. */
export function addressIn(cidr: string, ...parts: string[]): string {
  const [base, bits] = cidr.split('/');
  const start = base.split('.').reduce((total, octet) => total * 256 + Number(octet), 0);
  const size = 2 ** (32 - Number(bits));
  const offset = 4 + (digest(parts).readUInt32BE(0) % (size - 5));
  const address = start + offset;
  return [24, 16, 8, 0].map((shift) => String(Math.floor(address / 2 ** shift) % 256)).join('.');
}

export const publicIpv4 = (...parts: string[]): string => {
  const [a, b, c] = [...digest(parts)];
  return `54.${(a % 200) + 10}.${b}.${(c % 250) + 4}`;
};

export const addSeconds = (date: Date, seconds: number): Date => new Date(date.getTime() + seconds * 1000);
