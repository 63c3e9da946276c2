import * as assert from 'node:assert/strict';
import { localInspectDocument } from '../../src/model/inspect/inspectDocument';
import { localRacks } from '../../src/model/local/localRacks';
import { rackRow } from '../../src/model/racks/rows';

describe('rows of local racks', () => {
  const [dev] = localRacks({ context: 'docker-desktop', namespaces: [{ name: 'dev' }] });

  it('a rack not current is told by its status, context and icon, to screen readers as well', () => {
    const { tooltip, ...row } = rackRow(dev, false);
    assert.ok(tooltip);
    assert.deepEqual(row, {
      id: 'rack/kubernetes:docker-desktop/dev',
      label: 'dev',
      description: 'running · docker-desktop',
      icon: { id: 'pass-filled', color: 'testing.iconPassed' },
      contextValue: 'rack.running.local',
      accessibilityLabel: 'local/dev, running, Kubernetes context docker-desktop',
      collapsible: 'none',
    });
  });

  it('the current rack says so to screen readers', () => {
    assert.equal(
      rackRow(dev, true).accessibilityLabel,
      'local/dev, running, current rack, Kubernetes context docker-desktop',
    );
  });

  it('a Convox v3 rack has its own icon, and says what it is to screen readers', () => {
    const [shop] = localRacks({
      context: 'eks-prod',
      namespaces: [{ name: 'shop-system', labels: { app: 'system', rack: 'shop', system: 'convox', type: 'rack' } }],
    });
    const { tooltip, ...row } = rackRow(shop, false);
    assert.ok(tooltip);
    assert.deepEqual(row, {
      id: 'rack/kubernetes:eks-prod/shop-system',
      label: 'shop',
      description: 'v3 · eks-prod',
      icon: { id: 'server-environment' },
      contextValue: 'v3rack',
      accessibilityLabel: 'shop (v3), Convox v3 rack, Kubernetes context eks-prod',
      collapsible: 'none',
    });
  });
});

describe('the Inspect document of a local rack', () => {
  it('is a titled Rack section of where it lives, and says why there is nothing more', () => {
    const [convox] = localRacks({ context: 'docker-desktop', namespaces: [{ name: 'convox' }] });
    assert.equal(
      localInspectDocument(convox),
      [
        'local/convox',
        '============',
        '',
        'Rack',
        '----',
        'Name       local/convox',
        'Provider   local (Kubernetes)',
        'Namespace  convox',
        'Context    docker-desktop',
        'Status     running',
        'Endpoint   https://rack.convox',
        '',
        'A local rack runs in a Kubernetes namespace, not on AWS: it has no stack, instances or parameters to show.',
        '',
      ].join('\n'),
    );
  });
});
