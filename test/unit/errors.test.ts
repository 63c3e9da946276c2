import * as assert from 'node:assert/strict';
import { PagingError } from '../../src/aws/discovery';
import { CredentialProcessError } from '../../src/aws/credentialProcess';
import { DeadlineError } from '../../src/aws/deadline';
import { classifyError } from '../../src/aws/errors';
import { environmentProfile } from '../../src/model/pair';

const context = { profile: 'acme-prod', region: 'eu-west-1', action: 'list CloudFormation stacks' };
function failure(name: string, message = '', extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name, ...extra });
}

describe('what an AWS failure means to a person', () => {
  it('expired or invalid credentials, from any protocol, say how to sign in again', () => {
    for (const name of [
      'ExpiredToken',
      'ExpiredTokenException',
      'RequestExpired',
      'InvalidClientTokenId',
      'UnrecognizedClientException',
    ]) {
      const classified = classifyError(failure(name, 'The security token included in the request is expired'), context);
      assert.equal(classified.kind, 'expired-credentials', name);
      assert.match(classified.message, /aws sso login --profile acme-prod/);
    }
    assert.equal(
      classifyError(failure('CredentialsProviderError', 'The SSO session has expired'), context).kind,
      'expired-credentials',
    );
    assert.match(
      classifyError(failure('CredentialsProviderError', 'Could not resolve credentials using profile'), context)
        .message,
      /No usable credentials for profile "acme-prod"/,
    );
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
    assert.equal(
      classifyError(failure('Error', 'connect ECONNREFUSED', { code: 'ECONNREFUSED' }), context).kind,
      'network',
    );
    assert.equal(
      classifyError(
        failure('Error', 'wrapped', { cause: Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' }) }),
        context,
      ).kind,
      'network',
    );
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
  it('a deadline names the endpoint that did not answer and the setting that sets it', () => {
    const classified = classifyError(new DeadlineError('http://127.0.0.1:9', 2_500), {
      ...context,
      endpoint: 'http://127.0.0.1:9',
    });
    assert.deepEqual(classified, {
      kind: 'network',
      message:
        'http://127.0.0.1:9 did not answer list CloudFormation stacks for profile "acme-prod" within 2.5 s, so the calls were stopped. Check your network or the profile\'s endpoint_url, or raise the setting convox.requestTimeout; then retry.',
    });
  });
  it('an error page that is not an AWS answer says so, with its status and endpoint', () => {
    const page = failure('Unknown', 'Unknown', {
      $metadata: { httpStatusCode: 500 },
      $response: { headers: { 'content-type': 'text/html' } },
    });
    assert.match(
      classifyError(page, { ...context, endpoint: 'https://proxy.example' }).message,
      /^HTTP 500 from https:\/\/proxy\.example, not an AWS answer, to list CloudFormation stacks/,
    );
    assert.equal(
      classifyError(
        failure('ValidationError', 'x', { $metadata: { httpStatusCode: 400 } }),
        context,
      ).message.startsWith('HTTP'),
      false,
      'an AWS error keeps its code',
    );
  });
  it('running out of file descriptors is named as such, wherever the code sits', () => {
    const wrapped = failure('Error', 'connect failed', { cause: Object.assign(new Error('open'), { code: 'EMFILE' }) });
    assert.match(classifyError(wrapped, context).message, /^Too many files are open \(EMFILE\).*ulimit -n/);
  });
  it('configuration problems say to fix the configuration, not to retry', () => {
    for (const error of [
      failure('CredentialsProviderError', 'Could not resolve credentials using profile: [acme-prod]'),
      failure('TypeError', 'Invalid URL'),
      failure('Error', 'Invalid region in client config'),
    ]) {
      const classified = classifyError(error, context);
      assert.equal(classified.kind, 'configuration', error.message);
      assert.match(classified.message, /Fix the configuration/);
      assert.doesNotMatch(classified.message, /retry/i);
    }
  });
  it('a credential process failure keeps its own safe message; what the SDK copied from a process is dropped', () => {
    const timedOut = new CredentialProcessError('acme-prod', { reason: 'timeout', timeoutMs: 30_000 });
    assert.deepEqual(classifyError(timedOut, context), { kind: 'expired-credentials', message: timedOut.message });
    assert.equal(
      classifyError(new CredentialProcessError('acme-prod', { reason: 'output', problem: 'notJson' }), context).kind,
      'configuration',
    );
    const copied = failure(
      'CredentialsProviderError',
      'Command failed: /bin/creds --token MARKER-TOKEN\nMARKER-STDERR',
    );
    const message = classifyError(copied, context).message;
    assert.doesNotMatch(message, /MARKER/);
    assert.match(message, /its credential_process failed/);
  });
  it('the environment credentials are named as such, with what to do for them', () => {
    const message = classifyError(failure('ExpiredToken', 'expired'), {
      ...context,
      profile: environmentProfile,
    }).message;
    assert.match(
      message,
      /^The credentials of the AWS_\* environment variables have expired.*Set fresh AWS_\* variables/,
    );
  });
  it("an unknown error's own text is cut to one short line", () => {
    const message = classifyError(failure('Weird', `${'x'.repeat(400)}\nsecond line`), context).message;
    assert.doesNotMatch(message, /second line/);
    assert.match(message, /x{299}…\. Retry/);
  });
  it('anything else keeps its name and message', () => {
    assert.deepEqual(classifyError(failure('ValidationError', 'Stack does not exist'), context), {
      kind: 'other',
      message:
        'Could not list CloudFormation stacks in eu-west-1 for profile "acme-prod": ValidationError: Stack does not exist. Retry; if it persists, see the Convox log (Convox: Show Log).',
    });
    assert.equal(classifyError('plain string', context).kind, 'other');
  });
});
