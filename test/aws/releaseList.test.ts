// The release list as the rows, Install and Update share it, through the real fetch of the AWS ports against a
// release server on 127.0.0.1 that answers conditional requests as S3 does (ETag, Last-Modified, 304).
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsPorts } from '../../src/aws';
import { ReleaseListError } from '../../src/model/install/releases';
import { releaseListMaxAgeMs, ReleaseListReads } from '../../src/model/store/releaseListReads';
import { VirtualClock } from '../virtualClock';

interface Seen {
  ifNoneMatch?: string;
  ifModifiedSince?: string;
}

/** versions.json with an ETag and a Last-Modified; a request naming the current ETag is answered 304. */
async function releaseServer(): Promise<{
  url: string;
  seen: Seen[];
  publish(version: string): void;
  close(): Promise<void>;
}> {
  const releases = [
    { version: '20250101120000', description: '', published: true, required: false },
    { version: '20250615093000', description: '', published: true, required: true },
  ];
  let etag = '"1"';
  const lastModified = 'Sun, 15 Jun 2025 09:30:00 GMT';
  const seen: Seen[] = [];
  const server = http.createServer((request, response) => {
    const ifNoneMatch = request.headers['if-none-match'];
    seen.push({ ifNoneMatch, ifModifiedSince: request.headers['if-modified-since'] });
    const validators = { etag, 'last-modified': lastModified };
    if (ifNoneMatch === etag) response.writeHead(304, validators).end();
    else response.writeHead(200, { ...validators, 'content-type': 'application/json' }).end(JSON.stringify(releases));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/release/versions.json`,
    seen,
    publish(version) {
      releases.push({ version, description: '', published: true, required: false });
      etag = `"${releases.length}"`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('the release list read once a day, conditionally, through the real fetch', function () {
  this.timeout(20_000);
  let server: Awaited<ReturnType<typeof releaseServer>>;
  const ports = new AwsPorts({ maxAttempts: 1 });
  const clock = new VirtualClock();
  const logged: string[] = [];
  let changes = 0;
  const list = new ReleaseListReads((...args) => ports.releases.readReleases(...args), {
    now: () => clock.now(),
    log: (message) => logged.push(message),
    changed: () => (changes += 1),
  });
  /** What many rows drawn at once ask, then the read they started, as Install would wait for it. */
  const drawRows = async (url: string): Promise<readonly unknown[] | undefined> => {
    for (let row = 0; row < 25; row += 1) list.known(url, 5_000);
    return list.get(url, 5_000);
  };

  before(async () => (server = await releaseServer()));
  after(async () => {
    await server.close();
    ports.dispose();
  });

  it('reads the list once for many rows, and not again within a day', async () => {
    const first = await drawRows(server.url);
    assert.equal(first?.length, 2);
    assert.deepEqual(server.seen, [{ ifNoneMatch: undefined, ifModifiedSince: undefined }], 'one plain request');
    clock.advance(releaseListMaxAgeMs - 60_000);
    assert.equal(await drawRows(server.url), first);
    assert.equal(server.seen.length, 1, 'nothing asked within the day');
    assert.equal(changes, 1);
  });

  it('a day later asks conditionally, and a 304 keeps the list', async () => {
    const kept = list.known(server.url, 5_000);
    clock.advance(60_000);
    assert.equal(await drawRows(server.url), kept, 'the same list, not read again');
    assert.deepEqual(server.seen.slice(1), [{ ifNoneMatch: '"1"', ifModifiedSince: 'Sun, 15 Jun 2025 09:30:00 GMT' }]);
    assert.equal(changes, 1, 'nothing to redraw');
    assert.match(logged.at(-1) ?? '', /unchanged .*HTTP 304/);
  });

  it('takes the new list when one was published, and the rows hear of it', async () => {
    server.publish('20250801000000');
    clock.advance(releaseListMaxAgeMs);
    assert.equal((await drawRows(server.url))?.length, 3);
    assert.equal(server.seen.length, 3);
    assert.equal(changes, 2);
  });

  it('keeps what the rows show when the list cannot be read, and logs the outage once', async () => {
    const before = list.known(server.url, 5_000);
    await server.close();
    clock.advance(releaseListMaxAgeMs);
    for (let attempt = 0; attempt < 3; attempt += 1)
      await assert.rejects(drawRows(server.url), (error: unknown) => error instanceof ReleaseListError);
    assert.equal(list.known(server.url, 5_000), before);
    assert.equal(logged.filter((line) => line.startsWith('The release list could not be read')).length, 1);
  });
});
