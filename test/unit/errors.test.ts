import * as assert from 'node:assert/strict';
import { PagingError } from '../../src/aws/discovery';
import { classifyError } from '../../src/aws/errors';

const context = { profile: 'acme-prod', region: 'eu-west-1', action: 'list CloudFormation stacks' };
function failure(name: string, message = '', extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name, ...extra });
}

describe('what an AWS failure means to a person', () => {
  it('expired or invalid credentials, from any protocol, say how to sign in again', () => {
    for (const name of ['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'InvalidClientTokenId', 'UnrecognizedClientException']) {
      const classified = classifyError(failure(name, 'The security token included in the request is expired'), context);
      assert.equal(classified.kind, 'expired-credentials', name);
      assert.match(classified.message, /aws sso login --profile acme-prod/);
    }
    assert.equal(classifyError(failure('CredentialsProviderError', 'The SSO session has expired'), context).kind, 'expired-credentials');
    assert.match(classifyError(failure('CredentialsProviderError', 'Could not resolve credentials using profile'), context).message, /No usable credentials for profile "acme-prod"/);
  });
  it('access denied names the permission and the region setting', () => {
    for (const name of ['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation']) {
      const classified = classifyError(failure(name, 'not authorized'), context);
      assert.equal(classified.kind, 'access-denied', name);
      assert.match(classified.message, /remove eu-west-1 from the setting convox\.regions/);
    }
  });
  it('throttling says how many attempts were made', () => {
    const classified = classifyError(failure('Throttling', 'Rate exceeded', { $metadata: { attempts: 4 } }), context);
    assert.equal(classified.kind, 'throttled');
    assert.match(classified.message, /after 4 attempts/);
    assert.equal(classifyError(failure('RequestLimitExceeded'), context).kind, 'throttled');
  });
  it('network failures are found on the error or its cause', () => {
    assert.equal(classifyError(failure('Error', 'connect ECONNREFUSED', { code: 'ECONNREFUSED' }), context).kind, 'network');
    assert.equal(classifyError(failure('Error', 'wrapped', { cause: Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' }) }), context).kind, 'network');
    assert.equal(classifyError(failure('TimeoutError', 'socket hang up'), context).kind, 'network');
  });
  it('a listing whose pages never end says the listing stopped and where to look', () => {
    const classified = classifyError(new PagingError('the same NextToken came back twice'), context);
    assert.equal(classified.kind, 'other');
    assert.equal(
      classified.message,
      'AWS answered list CloudFormation stacks in eu-west-1 for profile "acme-prod" with pages that never end (the same NextToken came back twice), so the listing stopped. Check the profile\'s endpoint_url (a proxy or emulator may be misbehaving), then retry.',
    );
  });
  it('an answer that cannot be parsed is reported as unreadable', () => {
    const classified = classifyError(failure('Error', '@aws-sdk XML parse error: unexpected end of input.'), context);
    assert.equal(classified.kind, 'other');
    assert.match(classified.message, /could not be read/);
    assert.match(classifyError(failure('SyntaxError', 'Unexpected token'), context).message, /could not be read/);
  });
  it('anything else keeps its name and message', () => {
    assert.deepEqual(classifyError(failure('ValidationError', 'Stack does not exist'), context), {
      kind: 'other',
      message: 'Could not list CloudFormation stacks in eu-west-1 for profile "acme-prod": ValidationError: Stack does not exist. Retry; if it persists, see the Convox log (Convox: Show Log).',
    });
    assert.equal(classifyError('plain string', context).kind, 'other');
  });
});
