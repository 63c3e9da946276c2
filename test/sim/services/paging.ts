// Opaque page tokens. A token remembers which listing it belongs to, so one passed to another listing is
// refused, as AWS does.
import type { ApiError } from '../errors';

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export function paginate<T>(
  items: T[],
  pageSize: number,
  token: string | undefined,
  listing: string,
  invalidToken: () => ApiError,
): Page<T> {
  const start = token === undefined ? 0 : readToken(token, listing, items.length, invalidToken);
  const end = start + pageSize;
  return {
    items: items.slice(start, end),
    nextToken: end < items.length ? Buffer.from(JSON.stringify([listing, end])).toString('base64') : undefined,
  };
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
