// Local racks through the shipped bundle (dist/kubernetes.js) against a minimal Kubernetes API. The client
// needs the Node of VS Code's extension host (22.15 or later); mocha may run on an older one, so each lookup
// runs in a child on the Node the host tests use.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { findLocalRacks, localRacks, type LocalLookup } from '../../src/model/local/localRacks';
import { ensureNode } from '../runner/install';
import { kubeconfigFor, startKubernetesApi, v3RackNamespace, type KubernetesApi } from './kubernetes';

const bundle = path.resolve(__dirname, '..', '..', '..', 'dist', 'kubernetes.js');
// Answers with how long the lookup took from its call (loading the 2 MB bundle is not the lookup's time), then
// exits: a connection left to time out must not count.
const script = `const { lookUpLocalRacks } = require(${JSON.stringify(bundle)});
const started = Date.now();
const answer = (outcome) => process.stdout.write(JSON.stringify({ ...outcome, ms: Date.now() - started }), () => process.exit(0));
lookUpLocalRacks(Number(process.argv[1])).then((found) => answer({ found }), (error) => answer({ error: error.message }));`;

type Outcome = ({ found: LocalLookup } | { error: string }) & { ms: number };

describe('local racks from the Kubernetes API', function () {
  this.timeout(60_000);
  let api: KubernetesApi;
  let node: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convox-kube-'));

  const lookUp = (env: Record<string, string>, deadlineMs = 5_000): Promise<{ outcome: Outcome; ms: number }> =>
    new Promise((resolve, reject) => {
      execFile(
        node,
        ['-e', script, String(deadlineMs)],
        { env: { PATH: process.env.PATH ?? '', HOME: dir, ...env } },
        (error, stdout) => {
          if (error) reject(error);
          else {
            const outcome = JSON.parse(stdout) as Outcome;
            resolve({ outcome, ms: outcome.ms });
          }
        },
      );
    });

  before(async () => {
    node = await ensureNode();
    api = await startKubernetesApi([
      { name: 'convox', labels: { system: 'convox', type: 'rack' } },
      { name: 'dev', labels: { system: 'convox', type: 'rack', rack: 'dev' } },
      { name: 'convox-myapp', labels: { system: 'convox', type: 'app' } },
      { name: 'kube-system', labels: {} },
      v3RackNamespace('shop'),
    ]);
  });
  after(async () => {
    await api?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists the namespaces labelled system=convox,type=rack of the current context, as `convox racks` does', async () => {
    const { outcome } = await lookUp({ KUBECONFIG: api.writeKubeconfig(dir, 'docker-desktop') });
    assert.ok('found' in outcome, JSON.stringify(outcome));
    assert.equal(outcome.found.context, 'docker-desktop');
    assert.deepEqual(
      outcome.found.namespaces.map((namespace) => namespace.name),
      ['convox', 'dev', 'shop-system'],
    );
    assert.deepEqual(
      api.requests.at(-1),
      'system=convox,type=rack',
      'the selector goes to the API, as kubectl sends it',
    );
    assert.deepEqual(
      outcome.found.namespaces[2].labels,
      { app: 'system', rack: 'shop', system: 'convox', type: 'rack' },
      'the labels come with each namespace',
    );
    const racks = localRacks({
      ...outcome.found,
      namespaces: outcome.found.namespaces.map(({ name, labels }) => ({ name, labels })),
    });
    assert.deepEqual(
      racks.map((rack) => [rack.fullName, rack.organization, rack.status, rack.local?.context, rack.local?.v3Rack]),
      [
        ['local/convox', 'local', 'running', 'docker-desktop', undefined],
        ['local/dev', 'local', 'running', 'docker-desktop', undefined],
        ['shop (v3)', 'local', 'running', 'docker-desktop', 'shop'],
      ],
      'the v3 rack by its own name; a rack label alone (dev) does not make one',
    );
  });

  it('reads ~/.kube/config when KUBECONFIG is not set', async () => {
    fs.mkdirSync(path.join(dir, '.kube'), { recursive: true });
    fs.copyFileSync(api.writeKubeconfig(dir, 'home-context'), path.join(dir, '.kube', 'config'));
    const { outcome } = await lookUp({});
    assert.ok('found' in outcome && outcome.found.context === 'home-context', JSON.stringify(outcome));
    fs.rmSync(path.join(dir, '.kube'), { recursive: true });
  });

  it('an unreachable cluster means no local racks, with the reason, within the deadline', async () => {
    const closed = await startKubernetesApi([]);
    const kubeconfig = closed.writeKubeconfig(fs.mkdtempSync(path.join(dir, 'closed-')), 'gone');
    await closed.stop();
    const { outcome, ms } = await lookUp({ KUBECONFIG: kubeconfig }, 3_000);
    assert.ok('error' in outcome);
    assert.match(
      outcome.error,
      /the Kubernetes API of context "gone" \(https:\/\/127\.0\.0\.1:\d+\) could not list namespaces/,
    );
    assert.ok(ms < 3_000, `${ms} ms`);
  });

  it('a cluster that never answers is given up at the deadline', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const kubeconfig = path.join(dir, 'silent');
      fs.writeFileSync(
        kubeconfig,
        kubeconfigFor(`https://127.0.0.1:${(silent.address() as net.AddressInfo).port}`, 'silent', api.certificate),
      );
      const { outcome, ms } = await lookUp({ KUBECONFIG: kubeconfig }, 1_000);
      assert.ok('error' in outcome);
      assert.match(outcome.error, /did not answer within 1 s/);
      assert.ok(ms < 2_000, `${ms} ms for a 1 s deadline`);
    } finally {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('no kubeconfig means no local racks, with the reason', async () => {
    const { outcome } = await lookUp({ KUBECONFIG: path.join(dir, 'missing') });
    assert.ok('error' in outcome);
    assert.match(outcome.error, /^no kubeconfig \(KUBECONFIG=.*missing does not exist\)$/);
  });

  it('CONVOX_LOCAL=disable skips the lookup', async () => {
    let asked = false;
    const racks = await findLocalRacks({ CONVOX_LOCAL: 'disable' }, () => {
      asked = true;
      return Promise.resolve({ context: 'x', namespaces: [{ name: 'convox' }] });
    });
    assert.deepEqual(racks, []);
    assert.equal(asked, false);
    assert.equal(
      (await findLocalRacks({}, () => Promise.resolve({ context: 'x', namespaces: [{ name: 'convox' }] }))).length,
      1,
    );
  });
});
