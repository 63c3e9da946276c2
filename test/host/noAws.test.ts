// A user with no AWS configuration at all still gets a working extension (the Racks view explains what is missing).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { activateConvox } from './extension';

describe('without any AWS configuration', () => {
  it('sees no AWS variables but the two files, and neither file exists', () => {
    const awsVariables = Object.keys(process.env).filter((key) => key.startsWith('AWS_')).sort();
    assert.deepEqual(awsVariables, ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE']);
    assert.equal(fs.existsSync(process.env.AWS_CONFIG_FILE ?? ''), false);
    assert.equal(fs.existsSync(process.env.AWS_SHARED_CREDENTIALS_FILE ?? ''), false);
  });

  it('activates and returns its API', async () => {
    const api = await activateConvox();
    assert.equal(typeof api.activationMs, 'number');
    assert.ok(api.activationMs >= 0);
  });
});
