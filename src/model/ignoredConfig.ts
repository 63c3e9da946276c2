/**
 * What the AWS SDK's shared-ini loader (the one `loadSharedConfigFiles` uses) silently skips in
 * ~/.aws/config and ~/.aws/credentials, so that a typo that makes a profile vanish can be named in the log.
 * The rules mirror the loader's parser and its config-file filter; nothing here reports a value, because
 * values in these files are secrets.
 */

export type IniFile = 'config' | 'credentials';

export type IgnoredReason =
  /** A `[__proto__]` or `[profile __proto__]` header: the loader throws and reads nothing of the file. */
  | 'whole-file'
  /** Config file: neither `[default]` nor `[<type> <name>]`, e.g. `[foo]`. */
  | 'not-a-profile'
  /** Config file: a known type whose name the loader does not accept, e.g. `[profile my profile]`. */
  | 'bad-name'
  /** `[<word> <name>]` whose word is not a section type, e.g. `[profle x]`, or `[my profile]` in either file. */
  | 'unknown-type'
  /** `[]`. */
  | 'empty-name'
  /** A name the loader stores on an inherited property of a plain object, where it is lost (`[constructor]`). */
  | 'reserved-name'
  /** Config file: `[default]` when `[profile default]` is also there, which the loader puts in its place. */
  | 'shadowed-default'
  /** A line that is not blank, a comment, a section header or `key = value`. */
  | 'not-key-value'
  /** A `key = value` line above the first section header. */
  | 'before-section';

export interface IgnoredEntry {
  file: IniFile;
  /** 1-based, counting lines as the loader does (LF or CRLF). */
  line: number;
  reason: IgnoredReason;
  /** The section's name as written between the brackets. */
  section?: string;
  key?: string;
}

const sectionTypes = ['profile', 'sso-session', 'services'];
/** `<type> <name>` as the loader matches it: one whitespace character, the name optionally quoted. */
const typedSection = /^([\w-]+)\s(["']?)([\w\-@+.%:/]+)\2$/;
const leadingWord = /^[\w-]+/;
const validName = /^[\w\-@+.%:/]+$/;
const rejectedSections = ['__proto__', 'profile __proto__'];
/**
 * Keys of AWS settings are lowercase snake case; anything else left of an `=` may be a pasted secret that
 * ends in base64 padding, so it is not repeated.
 */
const settingKey = /^[a-z][a-z0-9_]*$/;

interface Section {
  name: string;
  line: number;
  lines: IgnoredEntry[];
}

/** A comment starts with `#` or `;` at the start of the line or after whitespace. */
function content(line: string): string {
  const comment = /(^|\s)[;#]/.exec(line);
  return (comment ? line.slice(0, comment.index) : line).trim();
}

/** The key under which the loader's parser stores a section, or undefined when it drops the section's lines. */
function parsedKey(name: string): string | undefined {
  const typed = typedSection.exec(name);
  if (!typed) return name === '' ? undefined : name;
  return sectionTypes.includes(typed[1]) ? `${typed[1]}.${typed[3]}` : undefined;
}

function sectionVerdict(name: string, file: IniFile, written: Set<string>): IgnoredReason | undefined {
  const key = parsedKey(name);
  if (key === undefined) return name === '' ? 'empty-name' : 'unknown-type';
  if (file === 'credentials') return key in Object.prototype ? 'reserved-name' : undefined;
  if (key === 'default')
    return written.has('default') && written.has('profile.default') ? 'shadowed-default' : undefined;
  const dot = key.indexOf('.');
  if (dot !== -1 && sectionTypes.includes(key.slice(0, dot))) {
    // Assigning a profile named __proto__ replaces the result's prototype instead of adding the profile.
    return key === 'profile.__proto__' ? 'reserved-name' : undefined;
  }
  const type = /^([\w-]+)(\s|$)/.exec(name)?.[1];
  return type !== undefined && sectionTypes.includes(type) ? 'bad-name' : 'not-a-profile';
}

/** Everything the AWS SDK's shared-ini loader would ignore in `text`, the contents of one of the two files. */
export function ignoredConfig(text: string, file: IniFile): IgnoredEntry[] {
  const before: IgnoredEntry[] = [];
  const sections: Section[] = [];
  // Parsed keys that received at least one value: the loader keeps only those.
  const written = new Set<string>();
  let current: Section | undefined;
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = index + 1;
    const body = content(raw);
    if (body === '') continue;
    if (body.startsWith('[') && body.endsWith(']')) {
      const name = body.slice(1, -1);
      if (rejectedSections.includes(name)) return [{ file, line, reason: 'whole-file', section: name }];
      current = { name, line, lines: [] };
      sections.push(current);
      continue;
    }
    const equals = body.indexOf('=');
    if (equals <= 0) {
      (current?.lines ?? before).push({
        file,
        line,
        reason: 'not-key-value',
        ...(current && { section: current.name }),
      });
      continue;
    }
    if (!current) {
      const key = body.slice(0, equals).trim();
      before.push({ file, line, reason: 'before-section', ...(settingKey.test(key) && { key }) });
      continue;
    }
    // `key =` opens a sub-section whose indented lines are ordinary `key = value` lines, so neither is ignored.
    const key = parsedKey(current.name);
    if (body.slice(equals + 1).trim() !== '' && key !== undefined) written.add(key);
  }
  const ignored = [...before];
  for (const section of sections) {
    const reason = sectionVerdict(section.name, file, written);
    if (reason) ignored.push({ file, line: section.line, reason, section: section.name });
    else ignored.push(...section.lines);
  }
  return ignored;
}

const fileNames: Record<IniFile, string> = { config: '~/.aws/config', credentials: '~/.aws/credentials' };

/** One log line for `entry`; it names the file by its kind and never repeats a value or a malformed line. */
export function describeIgnored(entry: IgnoredEntry): string {
  const where = `${fileNames[entry.file]} line ${entry.line}`;
  const section = entry.section ?? '';
  const word = leadingWord.exec(section)?.[0] ?? '';
  switch (entry.reason) {
    case 'whole-file':
      return `${where}: section [${section}] makes the AWS SDK reject the whole file; none of its profiles are read.`;
    case 'not-a-profile':
      return validName.test(section)
        ? `${where}: section [${section}] is ignored; profiles in the config file are written [profile ${section}].`
        : `${where}: section [${section}] is ignored; the config file reads only [default], [profile name], [sso-session name] and [services name].`;
    case 'bad-name':
      return `${where}: section [${section}] is ignored; the name after '${word}' must be one word of letters, digits and _-@+.%:/ (quotes allowed).`;
    case 'unknown-type':
      return `${where}: section [${section}] is ignored; a name with a space is read as '<type> <name>', and '${word}' is not profile, sso-session or services.`;
    case 'empty-name':
      return `${where}: section [] is ignored, with its lines; it has no name.`;
    case 'reserved-name':
      return `${where}: section [${section}] is ignored; the AWS SDK cannot keep a profile by that name.`;
    case 'shadowed-default':
      return `${where}: section [default] is ignored; [profile default] in the same file takes its place.`;
    case 'not-key-value':
      return `${where}${entry.section === undefined ? '' : ` in [${section}]`} is not 'key = value' and is ignored.`;
    case 'before-section':
      return `${where}: ${entry.key === undefined ? 'a setting' : `key ${entry.key}`} comes before any [section] and is ignored.`;
  }
}
