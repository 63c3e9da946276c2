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
