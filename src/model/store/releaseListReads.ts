import { messageOf } from '../errorMessage';
import { ReleaseListError, versionProblem, type Release } from '../install/releases';
import type { ListValidators, ReleaseCatalog } from './ports';

/** A list read (or confirmed unchanged) this recently is used as it is: the list is read at most once a day. */
export const releaseListMaxAgeMs = 24 * 60 * 60 * 1000;
/** After a failed read, the rows wait this long before trying again; Install and Update try again at once. */
export const releaseListRetryMs = 60 * 60 * 1000;

/** The release list as last read, with what the next read sends to get only a changed one. */
export interface KeptReleaseList {
  url: string;
  releases: Release[];
  validators: ListValidators;
  /** When it was last read or confirmed unchanged, in ms since the epoch on the store's clock. */
  checkedAt: number;
}

/** Where the list is kept between sessions (globalState); `save` may refuse a list too big to keep. */
export interface ReleaseListKeeper {
  load(): KeptReleaseList | undefined;
  save(list: KeptReleaseList): void;
}

/** The release list and the templates' parameters, as Install, Update and the Racks view share them. */
export interface SharedReleases extends Pick<ReleaseCatalog, 'templateParameters'> {
  /** The list at `url`: the one read within a day, else read again (one read in flight, a 304 keeps the list). */
  releases(url: string, deadlineMs: number): Promise<Release[]>;
}

/** Releases kept between sessions at most, and the longest description kept: bounds on what is stored and read back. */
export const maxKeptReleases = 5_000;
const maxKeptDescription = 500;
const maxKeptUrl = 2_000;
/** What a validator may be: one header value of printable characters, as a server sends them. */
const validatorPattern = /^[\x20-\x7e]{1,256}$/;

/** A validator a server sent, if it is one to send back and keep (undefined for none, or one too long or odd). */
export function usableValidator(value: string | null): string | undefined {
  return value !== null && validatorPattern.test(value) ? value : undefined;
}

/** Whether a list from `url` may be kept in globalState: not when its URL holds a user name, password or query. */
export function keepableUrl(url: string): boolean {
  return url.length <= maxKeptUrl && !/^[a-z]+:\/\/[^/?#]*@/i.test(url) && !url.includes('?');
}

function keptRelease(value: unknown): Release | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { version, description, published, required } = value as Record<string, unknown>;
  if (typeof version !== 'string' || versionProblem(version) !== undefined) return undefined;
  if (typeof description !== 'string' || description.length > maxKeptDescription) return undefined;
  if (typeof published !== 'boolean' || typeof required !== 'boolean') return undefined;
  return { version, description, published, required };
}

/**
 * A kept list as read back from globalState (another version may have written it, or a person edited it): the
 * whole list is dropped unless every part has the shape and size this version writes.
 */
export function parseKeptReleaseList(value: unknown): KeptReleaseList | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { url, releases, etag, lastModified, checkedAt } = value as Record<string, unknown>;
  if (typeof url !== 'string' || !keepableUrl(url)) return undefined;
  if (typeof checkedAt !== 'number' || !Number.isFinite(checkedAt)) return undefined;
  if (!Array.isArray(releases) || releases.length > maxKeptReleases) return undefined;
  const parsed = releases.map(keptRelease);
  if (!parsed.every((release) => release !== undefined)) return undefined;
  const validators: ListValidators = {};
  for (const [name, value] of [
    ['etag', etag],
    ['lastModified', lastModified],
  ] as const) {
    if (value === undefined) continue;
    const usable = typeof value === 'string' ? usableValidator(value) : undefined;
    if (usable === undefined) return undefined;
    validators[name] = usable;
  }
  return { url, releases: parsed, validators, checkedAt };
}

/** What a kept list is stored as; undefined when it is too big, or from a URL not to be written down. */
export function keptForm(list: KeptReleaseList): Record<string, unknown> | undefined {
  const small =
    keepableUrl(list.url) &&
    list.releases.length <= maxKeptReleases &&
    list.releases.every((release) => release.description.length <= maxKeptDescription);
  if (!small) return undefined;
  return { url: list.url, releases: list.releases, ...list.validators, checkedAt: list.checkedAt };
}

/** What of a list the rows show: a new list that says the same redraws nothing. */
function signature(releases: readonly Release[]): string {
  return releases.map((release) => `${release.version}:${release.published}:${release.required}`).join(',');
}

export interface ReleaseListOptions {
  now: () => number;
  log: (message: string) => void;
  /** The list changed what the rows show. */
  changed: () => void;
  keeper?: ReleaseListKeeper;
}

/**
 * The one copy of the release list: read at most once a day with a conditional request (a 304 keeps the list),
 * one read in flight, shared by Install, Update and the rows. The rows never wait for it and never see its
 * failures; an outage is logged once.
 */
export class ReleaseListReads {
  private kept: KeptReleaseList | undefined;
  private reading: { url: string; done: Promise<Release[]> } | undefined;
  /** The last read's failure, until a read succeeds: an outage is logged once, when it begins. */
  private failed: { url: string; at: number } | undefined;

  constructor(
    private readonly read: ReleaseCatalog['readReleases'],
    private readonly options: ReleaseListOptions,
  ) {
    this.kept = options.keeper?.load();
  }

  /** The list at `url`, read again if it was not within a day (Install, Update). */
  get(url: string, deadlineMs: number): Promise<Release[]> {
    const kept = this.keptFor(url);
    if (kept && this.isFresh(kept)) return Promise.resolve(kept.releases);
    return this.readAgain(url, deadlineMs);
  }

  /**
   * The list at `url` as last read, without waiting (the rows); undefined until one read succeeded. A list older
   * than a day is read again in the background, and a failed read tried again only an hour later.
   */
  known(url: string, deadlineMs: number): readonly Release[] | undefined {
    const kept = this.keptFor(url);
    const failedLately = this.failed?.url === url && this.options.now() - this.failed.at < releaseListRetryMs;
    if (!(kept && this.isFresh(kept)) && !failedLately) this.readAgain(url, deadlineMs).catch(() => undefined);
    return kept?.releases;
  }

  private keptFor(url: string): KeptReleaseList | undefined {
    return this.kept?.url === url ? this.kept : undefined;
  }

  private isFresh(kept: KeptReleaseList): boolean {
    const age = this.options.now() - kept.checkedAt;
    return age >= 0 && age < releaseListMaxAgeMs;
  }

  private readAgain(url: string, deadlineMs: number): Promise<Release[]> {
    if (this.reading?.url === url) return this.reading.done;
    const done = this.readNow(url, deadlineMs);
    this.reading = { url, done };
    const settled = (): void => {
      if (this.reading?.done === done) this.reading = undefined;
    };
    done.then(settled, settled);
    return done;
  }

  private async readNow(url: string, deadlineMs: number): Promise<Release[]> {
    const before = this.keptFor(url);
    try {
      const answer = await this.read(url, deadlineMs, before?.validators);
      const checkedAt = this.options.now();
      if (answer.kind === 'changed')
        return this.received(before, { url, releases: answer.releases, validators: answer.validators, checkedAt });
      if (before) return this.received(before, { ...before, checkedAt });
      throw new ReleaseListError('The release list server said "not modified" to a list never read.');
    } catch (error) {
      if (this.failed?.url !== url) this.options.log(`The release list could not be read: ${messageOf(error)}`);
      this.failed = { url, at: this.options.now() };
      throw error;
    }
  }

  private received(before: KeptReleaseList | undefined, kept: KeptReleaseList): Release[] {
    this.kept = kept;
    this.failed = undefined;
    this.options.log(
      before && kept.releases === before.releases
        ? 'The release list is unchanged since it was last read (HTTP 304).'
        : `Read the release list: ${kept.releases.length} releases.`,
    );
    this.options.keeper?.save(kept);
    if (!before || signature(before.releases) !== signature(kept.releases)) this.options.changed();
    return kept.releases;
  }
}
