import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliConfigError } from '../../src/model/cli/cliSettings';
import { asError, messageOf } from '../../src/model/errorMessage';
import { ChangeSetFailedError, NameTakenError } from '../../src/model/install/errors';
import { ReleaseListError } from '../../src/model/install/releases';
import { SettingsError } from '../../src/model/settings';
import { PreviewFailedError } from '../../src/model/update/ports';
import { RackApiError, RackApiUnreachableError, UntrustedCertificateError } from '../../src/model/update/rackApiErrors';
import { projectRoot } from '../projectRoot';

describe('caught values', () => {
  it("says an Error's message, and any other value as text", () => {
    assert.equal(messageOf(new TypeError('no such rack')), 'no such rack');
    assert.equal(messageOf('plain text'), 'plain text');
    assert.equal(messageOf(42), '42');
    assert.equal(messageOf(undefined), 'undefined');
  });

  it('keeps an Error as it is and wraps anything else', () => {
    const error = new RangeError('too far');
    assert.equal(asError(error), error);
    const wrapped = asError('timed out');
    assert.ok(wrapped instanceof Error);
    assert.equal(wrapped.message, 'timed out');
  });
});

/** The classes of src/model that extend `base`, by the source's own declarations. */
function declaredSubclasses(base: string): string[] {
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return walk(file);
      if (!entry.name.endsWith('.ts')) return [];
      return [...fs.readFileSync(file, 'utf8').matchAll(new RegExp(`class (\\w+) extends ${base}\\b`, 'g'))].map(
        (match) => match[1],
      );
    });
  return walk(path.join(projectRoot(__dirname), 'src', 'model')).sort();
}

describe('model errors thrown in one bundle and caught in another', () => {
  const modelErrors: Record<string, { new (...args: never[]): Error; errorName: string }> = {
    ChangeSetFailedError,
    CliConfigError,
    NameTakenError,
    PreviewFailedError,
    RackApiError,
    RackApiUnreachableError,
    ReleaseListError,
    SettingsError,
    UntrustedCertificateError,
  };

  it('every model error class is one, and is checked here', () => {
    assert.deepEqual(declaredSubclasses('Error'), ['ModelError'], 'model errors extend ModelError');
    assert.deepEqual(Object.keys(modelErrors).sort(), declaredSubclasses('ModelError'));
  });

  for (const [name, type] of Object.entries(modelErrors))
    it(`${name}: an instance of another bundle's copy is one, by its name; another error is not`, () => {
      // What another bundle's copy of the class throws: an Error of another prototype chain, with the same name.
      const fromAnotherBundle = Object.assign(new Error('thrown elsewhere'), { name });
      assert.equal(type.errorName, name);
      assert.ok(fromAnotherBundle instanceof type);
      assert.ok(!(new Error('plain') instanceof type));
      assert.ok(!(Object.assign(new Error('other'), { name: `${name}s` }) instanceof type));
      assert.ok(!((name as unknown) instanceof type), 'a string is no error');
    });

  it('an instance says its class name, kept by minified bundles', () => {
    const error = new RackApiError(401, 'refused');
    assert.equal(error.name, 'RackApiError');
    assert.equal(error.status, 401);
    assert.ok(error instanceof Error);
    assert.ok(!(error instanceof UntrustedCertificateError));
    assert.equal(new SettingsError('convox.regions', 'bad').name, 'SettingsError');
  });
});
