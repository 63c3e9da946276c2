// The release server: versions.json and each release's rack.json, as convox.s3.amazonaws.com/release serves them.
import { rackTemplate } from './scenarios/install';
import type { InstallWorld } from './types';

export interface ReleasesAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const json = (body: unknown): ReleasesAnswer => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const s3Error = (status: number, code: string, message: string): ReleasesAnswer => ({
  status,
  headers: { 'content-type': 'application/xml' },
  body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
});

export function releasesAnswer(install: InstallWorld, path: string): ReleasesAnswer {
  if (path === '/release/versions.json') {
    if (install.releaseList === 'unavailable') return s3Error(503, 'SlowDown', 'Please reduce your request rate.');
    if (install.releaseList === 'malformed')
      return {
        status: 200,
        headers: { 'content-type': 'text/html' },
        body: '<html><body>Captive portal: sign in</body></html>',
      };
    return json(install.releases);
  }
  const match = /^\/release\/([^/]+)\/rack\.json$/.exec(path);
  const version = match ? decodeURIComponent(match[1]) : undefined;
  if (version === undefined || !install.releases.some((release) => release.version === version))
    return s3Error(403, 'AccessDenied', 'Access Denied');
  return json(rackTemplate(version));
}
