// Opaque page tokens. A token remembers which listing it belongs to, so one passed to another listing is
// refused, as AWS does.
import type { ApiError } from '../errors';
import type { PagingFault } from './service';

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

let endlessTokens = 0;

function tokenFor(listing: string, offset: number, nonce?: number): string {
  return Buffer.from(JSON.stringify(nonce === undefined ? [listing, offset] : [listing, offset, nonce])).toString(
    'base64',
  );
}

/**
 * One page of `items` after `token`. A paging fault breaks the listing as a faulty endpoint would: the same
 * token back again (`repeatingToken`), or always one more page, each with a token never seen before
 * (`endlessToken`).
 */
export function paginate<T>(
  items: T[],
  pageSize: number,
  token: string | undefined,
  listing: string,
  invalidToken: () => ApiError,
  fault?: PagingFault,
): Page<T> {
  const start = token === undefined ? 0 : readToken(token, listing, items.length, invalidToken);
  const end = start + pageSize;
  const page = items.slice(start, end);
  if (fault === 'repeatingToken') return { items: page, nextToken: token ?? tokenFor(listing, 0) };
  if (fault === 'endlessToken')
    return { items: page, nextToken: tokenFor(listing, Math.min(end, items.length), (endlessTokens += 1)) };
  return { items: page, nextToken: end < items.length ? tokenFor(listing, end) : undefined };
}

function readToken(token: string, listing: string, total: number, invalidToken: () => ApiError): number {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
  } catch {
    throw invalidToken();
  }
  if (!Array.isArray(decoded) || decoded[0] !== listing) throw invalidToken();
  const offset: unknown = decoded[1];
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0 || offset > total) throw invalidToken();
  return offset;
}
