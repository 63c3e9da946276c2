import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { awsConfigFor } from './awsconfig';
import { clientConfig } from './clients';
import { benchRegions, benchScenario, bigRackScenario } from './scenarios/bench';
import { defaultScenario } from './scenarios/default';
import { startSimulator } from './server';
import type { RegionData, Scenario } from './types';

function regionOf(scenario: Scenario, account: string, region: string): RegionData {
  return (
    scenario.accounts.find((candidate) => candidate.id === account)?.regions[region] ??
    assert.fail(`${account} ${region}`)
  );
}

/** `name STATUS` of the top-level rack stacks (tagged or legacy) of one region. */
function racks(data: RegionData): string[] {
  return data.stacks
    .filter((found) => !found.parentId)
    .filter(
      (found) =>
        found.tags.Type === 'rack' ||
        (Object.keys(found.tags).length === 0 && found.outputs.some((output) => output.key === 'Dashboard')),
    )
    .map((found) => `${found.name} ${found.status}`);
}

describe('simulator scenarios', () => {
  describe('default scenario', () => {
    const scenario = defaultScenario();

    it('has the five profiles, their keys and accounts, regions and organisations', () => {
      assert.deepEqual(
        scenario.profiles.map((profile) => `${profile.name} ${profile.accessKeyId} ${profile.region}`),
        [
          'acme-prod AKIAACMEPROD00000001 us-east-1',
          'acme-readonly AKIAACMEREADONLY0001 us-east-1',
          'acme-staging AKIAACMESTAGING00001 us-east-1',
          'globex AKIAGLOBEX0000000001 eu-west-1',
          'initech AKIAINITECH000000001 us-east-1',
        ],
      );
      assert.deepEqual(
        scenario.accounts.map((account) => `${account.id} ${account.accessKeyIds.join(',')}`),
        [
          '111111111111 AKIAACMEPROD00000001,AKIAACMEREADONLY0001',
          '222222222222 AKIAACMESTAGING00001',
          '333333333333 AKIAGLOBEX0000000001',
          '444444444444 AKIAINITECH000000001',
        ],
      );
      assert.deepEqual(scenario.regions, ['us-east-1', 'eu-west-1', 'ap-southeast-2']);
      assert.deepEqual(scenario.organizations, { acme: ['acme-prod', 'acme-readonly', 'acme-staging'] });
      assert.deepEqual(scenario.faults, [
        { account: '444444444444', kind: 'expired' },
        { account: '222222222222', region: 'ap-southeast-2', kind: 'denied' },
      ]);
    });

    it('puts racks in every status where the brief says', () => {
      assert.deepEqual(racks(regionOf(scenario, '111111111111', 'us-east-1')), [
        'production UPDATE_COMPLETE',
        'sandbox CREATE_IN_PROGRESS',
        'legacy CREATE_COMPLETE',
      ]);
      assert.deepEqual(racks(regionOf(scenario, '111111111111', 'eu-west-1')), [
        'europe UPDATE_IN_PROGRESS',
        'converge UPDATE_COMPLETE',
      ]);
      assert.equal(regionOf(scenario, '111111111111', 'ap-southeast-2').stacks.length, 0);
      assert.deepEqual(racks(regionOf(scenario, '222222222222', 'us-east-1')), [
        'staging UPDATE_ROLLBACK_FAILED',
        'review ROLLBACK_IN_PROGRESS',
        'old DELETE_IN_PROGRESS',
      ]);
      assert.deepEqual(racks(regionOf(scenario, '333333333333', 'eu-west-1')), [
        'globex-main ROLLBACK_COMPLETE',
        'experiment CREATE_FAILED',
        'tidy DELETE_FAILED',
      ]);
      assert.deepEqual(racks(regionOf(scenario, '333333333333', 'us-east-1')), [
        'edge UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
      ]);
      const production = regionOf(scenario, '111111111111', 'us-east-1');
      assert.deepEqual(
        production.stacks
          .filter((found) => !found.parentId && found.tags.Type !== 'rack' && found.tags.System !== 'convox')
          .map((found) => found.name),
        ['legacy', 'CDKToolkit', 'shared-network', 'billing-alarms'],
      );
      const staging = regionOf(scenario, '222222222222', 'us-east-1').stacks.find((found) => found.name === 'staging');
      assert.match(staging?.reason ?? '', /failed to update/);
      assert.match(regionOf(scenario, '333333333333', 'eu-west-1').stacks[0].reason ?? '', /failed to create/);
    });

    it('gives running racks an ECS cluster and servers, a rack being created its empty cluster, and none to racks whose creation failed', () => {
      const withCluster = scenario.accounts
        .flatMap((account) => Object.values(account.regions))
        .flatMap((data) => data.clusters.map((cluster) => cluster.name.replace(/-[A-Z0-9]{12}$/, '')));
      assert.deepEqual(withCluster.sort(), [
        'converge-BuildCluster',
        'converge-Cluster',
        'edge-BuildCluster',
        'edge-Cluster',
        'europe-BuildCluster',
        'europe-Cluster',
        'legacy-Cluster',
        'old-BuildCluster',
        'old-Cluster',
        'production-BuildCluster',
        'production-Cluster',
        'sandbox-Cluster',
        'staging-BuildCluster',
        'staging-Cluster',
      ]);
    });

    it('serves the same stacks to both keys of account 111111111111', async () => {
      const sim = await startSimulator({ scenario });
      try {
        const ids = async (profile: string): Promise<string[]> =>
          (
            (await new CloudFormationClient(clientConfig(sim, profile)).send(new DescribeStacksCommand({}))).Stacks ??
            []
          ).map((found) => found.StackId ?? '');
        const prod = await ids('acme-prod');
        assert.equal(prod.length, 13);
        assert.deepEqual(await ids('acme-readonly'), prod);
      } finally {
        await sim.stop();
      }
    });
  });

  describe('bench scenarios', () => {
    it('benchScenario: one account per profile, the first N regions, racks spread across pages', () => {
      const scenario = benchScenario({ profiles: 2, regions: 3, stacksPerRegion: 250, racksPerRegion: 5 });
      assert.deepEqual(
        scenario.profiles.map((profile) => profile.name),
        ['bench-01', 'bench-02'],
      );
      assert.deepEqual(scenario.regions, benchRegions.slice(0, 3));
      assert.equal(new Set(scenario.accounts.map((account) => account.id)).size, 2);
      for (const account of scenario.accounts) {
        for (const region of scenario.regions) {
          const stacks = account.regions[region].stacks;
          assert.equal(stacks.length, 250);
          const rackPositions = stacks.flatMap((found, index) => (found.tags.Type === 'rack' ? [index] : []));
          assert.deepEqual(rackPositions, [0, 50, 100, 150, 200]);
        }
      }
      assert.equal(benchRegions.length, 16);
    });

    it('bigRackScenario: 50 servers and exactly 200 running tasks over 10 task definitions', () => {
      const data = regionOf(bigRackScenario({ instances: 50, tasks: 200 }), '555555555555', 'us-east-1');
      const [cluster] = data.clusters;
      assert.equal(data.clusters.length, 1);
      assert.equal(cluster.containerInstances.length, 50);
      assert.equal(data.instances.length, 50);
      assert.equal(cluster.tasks.filter((task) => task.desiredStatus === 'RUNNING').length, 200);
      assert.equal(new Set(cluster.tasks.map((task) => task.taskDefinitionArn)).size, 10);
      assert.equal(
        cluster.containerInstances.reduce((total, host) => total + host.runningTasksCount, 0),
        200,
      );
    });
  });

  describe('AWS config files and the command line', () => {
    it('awsConfigFor writes files the SDK’s own loader reads, pointing every profile at the simulator', async () => {
      const scenario = defaultScenario();
      const files = awsConfigFor({ url: 'http://127.0.0.1:4566' }, scenario);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-config-'));
      try {
        fs.writeFileSync(path.join(dir, 'config'), files.config);
        fs.writeFileSync(path.join(dir, 'credentials'), files.credentials);
        const loaded = await loadSharedConfigFiles({
          configFilepath: path.join(dir, 'config'),
          filepath: path.join(dir, 'credentials'),
        });
        assert.deepEqual(Object.keys(loaded.configFile).sort(), [
          'acme-prod',
          'acme-readonly',
          'acme-staging',
          'globex',
          'initech',
        ]);
        assert.equal(loaded.configFile.globex.region, 'eu-west-1');
        assert.equal(loaded.configFile.globex.endpoint_url, 'http://127.0.0.1:4566');
        assert.equal(loaded.credentialsFile['acme-readonly'].aws_access_key_id, 'AKIAACMEREADONLY0001');
        assert.equal(loaded.credentialsFile['acme-readonly'].aws_secret_access_key?.length, 40);
        assert.deepEqual(files.settings, {
          'convox.regions': ['us-east-1', 'eu-west-1', 'ap-southeast-2'],
          'convox.organizations': { acme: ['acme-prod', 'acme-readonly', 'acme-staging'] },
        });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('main.js starts the default scenario, writes the files, prints the exports and stops on SIGTERM', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-main-'));
      const child = spawn(process.execPath, [path.join(__dirname, 'main.js'), '--port', '0', '--dir', dir], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      try {
        let printed = '';
        await new Promise<void>((resolve, reject) => {
          child.stdout.on('data', (chunk: Buffer) => {
            printed += chunk.toString();
            if (printed.includes('Ctrl+C')) resolve();
          });
          child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${printed}`)));
        });
        const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(printed)?.[1] ?? assert.fail(printed);
        assert.match(printed, new RegExp(`export AWS_CONFIG_FILE=${path.join(dir, 'config')}`));
        assert.match(printed, /"convox\.organizations"/);
        assert.match(fs.readFileSync(path.join(dir, 'config'), 'utf8'), new RegExp(`endpoint_url = ${url}`));
        const workspaceSettings = JSON.parse(
          fs.readFileSync(path.join(dir, 'workspace', '.vscode', 'settings.json'), 'utf8'),
        ) as Record<string, unknown>;
        assert.equal(workspaceSettings['convox.releasesUrl'], `${url}/release/versions.json`);
        assert.deepEqual(workspaceSettings['convox.organizations'], {
          acme: ['acme-prod', 'acme-readonly', 'acme-staging'],
        });
        const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        assert.equal(await exited, 0);
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL');
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
