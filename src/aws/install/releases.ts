import { parseReleases, ReleaseListError } from '../../model/install/releases';
import type { ListValidators, ReleaseListRead } from '../../model/store/ports';
import { usableValidator } from '../../model/store/releaseListReads';
import { DeadlineError } from '../deadline';

/** A release list is a few hundred KB, a template under 1 MB: anything far bigger is not what was asked for. */
export const releaseListMaxBytes = 4 * 1024 * 1024;
export const templateMaxBytes = 4 * 1024 * 1024;

/** The body at `url` as text, refused past `maxBytes` (read as it arrives: a missing content-length is no way round it). */
export async function fetchText(url: string, maxBytes: number, signal: AbortSignal): Promise<string> {
  return bodyWithin(await request(url, signal, {}), url, maxBytes);
}

/** The answer at `url`, redirects followed only while they stay on https. */
async function request(url: string, signal: AbortSignal, headers: Record<string, string>): Promise<Response> {
  const response = await fetch(url, { signal, redirect: 'follow', headers });
  // A redirect must not leave https: the template is deployed with CAPABILITY_IAM.
  if (url.startsWith('https://') && !response.url.startsWith('https://')) {
    await response.body?.cancel();
    throw new ReleaseListError(
      `${safeUrl(url)} redirected to plain http (${safeUrl(response.url)}); only https is followed.`,
    );
  }
  return response;
}

/** A successful answer's body as text, refused past `maxBytes`. */
async function bodyWithin(response: Response, url: string, maxBytes: number): Promise<string> {
  if (!response.ok) throw new ReleaseListError(`${safeUrl(url)} answered HTTP ${response.status}.`);
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes)
    throw new ReleaseListError(`${safeUrl(url)} is ${declared} bytes, more than a release list or template can be.`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read()) {
    size += chunk.value.byteLength;
    if (size > maxBytes) {
      await reader?.cancel();
      throw new ReleaseListError(
        `${safeUrl(url)} sent more than ${maxBytes} bytes, more than a release list or template can be.`,
      );
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The request headers that ask for the list only if it changed since the read `known` came from. */
function conditionalHeaders(known: ListValidators | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (known?.etag) headers['if-none-match'] = known.etag;
  if (known?.lastModified) headers['if-modified-since'] = known.lastModified;
  return headers;
}

function validatorsOf(headers: Headers): ListValidators {
  const etag = usableValidator(headers.get('etag'));
  const lastModified = usableValidator(headers.get('last-modified'));
  return { ...(etag === undefined ? {} : { etag }), ...(lastModified === undefined ? {} : { lastModified }) };
}

/** The URL without user name, password or query, which may hold secrets. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return 'the release list URL';
  }
}

/**
 * The release list, asked for only if it changed since `known` when given (a 304 answers `unchanged`); each
 * failure told with what to do: fix the setting or the network, or type a release.
 */
export async function fetchReleases(
  url: string,
  signal: AbortSignal,
  known?: ListValidators,
): Promise<ReleaseListRead> {
  try {
    const headers = conditionalHeaders(known);
    const response = await request(url, signal, headers);
    // 304 Not Modified answers only a conditional request; to a plain one it is an error like any other.
    if (response.status === 304 && Object.keys(headers).length > 0) {
      await response.body?.cancel();
      return { kind: 'unchanged' };
    }
    const releases = parseReleases(await bodyWithin(response, url, releaseListMaxBytes));
    return { kind: 'changed', releases, validators: validatorsOf(response.headers) };
  } catch (error) {
    const next = 'Check your network and the setting convox.releasesUrl, or type a release name.';
    if (error instanceof ReleaseListError)
      throw new ReleaseListError(`Could not read the release list: ${error.message} ${next}`);
    if (signal.aborted && signal.reason instanceof DeadlineError) throw signal.reason;
    const cause =
      error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    throw new ReleaseListError(`Could not fetch the release list from ${safeUrl(url)} (${cause}). ${next}`);
  }
}
