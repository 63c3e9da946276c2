import * as assert from 'node:assert/strict';
import { minimumHelperTimeoutMs, helperTimeoutMs } from '../../src/model/helperTimeout';
import { failureNotice, installFailedNotice, optionPrompt } from '../../src/model/notices';

describe('notices that carry text from AWS, a rack or a template', () => {
  it('a failure names what went wrong and why, on one line with links broken apart', () => {
    assert.equal(
      failureNotice('Updating acme/production', 'denied\nsee [here](command:evil)'),
      'Convox: Updating acme/production: denied see [here] (command:evil)',
    );
  });

  it('a failed install names the rack, the root cause and the stack status left behind', () => {
    assert.equal(
      installFailedNotice('staging', 'The VPC limit was reached', 'ROLLBACK_COMPLETE'),
      'Convox: installing staging failed. The VPC limit was reached. The stack staging is left (ROLLBACK_COMPLETE) and blocks the name until deleted.',
    );
  });

  it('a failed install whose stack status is not known yet says it is rolling back', () => {
    assert.match(installFailedNotice('staging', 'x', undefined), /The stack staging is left \(rolling back\)/);
  });

  it('an option prompt shows the description and the default', () => {
    const prompt = optionPrompt({
      key: 'NodeType',
      description: 'Instance type',
      defaultValue: 't3.small',
      noEcho: false,
    });
    assert.equal(prompt, 'Instance type (default: t3.small)');
  });

  it('an option prompt says an empty default is empty', () => {
    assert.equal(
      optionPrompt({ key: 'Key', description: 'SSH key', defaultValue: '', noEcho: false }),
      'SSH key (default: empty)',
    );
  });

  it('an option prompt falls back to the key and shows no default where there is none', () => {
    assert.equal(optionPrompt({ key: 'Private', noEcho: false }), 'Private');
  });

  it('an option prompt never shows the default of a secret (NoEcho) parameter', () => {
    assert.equal(
      optionPrompt({ key: 'Password', description: 'Password', defaultValue: 'hunter2', noEcho: true }),
      'Password',
    );
  });

  it('an option prompt makes a hostile description inert', () => {
    assert.equal(
      optionPrompt({ key: 'K', description: '$(alert) [x](command:y)', noEcho: false }),
      '$ (alert) [x] (command:y)',
    );
  });
});

describe('how long a credential helper may run', () => {
  it('is the request deadline when that is longer than the minimum', () => {
    assert.equal(helperTimeoutMs(minimumHelperTimeoutMs + 15_000), minimumHelperTimeoutMs + 15_000);
  });

  it('is never under 30 seconds, however short the request deadline', () => {
    assert.equal(helperTimeoutMs(5_000), 30_000);
  });
});
