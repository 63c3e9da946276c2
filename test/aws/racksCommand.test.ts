import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  benchScenario,
  rack,
  sameNameAccountsScenario,
  scenario,
  secretEnvironment,
  secretMarkers,
  secretsScenario,
} from '../sim';
import { tableCellLimit } from '../../src/model/terminalText';
import { simulatedAws, type SimulatedAws } from './helpers';

const script = path.join(__dirname, '../../scripts/racks.js');

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * `node out/scripts/racks.js ARGS` with this process's environment, where the simulator's AWS files are set.
 * Asynchronous: the simulator answers from this process, which spawnSync would block. The timeout kills a hang.
 */
function racks(...args: string[]): Promise<Run> {
  return runCommand(process.execPath, [script, ...args]);
}

function runCommand(command: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: process.env, timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}

function assertExit(run: Run, status: number): void {
  assert.equal(run.status, status, `exit ${run.status} (signal ${run.signal}); stderr:\n${run.stderr}`);
}

// A stack name and a Version parameter that would colour the terminal, reorder the line and set the window title.
// No \r: XML parsing turns it into \n on the way, as it would from AWS.
const hostileName = 'red\u001b[31m\u202eflow';
const hostileVersion = `\u001b]0;pwned\u0007\n\b\u009b2J${'9'.repeat(80)}`;
const rawControls = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('npm run racks (the command-line discovery, as a child process)', function () {
  this.timeout(120_000);
  let aws: SimulatedAws;
  const regionArgs = ['--regions', 'us-east-1,eu-west-1'];
  before(async () => {
    aws = await simulatedAws(
      scenario({
        profiles: [{ name: 'acme', account: '111111111111', region: 'us-east-1' }],
        regions: ['us-east-1', 'eu-west-1'],
        data: {
          '111111111111': {
            'us-east-1': (place) => [
              rack(place, { name: 'production' }),
              rack(place, { name: hostileName, version: hostileVersion }),
            ],
            'eu-west-1': (place) => rack(place, { name: 'europe', version: '20250301000000' }),
          },
        },
      }),
    );
  });
  afterEach(() => aws.sim.faults.clear());
  after(() => aws.stop());

  it('exits 0 and prints the table when every (profile, region) pair was scanned', async () => {
    const run = await racks(...regionArgs);
    assertExit(run, 0);
    // Not empty: the SDK may warn about the Node.js version.
    assert.doesNotMatch(run.stderr, /^ERROR /m);
    const lines = run.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^NAME +STATUS +REGION +VERSION$/);
    assert.ok(
      lines.some((line) => /^acme\/europe +running +eu-west-1 +20250301000000$/.test(line)),
      run.stdout,
    );
    assert.ok(
      lines.some((line) => /^acme\/production +running +us-east-1 +20250101120000$/.test(line)),
      run.stdout,
    );
    assert.equal(lines.length, 4, 'a header and three racks');
  });

  it('exits 1 when a region fails, still printing the racks of the others and an ERROR line', async () => {
    aws.sim.faults.add({ region: 'eu-west-1', kind: 'denied' });
    const run = await racks(...regionArgs);
    assertExit(run, 1);
    assert.match(run.stdout, /^acme\/production +running +us-east-1 +20250101120000$/m);
    assert.doesNotMatch(run.stdout, /europe/);
    assert.match(run.stderr, /^ERROR acme eu-west-1 \(access-denied\): .+$/m);
  });

  it('exits 1 with --json too, the failure an error entry', async () => {
    aws.sim.faults.add({ region: 'eu-west-1', kind: 'denied' });
    const run = await racks(...regionArgs, '--json');
    assertExit(run, 1);
    const entries = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(
      entries.filter((entry) => 'error' in entry).map((entry) => `${entry.profile} ${entry.region} ${entry.kind}`),
      ['acme eu-west-1 access-denied'],
    );
    assert.ok(entries.some((entry) => entry.name === 'acme/production'));
  });

  it('escapes and shortens what AWS sent in the table, and prints it exactly in --json', async () => {
    const table = await racks(...regionArgs);
    assertExit(table, 0);
    assert.doesNotMatch(table.stdout, rawControls);
    const row = table.stdout.split('\n').find((line) => line.startsWith('acme/red'));
    assert.ok(row, table.stdout);
    const [name, status, region, version] = row.split(/ {2,}/);
    assert.deepEqual([name, status, region], ['acme/red\\x1b[31m\\u202eflow', 'running', 'us-east-1']);
    assert.equal(version.length, tableCellLimit);
    assert.equal(version, `\\x1b]0;pwned\\x07\\n\\x08\\x9b2J${'9'.repeat(tableCellLimit - 29)}…`);

    const json = await racks(...regionArgs, '--json');
    assertExit(json, 0);
    const entries = JSON.parse(json.stdout) as Array<Record<string, unknown>>;
    const hostile = entries.find((entry) => entry.name === `acme/${hostileName}`);
    assert.ok(hostile, json.stdout);
    assert.equal(hostile.version, hostileVersion);
  });

  it('prints usage and what each exit status means for --help and -h, and exits 0', async () => {
    for (const flag of ['--help', '-h']) {
      const run = await racks(flag);
      assertExit(run, 0);
      assert.equal(run.stderr, '');
      assert.match(run.stdout, /^Usage: npm run racks -- \[options\]/);
      for (const option of ['--regions', '--organizations', '--json', '--help'])
        assert.ok(run.stdout.includes(option), option);
      assert.match(run.stdout, /^ {2}0 {2}every \(profile, region\) pair was scanned$/m);
      assert.match(run.stdout, /^ {2}1 {2}at least one pair failed/m);
      assert.match(run.stdout, /^ {2}2 {2}bad usage/m);
    }
  });

  describe('bad usage exits 2 with one line saying what to fix, before any AWS call', () => {
    let dir: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convox-racks-args-'));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    async function assertBadUsage(args: string[], message: RegExp): Promise<void> {
      aws.sim.calls.reset();
      const run = await racks(...args);
      assertExit(run, 2);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, message);
      assert.match(run.stderr, /\(--help lists the options\)\n$/);
      assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
      assert.equal(aws.sim.calls.all().length, 0);
    }

    it('an unknown option or an argument', async () => {
      await assertBadUsage(['--bogus'], /^Unknown option '--bogus'/);
      await assertBadUsage(['production'], /^Unexpected argument 'production'/);
    });

    it('a malformed --regions', async () => {
      await assertBadUsage(['--regions', 'nope'], /^--regions: "nope" is not an AWS region code such as "us-east-1"/);
    });

    it('an unreadable or malformed --organizations file', async () => {
      const missing = path.join(dir, 'missing.json');
      await assertBadUsage(['--organizations', missing], new RegExp(`^--organizations ${missing}: ENOENT`));
      const broken = path.join(dir, 'broken.json');
      fs.writeFileSync(broken, '{"acme": [');
      await assertBadUsage(['--organizations', broken], new RegExp(`^--organizations ${broken}: .*JSON`));
      const wrong = path.join(dir, 'wrong.json');
      fs.writeFileSync(wrong, '{"acme": "acme-prod"}');
      await assertBadUsage(['--organizations', wrong], /the value of "acme" must be a list of AWS profile names/);
    });
  });
});

describe('npm run racks with secrets planted in every credential source', function () {
  this.timeout(120_000);
  let aws: SimulatedAws;
  before(async () => {
    aws = await simulatedAws(secretsScenario());
    Object.assign(process.env, secretEnvironment);
  });
  after(() => aws.stop());

  for (const mode of [[], ['--json']]) {
    it(`prints no secret ${mode.length ? 'as JSON' : 'in the table or on stderr'}, and says what failed`, async () => {
      const run = await racks('--regions', 'us-east-1,eu-west-1', ...mode);
      assertExit(run, 1);
      const output = `${run.stdout}\n${run.stderr}`;
      assert.deepEqual(
        Object.values(secretMarkers).filter((marker) => output.includes(marker)),
        [],
      );
      assert.match(output, /The credential_process of profile \\?"globex\\?" exited with status 1/);
      assert.match(output, /HTTP 500 from http:\/\/127\.0\.0\.1:\d+, not an AWS answer/);
      assert.match(output, /acme-prod\/production/);
    });
  }
});

describe('npm run racks short of file descriptors', function () {
  this.timeout(120_000);
  let aws: SimulatedAws;
  before(async () => {
    aws = await simulatedAws(benchScenario({ profiles: 100, regions: 1, stacksPerRegion: 5, racksPerRegion: 1 }));
  });
  after(() => aws.stop());

  it('says that too many files are open, not that profiles are missing', async () => {
    const result = await runCommand('/bin/sh', ['-c', `ulimit -n 60 && exec "${process.execPath}" "${script}"`]);
    assertExit(result, 1);
    const errors = result.stderr.split('\n').filter((line) => line.startsWith('ERROR'));
    assert.ok(errors.length > 0 && errors.length < 100, `${errors.length} pairs failed`);
    for (const line of errors)
      assert.match(line, /Too many files are open \(EMFILE\).*raise the limit of open files \(ulimit -n\)/);
    assert.ok(result.stdout.split('\n').length > 10, 'the pairs that connected are listed');
  });
});

describe('npm run racks with racks sharing a name (two accounts of one organisation)', function () {
  this.timeout(120_000);
  let aws: SimulatedAws;
  before(async () => {
    aws = await simulatedAws(sameNameAccountsScenario());
  });
  after(() => aws.stop());

  it('prints each by its qualified name in the table and in --json, with its stack id', async () => {
    const organizations = `${aws.dir}/organizations.json`;
    fs.writeFileSync(organizations, JSON.stringify({ acme: ['acme-prod', 'acme-dr'] }));
    const table = await racks('--organizations', organizations);
    assertExit(table, 0);
    assert.match(table.stdout, /^acme\/production \(us-east-1, acme-dr\) +running +us-east-1 +20250301000000$/m);
    assert.match(table.stdout, /^acme\/production \(us-east-1, acme-prod\) +running +us-east-1 +20250101120000$/m);
    const json = await racks('--organizations', organizations, '--json');
    assertExit(json, 0);
    const entries = JSON.parse(json.stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(entries.map((entry) => [entry.name, entry.fullName, entry.profile]).sort(), [
      ['acme/production (us-east-1, acme-dr)', 'acme/production', 'acme-dr'],
      ['acme/production (us-east-1, acme-prod)', 'acme/production', 'acme-prod'],
    ]);
    assert.equal(new Set(entries.map((entry) => entry.stackId)).size, 2);
    assert.ok(
      entries.every(
        (entry) => typeof entry.stackId === 'string' && entry.stackId.startsWith('arn:aws:cloudformation:us-east-1:'),
      ),
    );
  });
});
