import * as assert from 'node:assert/strict';
import type { Rack } from '../../../src/model/rack';
import { TrustedCertificates } from '../../../src/views/update/trustedCertificates';
import { MemoryState } from '../memoryState';

const facts = (fingerprint: string) => ({
  fingerprint,
  subject: 'CN=api.example.com',
  validFrom: 'Jan  1 00:00:00 2026 GMT',
  validTo: 'Jan  1 00:00:00 2027 GMT',
});
const rack = (name: string, apiHost: string): Rack =>
  ({ fullName: `acme/${name}`, displayName: `acme/${name}`, name, stackId: `arn:stack/${name}`, apiHost }) as Rack;

describe('trusted rack API certificates', () => {
  it("pins a fingerprint to one rack's API host only, replaces it, and removes it", async () => {
    const state = new MemoryState();
    const pins = new TrustedCertificates(state.memento);
    const production = rack('production', 'api.example.com');
    await pins.trust(production, facts('AA:BB'));
    assert.equal(pins.fingerprint(production), 'AA:BB');
    assert.equal(
      pins.fingerprint(rack('staging', 'api.example.com')),
      undefined,
      'another rack on the same host is not trusted',
    );
    assert.equal(
      pins.fingerprint({ ...production, apiHost: 'other.example.com' }),
      undefined,
      'the rack at another host is not trusted',
    );
    await pins.trust(production, facts('CC:DD'));
    assert.deepEqual(
      pins.all().map((pin) => pin.fingerprint),
      ['CC:DD'],
    );
    await pins.remove(pins.all());
    assert.equal(pins.fingerprint(production), undefined);
  });

  it('keeps what the certificate said of itself, and drops every pin of an uninstalled rack', async () => {
    const state = new MemoryState();
    const pins = new TrustedCertificates(state.memento);
    const production = rack('production', 'api.example.com');
    const staging = rack('staging', 'staging.example.com');
    await pins.trust(production, facts('AA:BB'));
    await pins.trust({ ...production, apiHost: 'old.example.com' }, facts('EE:FF'));
    await pins.trust(staging, facts('CC:DD'));
    assert.equal(pins.pinned(production)?.subject, 'CN=api.example.com');
    assert.equal(pins.pinned(production)?.validTo, 'Jan  1 00:00:00 2027 GMT');
    await pins.forgetRack(production.stackId);
    assert.deepEqual(
      pins.all().map((pin) => pin.rack),
      ['acme/staging'],
    );
  });

  it('keys a pin by stack id: a rack of the same name and host elsewhere is not trusted', async () => {
    const pins = new TrustedCertificates(new MemoryState().memento);
    const east = {
      ...rack('production', 'api.example.com'),
      stackId: 'arn:aws:cloudformation:us-east-1:1:stack/production/a',
      displayName: 'acme/production (us-east-1)',
    };
    await pins.trust(east, facts('AA:BB'));
    assert.equal(
      pins.fingerprint({ ...east, stackId: 'arn:aws:cloudformation:eu-west-1:1:stack/production/b' }),
      undefined,
    );
    assert.equal(pins.all()[0].rack, 'acme/production (us-east-1)', 'listed by the name it was shown by');
  });

  it('ignores stored entries of another shape', () => {
    const state = new MemoryState();
    state.values.set('convox.trustedRackCertificates', [
      { rack: 'x' },
      'nonsense',
      { rack: 'acme/a', stackId: 's', host: 'h', fingerprint: 'F', trustedAt: 1 },
    ]);
    assert.deepEqual(
      new TrustedCertificates(state.memento).all().map((pin) => pin.rack),
      ['acme/a'],
    );
  });
});
