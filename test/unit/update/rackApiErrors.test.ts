import * as assert from 'node:assert/strict';
import { PreviewFailedError } from '../../../src/model/update/ports';
import { RackApiUnreachableError, UntrustedCertificateError } from '../../../src/model/update/rackApiErrors';
import { errorText, maxErrorChars } from '../../../src/rackApi/client';

describe("a rack API's error text", () => {
  it("is the JSON error's text, cut to its limit", () => {
    const long = `No updates [x](command:workbench.action.terminal.new) ${'z'.repeat(20_000)}`;
    const text = errorText(500, JSON.stringify({ error: long }));
    assert.equal(Array.from(text).length, maxErrorChars);
    assert.ok(text.startsWith('No updates'));
    assert.ok(text.endsWith('…'));
  });

  it('is the plain body when it is not JSON, cut the same way, and the status when empty', () => {
    assert.equal(Array.from(errorText(502, `<html>${'x'.repeat(5_000)}`)).length, maxErrorChars);
    assert.equal(errorText(502, '  '), 'HTTP 502');
    assert.equal(errorText(400, '{"error":"invalid count: x"}'), 'invalid count: x');
  });
});

describe('what a refused or failed rack API call says', () => {
  const certificate = {
    fingerprint: 'AB:CD:EF',
    subject: 'CN=router.prod.convox',
    validFrom: '2026-01-01',
    validTo: '2027-01-01',
  };

  it('an untrusted certificate: its fingerprint and why, and that nothing was sent', () => {
    const error = new UntrustedCertificateError('api.prod:443', certificate, false, 'self-signed certificate');
    assert.equal(
      error.message,
      'The rack API at api.prod:443 presented a certificate that is not trusted (self-signed certificate); its SHA-256 fingerprint is AB:CD:EF. Nothing was sent.',
    );
    assert.equal(error.name, 'UntrustedCertificateError');
    assert.equal(error.fingerprint, 'AB:CD:EF');
    assert.equal(error.host, 'api.prod:443');
    assert.equal(error.pinMismatch, false);
  });

  it('a certificate other than the pinned one says so', () => {
    const error = new UntrustedCertificateError('api.prod:443', certificate, true, 'fingerprint differs');
    assert.equal(
      error.message,
      'The rack API at api.prod:443 presented a different certificate (SHA-256 AB:CD:EF) from the one you trusted. Nothing was sent.',
    );
  });

  it('an unreachable API: the cause, and what to do for a private one', () => {
    const error = new RackApiUnreachableError('api.prod:443', 'ETIMEDOUT');
    assert.equal(error.name, 'RackApiUnreachableError');
    assert.equal(
      error.message,
      'The rack API at api.prod:443 could not be reached (ETIMEDOUT). If the rack has PrivateApi=Yes its API answers only inside its VPC: connect through a VPN or a bastion host in that VPC and try again, or set PrivateApi=No from there.',
    );
  });

  it('a preview CloudFormation could not compute gives its reason', () => {
    const error = new PreviewFailedError('Parameter InstanceCount failed to satisfy constraint');
    assert.equal(error.name, 'PreviewFailedError');
    assert.equal(error.statusReason, 'Parameter InstanceCount failed to satisfy constraint');
    assert.equal(
      error.message,
      'CloudFormation could not compute the preview: Parameter InstanceCount failed to satisfy constraint',
    );
  });
});
