import { parseReleases, ReleaseListError, type Release } from '../../model/install/releases';
import { DeadlineError } from '../deadline';

/** A release list is a few hundred KB, a template under 1 MB: anything far bigger is not what was asked for. */
export const releaseListMaxBytes = 4 * 1024 * 1024;
export const templateMaxBytes = 4 * 1024 * 1024;

/** The body at `url` as text, refused past `maxBytes` (read as it arrives: a missing content-length is no way round it). */
export async function fetchText(url: string, maxBytes: number, signal: AbortSignal): Promise<string> {
  const response = await fetch(url, { signal, redirect: 'follow' });
  // A redirect must not leave https: the template is deployed with CAPABILITY_IAM.
  if (url.startsWith('https://') && !response.url.startsWith('https://')) {
    await response.body?.cancel();
    throw new ReleaseListError(
      `${safeUrl(url)} redirected to plain http (${safeUrl(response.url)}); only https is followed.`,
    );
  }
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

/** The URL without user name, password or query, which may hold secrets. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return 'the release list URL';
  }
}

/** The release list, each failure told with what to do: fix the setting or the network, or type a release. */
export async function fetchReleases(url: string, signal: AbortSignal): Promise<Release[]> {
  try {
    return parseReleases(await fetchText(url, releaseListMaxBytes, signal));
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
