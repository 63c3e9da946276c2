import { ModelError } from '../errorMessage';

/** One entry of the Convox release list (versions.json). */
export interface Release {
  version: string;
  description: string;
  published: boolean;
  required: boolean;
}

export class ReleaseListError extends ModelError {
  static override readonly errorName = 'ReleaseListError';
}

/** The public release list; the `convox.releasesUrl` setting replaces it. */
export const defaultReleasesUrl = 'https://convox.s3.amazonaws.com/release/versions.json';

/**
 * The host of a release list other than Convox's own, to show where templates come from (without any user:password
 * part); undefined for Convox's own list.
 */
export function mirrorHost(releasesUrl: string): string | undefined {
  if (releasesUrl === defaultReleasesUrl) return undefined;
  const authority = /^[a-z]+:\/\/([^/?#\s]*)/i.exec(releasesUrl)?.[1] ?? releasesUrl;
  return authority.slice(authority.lastIndexOf('@') + 1);
}

/** A release's template, beside the release list: `<base>/<version>/rack.json`. */
export function templateUrl(releasesUrl: string, version: string): string {
  const base = releasesUrl.slice(0, releasesUrl.lastIndexOf('/'));
  return `${base}/${encodeURIComponent(version)}/rack.json`;
}

/** A release name as the CLI publishes them: 14 digits (yyyymmddhhmmss), or a typed one of letters, digits, `.`, `-`, `_`. */
export function versionProblem(version: string): string | undefined {
  if (version === '') return 'Type a release, e.g. 20250101120000.';
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(version))
    return 'A release name has letters, digits, ".", "-" and "_" only, e.g. 20250101120000.';
  return undefined;
}

/**
 * The release list in the order it was published (oldest first). Anything but an array of objects with a string
 * `version` is refused with what was wrong, so the picker can say so and let the user type a release.
 */
export function parseReleases(text: string): Release[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ReleaseListError('The release list is not JSON.');
  }
  if (!Array.isArray(raw)) throw new ReleaseListError('The release list is not a JSON array of releases.');
  return raw.map((entry: unknown, index) => {
    if (typeof entry !== 'object' || entry === null)
      throw new ReleaseListError(`Release ${index + 1} of the list is not an object.`);
    const record = entry as Record<string, unknown>;
    if (typeof record.version !== 'string' || versionProblem(record.version) !== undefined) {
      throw new ReleaseListError(`Release ${index + 1} of the list has no valid "version".`);
    }
    return {
      version: record.version,
      description: typeof record.description === 'string' ? record.description : '',
      published: record.published === true,
      required: record.required === true,
    };
  });
}

/**
 * What to offer: published releases, latest first. "Latest" is the last published one in list order, which is
 * publication order: the list is never sorted by name.
 */
export function installableReleases(releases: readonly Release[]): Release[] {
  return releases.filter((release) => release.published).reverse();
}

export function latestRelease(releases: readonly Release[]): Release | undefined {
  return installableReleases(releases)[0];
}
