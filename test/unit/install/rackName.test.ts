import * as assert from 'node:assert/strict';
import { certificateNameLimit, rackNameProblem, type NameContext } from '../../../src/model/install/rackName';

const usEast: NameContext = { region: 'us-east-1', internal: false, privateApi: false };

describe('rack names: stack-name rules and the limits Convox meets late', () => {
  it('accepts a plain name', () => {
    assert.equal(rackNameProblem('production', usEast), undefined);
    assert.equal(rackNameProblem('Prod-2', usEast), undefined);
  });

  it('refuses what CloudFormation refuses, saying what to do', () => {
    assert.match(rackNameProblem('', usEast)?.message ?? '', /Type a name/);
    assert.match(rackNameProblem('2prod', usEast)?.message ?? '', /start with a letter/);
    assert.match(rackNameProblem('prod_1', usEast)?.message ?? '', /"_" is not allowed/);
    assert.match(rackNameProblem('prod.1', usEast)?.message ?? '', /"\." is not allowed/);
    assert.match(rackNameProblem('prod-', usEast)?.message ?? '', /end with a hyphen/);
  });

  it('derives the certificate limit from the 64-character domain rule and the region length', () => {
    assert.equal(certificateNameLimit(usEast), 29);
    assert.equal(certificateNameLimit({ ...usEast, internal: true }), 16);
    assert.equal(certificateNameLimit({ ...usEast, privateApi: true }), 18);
    assert.equal(certificateNameLimit({ ...usEast, region: 'ap-southeast-2' }), 24);
    assert.equal(certificateNameLimit({ region: 'ap-southeast-2', internal: true, privateApi: true }), 11);
  });

  it('a name too long for the certificate says why and gives the longest that fits', () => {
    const name = 'a'.repeat(20);
    assert.equal(rackNameProblem(name, usEast), undefined);
    const problem = rackNameProblem(name, { ...usEast, internal: true });
    assert.match(problem?.message ?? '', /certificate for the internal router \(Internal=Yes\)/);
    assert.match(problem?.message ?? '', /At most 16 characters/);
    assert.equal(problem?.longestFitting, 'a'.repeat(16));
    const sydney = rackNameProblem('my-very-long-rack-name-xyz', { ...usEast, region: 'ap-southeast-2' });
    assert.match(sydney?.message ?? '', /ap-southeast-2/);
    assert.equal(sydney?.longestFitting, 'my-very-long-rack-name-x');
  });

  it('the longest fitting name never ends with a hyphen', () => {
    const problem = rackNameProblem('abcdefghijklmno-pqrs', { ...usEast, internal: true });
    assert.equal(problem?.longestFitting, 'abcdefghijklmno');
  });

  it('refuses names over 128 characters as CloudFormation does', () => {
    assert.match(rackNameProblem('a'.repeat(129), usEast)?.message ?? '', /at most 128/);
  });
});

describe('rack names at their limits', () => {
  it('the longest name that fits passes; one more character says which balancer and how long', () => {
    assert.equal(rackNameProblem('a'.repeat(29), usEast), undefined);
    assert.equal(
      rackNameProblem('a'.repeat(30), usEast)?.message,
      `Too long for us-east-1: the certificate for the API load balancer would be named over 64 characters, which fails the install about twenty minutes in. At most 29 characters here; "${'a'.repeat(29)}" fits.`,
    );
    const privateApi = rackNameProblem('a'.repeat(19), { ...usEast, privateApi: true });
    assert.match(privateApi?.message ?? '', /certificate for the internal API load balancer \(PrivateApi=Yes\)/);
    assert.equal(privateApi?.longestFitting, 'a'.repeat(18));
  });

  it('a name of exactly 128 characters is a valid stack name, only too long for the certificate', () => {
    assert.match(rackNameProblem('a'.repeat(128), usEast)?.message ?? '', /^Too long for us-east-1/);
    assert.equal(rackNameProblem('a'.repeat(129), usEast)?.longestFitting, 'a'.repeat(128));
  });

  it('refuses two hyphens in a row', () => {
    assert.equal(
      rackNameProblem('prod--web', usEast)?.message,
      'A rack name cannot contain two hyphens in a row: ELB refuses such load balancer names.',
    );
  });

  it('the longest fitting name loses only a hyphen at its end', () => {
    const problem = rackNameProblem('ab-cdefghijklmn-pqrs', { ...usEast, internal: true });
    assert.equal(problem?.longestFitting, 'ab-cdefghijklmn');
  });

  it('where the certificate would allow more, the load balancer name’s own 32 characters are the limit', () => {
    // No AWS region name is this short; the rule holds all the same.
    const short: NameContext = { region: 'x', internal: false, privateApi: false };
    assert.equal(certificateNameLimit(short), 37);
    assert.equal(rackNameProblem('a'.repeat(32), short), undefined);
    assert.deepEqual(rackNameProblem('a'.repeat(33), short), {
      message: `Too long: the load balancer <rack> would have a name over 32 characters. At most 32 characters; "${'a'.repeat(32)}" fits.`,
      longestFitting: 'a'.repeat(32),
    });
  });
});
