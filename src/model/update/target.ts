import type { Release } from '../install/releases';

/** The releases after the current one, in list (publication) order; all of them when the current one is not listed. */
function laterReleases(releases: readonly Release[], current: string | undefined): Release[] {
  // An undefined current version matches no release: every one is later.
  const at = releases.findIndex((release) => release.version === current);
  return releases.slice(at + 1).filter((release) => release.published);
}

/**
 * The release `convox rack update` moves to when none is given (§6, the CLI's `Versions.Next`): the first release
 * after the current one in list order that is published and required, else the newest published one after it; the
 * current one when nothing is newer. The CLI refuses a current version missing from the list; here the newest
 * published release is proposed and the person chooses.
 */
export function targetRelease(releases: readonly Release[], current: string | undefined): string | undefined {
  const later = laterReleases(releases, current);
  return (later.find((release) => release.required) ?? later.at(-1))?.version ?? current;
}

/** The releases the picker offers: published ones after the current one, newest first. */
export function updateChoices(releases: readonly Release[], current: string | undefined): Release[] {
  return laterReleases(releases, current).reverse();
}
