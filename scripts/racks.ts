// `npm run racks -- [--regions r1,r2] [--organizations FILE] [--json] [--help]`: what the extension discovers,
// printed like `convox racks`. Uses the same store, discovery code and AWS environment variables as the extension.
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { AwsPorts } from '../src/aws';
import { parseOrganizations, parseRegions, type OrganizationMap } from '../src/model/settings';
import { RackStore } from '../src/model/store/rackStore';
import { formatTable } from '../src/model/table';
import { errorLineLimit, tableCellLimit, terminalField } from '../src/model/terminalText';

/** What the exit status tells a script calling this one. */
const exitStatus = { scanned: 0, pairFailed: 1, badUsage: 2 } as const;

const usage = `Usage: npm run racks -- [options]

Lists the Convox racks the extension finds, like \`convox racks\`, using the AWS profiles and AWS_* environment
variables the AWS CLI reads. Each profile is scanned in its own region and in --regions.

Options:
  --regions r1,r2        also scan these regions, e.g. us-east-1,eu-west-1
  --organizations FILE   JSON file mapping an organisation to its profiles, e.g. {"acme": ["acme-prod"]}
  --json                 print racks and errors as JSON, values exact and unshortened; a rack's "name" is
                         org/rack, qualified with its region (and profile) when another rack has the same,
                         "stackId" is what identifies it
  -h, --help             print this help

Exit status:
  ${exitStatus.scanned}  every (profile, region) pair was scanned
  ${exitStatus.pairFailed}  at least one pair failed (its ERROR line, or its "error" entry in --json, says why),
     or the scan broke off
  ${exitStatus.badUsage}  bad usage: unknown option, malformed --regions, unreadable or malformed --organizations`;

/** A mistake in the command line: said in one line, with exit status 2. */
class UsageError extends Error {}

interface Options {
  regions: string[];
  organizations: OrganizationMap;
  json: boolean;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** `read()`, with whatever it throws turned into a UsageError that starts with `prefix`. */
function asUsage<T>(prefix: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new UsageError(`${prefix}${messageOf(error)}`);
  }
}

/** The options in `args`, or `help` when they ask for it. */
function parseOptions(args: string[]): Options | 'help' {
  const { values } = asUsage('', () =>
    parseArgs({
      args,
      strict: true,
      options: {
        regions: { type: 'string' },
        organizations: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }),
  );
  if (values.help) return 'help';
  const { regions, organizations } = values;
  return {
    regions: asUsage('--regions: ', () =>
      parseRegions(regions ? regions.split(',').map((region) => region.trim()) : []),
    ),
    organizations: organizations
      ? asUsage(`--organizations ${organizations}: `, () =>
          parseOrganizations(JSON.parse(fs.readFileSync(organizations, 'utf8')) as unknown),
        )
      : {},
    json: values.json,
  };
}

/** Error lines carry AWS text: escaped, so they cannot drive the terminal, and bounded. */
function printError(line: string): void {
  console.error(terminalField(line, errorLineLimit));
}

async function main(args: string[]): Promise<number> {
  const options = parseOptions(args);
  if (options === 'help') {
    console.log(usage);
    return exitStatus.scanned;
  }
  const { regions, organizations } = options;
  const ports = new AwsPorts();
  const store = new RackStore(ports, () => ({ regions, organizations }), { intervalSeconds: 0 });
  await store.refresh('manual');
  store.dispose();
  ports.dispose();
  const racks = store.racks();
  const errors = store.errors();
  if (options.json) {
    const entries = [
      ...racks.map(({ displayName, fullName, stackId, status, cloudformationStatus, region, profile, version }) => ({
        name: displayName,
        fullName,
        stackId,
        status,
        cloudformationStatus,
        region,
        profile,
        version: version ?? null,
      })),
      ...errors.map(({ message, kind, profile, region }) => ({ error: message, kind, profile, region })),
    ];
    console.log(JSON.stringify(entries, null, 2));
  } else {
    if (store.hasProfiles === false)
      console.error(
        'No AWS profiles or credentials found (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, AWS_ACCESS_KEY_ID).',
      );
    const rows = racks.map((rack) =>
      [rack.displayName, rack.status, rack.region, rack.version ?? ''].map((cell) =>
        terminalField(cell, tableCellLimit),
      ),
    );
    console.log(formatTable(['NAME', 'STATUS', 'REGION', 'VERSION'], rows));
    for (const error of errors)
      printError(`ERROR ${error.profile} ${error.region || '-'} (${error.kind}): ${error.message}`);
  }
  return errors.length > 0 ? exitStatus.pairFailed : exitStatus.scanned;
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      printError(`${error.message} (--help lists the options)`);
      process.exitCode = exitStatus.badUsage;
    } else {
      // The scan itself broke off, so not every pair was scanned.
      printError(messageOf(error));
      process.exitCode = exitStatus.pairFailed;
    }
  },
);
