import * as assert from 'node:assert/strict';
import {
  currentRackVariables,
  noApiHost,
  pinnedRackVariables,
  rackApiUrl,
  type TerminalRack,
} from '../../../src/model/terminal/rackEnvironment';

const awsRack: TerminalRack = {
  name: 'production',
  fullName: 'acme/production',
  apiHost: 'production.us-east-1.elb.amazonaws.com',
};
const newRack: TerminalRack = { name: 'staging', fullName: 'acme/staging' };
const localRack: TerminalRack = {
  name: 'dev',
  fullName: 'local/dev',
  local: { namespace: 'dev', context: 'docker-desktop' },
};

describe('terminal variables', () => {
  it('put the password in the rack URL escaped, so that any character survives', () => {
    assert.equal(
      rackApiUrl('rack.example.com', 's3cr@t/:?#%'),
      'https://convox:s3cr%40t%2F%3A%3F%23%25@rack.example.com',
    );
  });

  it('name a host that never resolves for a rack without an API address yet', () => {
    assert.equal(noApiHost(newRack), 'staging.no-api-address-yet.invalid');
  });

  describe('of every new terminal (the current rack)', () => {
    it('pin a rack on AWS by its API host, with its password', () => {
      assert.deepEqual(currentRackVariables(awsRack, 'pw', undefined), {
        CONVOX_HOST: 'production.us-east-1.elb.amazonaws.com',
        CONVOX_PASSWORD: 'pw',
      });
    });

    it('leave the password to the CLI’s own files when it could not be read', () => {
      assert.deepEqual(currentRackVariables(awsRack, undefined, undefined), {
        CONVOX_HOST: 'production.us-east-1.elb.amazonaws.com',
      });
    });

    it('give a rack without an API address a host that fails, and no password', () => {
      assert.deepEqual(currentRackVariables(newRack, 'pw', undefined), {
        CONVOX_HOST: 'staging.no-api-address-yet.invalid',
      });
    });

    it('name the rack only when the CLI’s files would take its host to a local rack', () => {
      assert.deepEqual(currentRackVariables(awsRack, 'pw', 'local/dev'), {
        CONVOX_HOST: 'production.us-east-1.elb.amazonaws.com',
        CONVOX_PASSWORD: 'pw',
        CONVOX_RACK: 'production',
      });
      assert.equal(currentRackVariables(awsRack, 'pw', 'acme/production').CONVOX_RACK, undefined);
      assert.equal(currentRackVariables(awsRack, 'pw', 'acme/local/').CONVOX_RACK, undefined);
    });

    it('name a local rack as local/<namespace>, and nothing else', () => {
      assert.deepEqual(currentRackVariables(localRack, 'pw', 'local/other'), { CONVOX_RACK: 'local/dev' });
    });
  });

  describe('of a terminal opened on a rack', () => {
    it('pin a rack on AWS by its URL with the password, and its name', () => {
      assert.deepEqual(pinnedRackVariables(awsRack, 'p@ss'), {
        CONVOX_RACK: 'production',
        RACK_URL: 'https://convox:p%40ss@production.us-east-1.elb.amazonaws.com',
      });
    });

    it('fall back to the API host without a password', () => {
      assert.deepEqual(pinnedRackVariables(awsRack, undefined), {
        CONVOX_HOST: 'production.us-east-1.elb.amazonaws.com',
        CONVOX_RACK: 'production',
      });
    });

    it('give a rack without an API address a host that fails, even with a password', () => {
      assert.deepEqual(pinnedRackVariables(newRack, 'pw'), {
        CONVOX_HOST: 'staging.no-api-address-yet.invalid',
        CONVOX_RACK: 'staging',
      });
    });

    it('reach a local rack at https://rack.<namespace> by its name', () => {
      assert.deepEqual(pinnedRackVariables(localRack, undefined), {
        CONVOX_RACK: 'local/dev',
        RACK_URL: 'https://rack.dev',
      });
    });
  });
});
