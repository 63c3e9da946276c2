import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { benchScenario, defaultScenario } from '../sim';
import { maxPagesPerListing } from '../../src/aws/discovery';
import { simulatedAws, type SimulatedAws } from './helpers';

describe('discovery against the simulator (real SDK clients over HTTP)', function () {
  this.timeout(30_000);

  describe('default scenario', () => {
    let aws: SimulatedAws;
    before(async () => {
      aws = await simulatedAws(defaultScenario());
    });
    after(() => aws.stop());

    it('finds exactly the scenario racks with organisation, status and region', async () => {
      const scan = await aws.scan();
      const racks = scan.racks.map(
        (rack) => `${rack.fullName} ${rack.status} ${rack.cloudformationStatus} ${rack.region}`,
      );
      assert.deepEqual(racks, [
        'acme/converge running UPDATE_COMPLETE eu-west-1',
        'acme/europe updating UPDATE_IN_PROGRESS eu-west-1',
        'acme/legacy running CREATE_COMPLETE us-east-1',
        'acme/old deleting DELETE_IN_PROGRESS us-east-1',
        'acme/production running UPDATE_COMPLETE us-east-1',
        'acme/review rollback ROLLBACK_IN_PROGRESS us-east-1',
        'acme/sandbox creating CREATE_IN_PROGRESS us-east-1',
        'acme/staging failed UPDATE_ROLLBACK_FAILED us-east-1',
        'globex/edge updating UPDATE_COMPLETE_CLEANUP_IN_PROGRESS us-east-1',
        'globex/experiment unknown CREATE_FAILED eu-west-1',
        'globex/globex-main failed ROLLBACK_COMPLETE eu-west-1',
        'globex/tidy running DELETE_FAILED eu-west-1',
      ]);
    });

    it('reads versions, the legacy rack, apps, and lists a stack seen through two profiles once', async () => {
      const racks = (await aws.scan()).racks;
      const byName = new Map(racks.map((rack) => [rack.fullName, rack]));
      const production = byName.get('acme/production');
      assert.ok(production);
      assert.equal(production.version, '20250101120000');
      assert.equal(production.profile, 'acme-prod', 'de-duplicated in favour of the profile that sorts first');
      assert.equal(production.instanceType, 't3.large');
      assert.equal(production.instanceCount, 3);
      assert.equal(production.private, true);
      assert.deepEqual(
        production.apps.map((app) => `${app.name}:${app.status}:${app.generation}`),
        ['api:running:1', 'web:running:2', 'worker:running:2'],
      );
      assert.equal(production.parameters.Password, '****', 'NoEcho parameters arrive masked');
      assert.equal(byName.get('acme/sandbox')?.version, '20250301000000');
      assert.equal(byName.get('acme/sandbox')?.instanceCount, 1);
      const legacy = byName.get('acme/legacy');
      assert.equal(legacy?.legacy, true);
      assert.equal(legacy?.version, '20171201000000');
      assert.equal(racks.filter((rack) => rack.name === 'production').length, 1);
      for (const rack of racks) assert.match(rack.version ?? '', /^\d{14}$/, `${rack.fullName} has a release version`);
    });

    it('turns expired credentials and an access-denied region into error entries, the rest still listed', async () => {
      const scan = await aws.scan();
      const errors = scan.errors.map((error) => `${error.organization} ${error.profile} ${error.region} ${error.kind}`);
      assert.deepEqual(errors, [
        'acme acme-staging ap-southeast-2 access-denied',
        'initech initech ap-southeast-2 expired-credentials',
        'initech initech eu-west-1 expired-credentials',
        'initech initech us-east-1 expired-credentials',
      ]);
      const expired = scan.errors.find((error) => error.kind === 'expired-credentials');
      assert.match(expired?.message ?? '', /aws sso login --profile initech/);
      assert.ok(
        scan.racks.some((rack) => rack.profile === 'acme-staging'),
        'the same profile still lists its other regions',
      );
    });

    it('reads the credentials files again after AWS said a profile expired, so signing in again is enough', async () => {
      const ports = aws.ports();
      const store = aws.store(ports);
      await store.refresh('manual');
      assert.equal(store.errors().filter((error) => error.profile === 'initech').length, 3);
      const original = fs.readFileSync(aws.credentialsFile, 'utf8');
      const renewed = aws.sim.scenario.profiles.find((profile) => profile.name === 'globex');
      assert.ok(renewed);
      fs.writeFileSync(
        aws.credentialsFile,
        `${original}\n[initech]\naws_access_key_id = ${renewed.accessKeyId}\naws_secret_access_key = ${renewed.secretAccessKey}\n`.replace(
          /\[initech\][^[]*/,
          '',
        ),
      );
      try {
        await store.refresh('retry');
        assert.deepEqual(
          store.errors().filter((error) => error.profile === 'initech'),
          [],
        );
        assert.deepEqual(
          store.errors().map((error) => error.profile),
          ['acme-staging'],
          'only the access-denied region is left',
        );
      } finally {
        fs.writeFileSync(aws.credentialsFile, original);
        store.dispose();
        ports.dispose();
      }
    });

    it('makes one DescribeStacks call per (profile, region) page and nothing else', async () => {
      aws.sim.calls.reset();
      await aws.scan();
      const calls = aws.sim.calls.all();
      assert.ok(
        calls.every((call) => call.operation === 'DescribeStacks'),
        'only DescribeStacks',
      );
      // 5 profiles × 3 regions; every answered region here fits one page.
      assert.equal(calls.length, 15);
    });
  });

  describe('pages, throttling and bad answers', () => {
    let aws: SimulatedAws;
    beforeEach(async () => {
      aws = await simulatedAws(benchScenario({ profiles: 1, regions: 2, stacksPerRegion: 250, racksPerRegion: 5 }));
    });
    afterEach(() => aws.stop());

    it('follows NextToken over 3 pages and finds every rack', async () => {
      const scan = await aws.scan();
      assert.equal(scan.racks.length, 10);
      assert.deepEqual(scan.errors, []);
      assert.equal(aws.sim.calls.count({ operation: 'DescribeStacks' }), 6);
    });

    it('retries a throttled region and still finds its racks', async () => {
      const region = aws.settings['convox.regions'][1];
      aws.sim.faults.add({ region, operation: 'DescribeStacks', kind: 'throttle', times: 2 });
      const scan = await aws.scan();
      assert.deepEqual(scan.errors, []);
      assert.equal(scan.racks.filter((rack) => rack.region === region).length, 5);
      assert.equal(
        aws.sim.calls.count({ operation: 'DescribeStacks', region }),
        5,
        '3 pages plus 2 throttled attempts',
      );
    });

    it('reports a region that stays throttled after the retries, keeping the other', async () => {
      const [first, second] = aws.settings['convox.regions'];
      aws.sim.faults.add({ region: second, kind: 'throttle' });
      const scan = await aws.scan();
      assert.deepEqual(
        scan.errors.map((error) => `${error.region} ${error.kind}`),
        [`${second} throttled`],
      );
      assert.match(scan.errors[0].message, /after 3 attempts/);
      assert.equal(scan.racks.filter((rack) => rack.region === first).length, 5);
    });

    it('ends a listing whose NextToken comes back the same, with an error row, keeping the other region', async () => {
      const [first, second] = aws.settings['convox.regions'];
      aws.sim.faults.add({ region: second, operation: 'DescribeStacks', kind: 'repeatingToken' });
      const started = Date.now();
      const scan = await aws.scan();
      console.log(`      repeating token settled in ${Date.now() - started} ms`);
      assert.deepEqual(
        scan.errors.map((error) => `${error.region} ${error.kind}`),
        [`${second} other`],
      );
      assert.match(scan.errors[0].message, /pages that never end \(the same NextToken came back twice\).*endpoint_url/);
      assert.equal(
        aws.sim.calls.count({ operation: 'DescribeStacks', region: second }),
        2,
        'the first page, then the one whose token repeats: no more',
      );
      assert.equal(scan.racks.filter((rack) => rack.region === first).length, 5);
    });

    it('ends a listing that always has another page after the page cap, with an error row', async () => {
      const [, second] = aws.settings['convox.regions'];
      aws.sim.faults.add({ region: second, operation: 'DescribeStacks', kind: 'endlessToken' });
      const started = Date.now();
      const scan = await aws.scan();
      console.log(`      endless tokens settled in ${Date.now() - started} ms`);
      assert.deepEqual(
        scan.errors.map((error) => `${error.region} ${error.kind}`),
        [`${second} other`],
      );
      assert.match(scan.errors[0].message, new RegExp(`still more pages after ${maxPagesPerListing}`));
      assert.equal(aws.sim.calls.count({ operation: 'DescribeStacks', region: second }), maxPagesPerListing);
    });

    it('fails a request that is never answered within its timeout, as an error row, keeping the other region', async () => {
      const [first, second] = aws.settings['convox.regions'];
      aws.sim.faults.add({ region: second, operation: 'DescribeStacks', kind: 'silence' });
      const started = Date.now();
      const scan = await aws.scan({ maxAttempts: 1, requestTimeoutMs: 500 });
      const settledMs = Date.now() - started;
      console.log(`      silent endpoint settled in ${settledMs} ms`);
      assert.deepEqual(
        scan.errors.map((error) => `${error.region} ${error.kind}`),
        [`${second} network`],
      );
      assert.match(scan.errors[0].message, /ETIMEDOUT: .*exceeded the configured 500 ms requestTimeout/);
      assert.ok(settledMs < 5_000, `ended within its timeout, not never: ${settledMs} ms`);
      assert.equal(scan.racks.filter((rack) => rack.region === first).length, 5);
    });

    it('turns a malformed XML answer into an error entry, never a crash', async () => {
      const region = aws.settings['convox.regions'][0];
      aws.sim.faults.add({ region, kind: 'malformed' });
      const scan = await aws.scan();
      const errors = scan.errors;
      assert.deepEqual(
        errors.map((error) => `${error.region} ${error.kind}`),
        [`${region} other`],
      );
      assert.match(errors[0].message, /could not be read/);
      assert.equal(scan.racks.length, 5, 'the other region still lists its racks');
    });
  });
});
