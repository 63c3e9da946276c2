import * as assert from 'node:assert/strict';
import { withPasswordReadAgain, type KeptPassword } from '../../../src/model/secrets/passwordReadAgain';

class Refused extends Error {}
const refused = (error: unknown): boolean => error instanceof Refused;

/** A kept password whose stored value is `stored` (what a fresh read from SSM or the CLI's files returns). */
function kept(stored: string | undefined): KeptPassword & { reads: number; forgets: number } {
  return {
    reads: 0,
    forgets: 0,
    read() {
      this.reads += 1;
      return Promise.resolve(stored);
    },
    forget() {
      this.forgets += 1;
    },
  };
}

/** A rack API that accepts only `accepted`, recording the passwords it was called with. */
function rackApi(accepted: string): { tried: string[]; call(password: string): Promise<string> } {
  return {
    tried: [],
    call(password) {
      this.tried.push(password);
      return password === accepted
        ? Promise.resolve(`system for ${password}`)
        : Promise.reject(new Refused('HTTP 401'));
    },
  };
}

describe('a rack API password read again after a refusal', () => {
  it('calls once with the kept password when the rack accepts it, reading nothing again', async () => {
    const password = kept('new');
    const api = rackApi('old');
    assert.equal(await withPasswordReadAgain(password, 'old', (value) => api.call(value), refused), 'system for old');
    assert.deepEqual([api.tried, password.reads, password.forgets], [['old'], 0, 0]);
  });

  it('after a 401, forgets the password, reads it again and calls once more with the rotated one', async () => {
    const password = kept('rotated');
    const api = rackApi('rotated');
    assert.equal(
      await withPasswordReadAgain(password, 'old', (value) => api.call(value), refused),
      'system for rotated',
    );
    assert.deepEqual([api.tried, password.reads, password.forgets], [['old', 'rotated'], 1, 1]);
  });

  it('keeps the refusal when the password read again is the same, or cannot be read', async () => {
    for (const stored of ['old', undefined]) {
      const password = kept(stored);
      const api = rackApi('other');
      await assert.rejects(
        withPasswordReadAgain(password, 'old', (value) => api.call(value), refused),
        Refused,
      );
      assert.deepEqual([api.tried, password.reads], [['old'], 1], String(stored));
    }
  });

  it('gives up after the second refusal: no loop', async () => {
    const password = kept('rotated');
    const api = rackApi('neither');
    await assert.rejects(
      withPasswordReadAgain(password, 'old', (value) => api.call(value), refused),
      Refused,
    );
    assert.deepEqual([api.tried, password.reads, password.forgets], [['old', 'rotated'], 1, 1]);
  });

  it('passes any other failure on without forgetting the password', async () => {
    const password = kept('rotated');
    const down = new Error('connect ECONNREFUSED');
    await assert.rejects(
      withPasswordReadAgain(password, 'old', () => Promise.reject(down), refused),
      down,
    );
    assert.deepEqual([password.reads, password.forgets], [0, 0]);
  });
});
