// The shipped bundles split as designed: activation loads the entry bundle alone; the AWS SDK comes later.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ChildResult } from '../../scripts/startupChild';

const projectRoot = path.resolve(__dirname, '..', '..', '..');
const dist = path.join(projectRoot, 'dist');

describe('bundles', function () {
  this.timeout(60_000);

  it('activation loads dist/extension.js and no other bundle', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convox-bundles-'));
    try {
      const resultFile = path.join(dir, 'result.json');
      // No AWS config at all: what activation loads must not depend on what it would find.
      const env = {
        PATH: process.env.PATH,
        HOME: dir,
        AWS_CONFIG_FILE: path.join(dir, 'none'),
        AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'none'),
      };
      execFileSync(
        process.execPath,
        [path.join(projectRoot, 'out', 'scripts', 'startupChild.js'), projectRoot, resultFile],
        { env, cwd: dir, stdio: 'pipe' },
      );
      const result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as ChildResult;
      const ours = result.loaded
        .filter((file) => file.startsWith(dist))
        .map((file) => path.relative(projectRoot, file));
      assert.deepEqual(ours, [path.join('dist', 'extension.js')]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the entry bundle holds no AWS SDK; each later bundle is required by file name', () => {
    const entry = fs.readFileSync(path.join(dist, 'extension.js'), 'utf8');
    assert.ok(
      !entry.includes('@aws-sdk') && !entry.includes('CloudFormationClient'),
      'no SDK code in dist/extension.js',
    );
    assert.ok(entry.includes('require("./aws.js")'));
    const aws = fs.readFileSync(path.join(dist, 'aws.js'), 'utf8');
    assert.ok(aws.includes('require("./awsDetails.js")'));
    assert.ok(
      !aws.includes('DescribeContainerInstances') && !aws.includes('DescribeInstances'),
      'ECS and EC2 wait for dist/awsDetails.js',
    );
  });

  it('rack updates wait for their own bundles: the views, and the rack API client behind its port', () => {
    // The client's request to the `/system` path, as a quoted string literal: prose about it may appear anywhere.
    const requestsSystem = (file: string) => fs.readFileSync(path.join(dist, file), 'utf8').includes('"/system"');
    const entry = fs.readFileSync(path.join(dist, 'extension.js'), 'utf8');
    assert.ok(entry.includes('require("./updateUi.js")') && entry.includes('require("./rackApi.js")'));
    assert.ok(!requestsSystem('extension.js'), 'the rack API client is in dist/rackApi.js');
    assert.ok(!requestsSystem('updateUi.js'), 'the views reach it by the port');
    assert.ok(requestsSystem('rackApi.js'));
  });

  it('the architecture panel waits for its own bundle; neither it nor the webview script holds AWS SDK code', () => {
    const entry = fs.readFileSync(path.join(dist, 'extension.js'), 'utf8');
    assert.ok(entry.includes('require("./architecturePanel.js")'));
    assert.ok(
      !entry.includes('loadBalancer') && !entry.includes('NatGatewayDetails'),
      'the scene and console links wait for dist/architecturePanel.js',
    );
    for (const file of ['architecturePanel.js', path.join('webview', 'architecture.js')]) {
      const bundle = fs.readFileSync(path.join(dist, file), 'utf8');
      assert.ok(
        !bundle.includes('@aws-sdk') && !bundle.includes('@smithy') && !bundle.includes('CloudFormationClient'),
        `no SDK code in dist/${file}`,
      );
    }
  });

  it('the Kubernetes client waits for a bundle of its own', () => {
    const entry = fs.readFileSync(path.join(dist, 'extension.js'), 'utf8');
    assert.ok(entry.includes('require("./kubernetes.js")'));
    assert.ok(
      !entry.includes('KubeConfig') && !entry.includes('CoreV1Api'),
      'no Kubernetes client in dist/extension.js',
    );
    const aws = fs.readFileSync(path.join(dist, 'aws.js'), 'utf8');
    assert.ok(!aws.includes('KubeConfig'), 'the Kubernetes client waits for dist/kubernetes.js');
  });
});
