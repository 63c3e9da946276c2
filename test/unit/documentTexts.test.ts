import * as assert from 'node:assert/strict';
import { DocumentTexts } from '../../src/views/shared/documentTexts';

describe('texts of read-only documents', () => {
  it('are kept while their document is open and dropped when it closes; other schemes are left alone', () => {
    const listeners: Array<(document: { uri: { toString(): string } }) => void> = [];
    const close = (uri: string): void => listeners.forEach((listener) => listener({ uri: { toString: () => uri } }));
    const texts = new DocumentTexts('convox-rack-preview', (listener) => {
      listeners.push(listener);
      return { dispose: () => listeners.splice(listeners.indexOf(listener), 1) };
    });
    for (let index = 0; index < 50; index++)
      texts.set(`convox-rack-preview:/acme${index}%20preview?${index}`, `preview ${index}`);
    texts.set('convox-rack-preview:/kept', 'kept');
    for (let index = 0; index < 50; index++) close(`convox-rack-preview:/acme${index}%20preview?${index}`);
    close('file:///kept');
    close('convox-rack-preview-other:/kept');
    assert.equal(texts.size, 1);
    assert.equal(texts.get('convox-rack-preview:/kept'), 'kept');
    texts.dispose();
    assert.equal(listeners.length, 0);
    assert.equal(texts.size, 0);
  });
});
