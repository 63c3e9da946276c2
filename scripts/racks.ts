// `npm run racks -- [--regions r1,r2] [--organizations FILE] [--json]`: what the extension discovers, printed
// like `convox racks`. Uses the same store, discovery code and AWS environment variables as the extension.
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { AwsPorts } from '../src/aws';
import { parseOrganizations, parseRegions } from '../src/model/settings';
import { RackStore } from '../src/model/store/rackStore';
import { formatTable } from '../src/model/table';
import { errorLineLimit, tableCellLimit, terminalField } from '../src/model/terminalText';

/** Error lines carry AWS text: escaped, so they cannot drive the terminal, and bounded. */
function printError(line: string): void {
  console.error(terminalField(line, errorLineLimit));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      regions: { type: 'string' },
      organizations: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const regions = parseRegions(values.regions ? values.regions.split(',').map((region) => region.trim()) : []);
  const organizations = parseOrganizations(values.organizations ? JSON.parse(fs.readFileSync(values.organizations, 'utf8')) : {});
  const ports = new AwsPorts();
  const store = new RackStore(ports, () => ({ regions, organizations }), { intervalSeconds: 0 });
  await store.refresh('manual');
  store.dispose();
  ports.dispose();
  const racks = store.racks();
  const errors = store.errors();
  if (values.json) {
    const entries = [
      ...racks.map(({ fullName, status, cloudformationStatus, region, profile, version }) => ({ name: fullName, status, cloudformationStatus, region, profile, version: version ?? null })),
      ...errors.map(({ message, kind, profile, region }) => ({ error: message, kind, profile, region })),
    ];
    console.log(JSON.stringify(entries, null, 2));
  } else {
    if (store.hasProfiles === false) console.error('No AWS profiles or credentials found (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, AWS_ACCESS_KEY_ID).');
    const rows = racks.map((rack) => [rack.fullName, rack.status, rack.region, rack.version ?? ''].map((cell) => terminalField(cell, tableCellLimit)));
    console.log(formatTable(['NAME', 'STATUS', 'REGION', 'VERSION'], rows));
    for (const error of errors) printError(`ERROR ${error.profile} ${error.region || '-'} (${error.kind}): ${error.message}`);
  }
}

main().catch((error: unknown) => {
  printError(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
