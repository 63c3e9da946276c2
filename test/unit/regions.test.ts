import * as assert from 'node:assert/strict';
import { awsRegions } from '../../src/model/regions';
import { parseRegions } from '../../src/model/settings';

describe('the Choose Regions picker', () => {
  it('offers only codes the convox.regions setting accepts, each once', () => {
    const codes = awsRegions.map((region) => region.code);
    assert.deepEqual(parseRegions(codes), codes);
    for (const code of ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2', 'sa-east-1'])
      assert.ok(codes.includes(code), code);
  });
  it('describes every region by a name of its own', () => {
    const names = awsRegions.map((region) => region.name);
    for (const name of names) assert.match(name, /^\S.*\S$/);
    assert.equal(new Set(names).size, names.length);
    assert.equal(awsRegions.find((region) => region.code === 'eu-central-1')?.name, 'Europe (Frankfurt)');
  });
});
