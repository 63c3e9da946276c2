// Who is calling, read from the SigV4 Authorization header's credential scope. The signature itself is
// not checked: the simulator only needs the key id (account), region and service the SDK signed for.

export interface SigV4Scope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

export type AuthResult = { kind: 'ok'; scope: SigV4Scope } | { kind: 'missing' } | { kind: 'incomplete' };

const credentialPattern = /Credential=([^/\s,]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request/;

export function readAuthorization(header: string | undefined): AuthResult {
  if (header === undefined || header.trim() === '') return { kind: 'missing' };
  if (!header.startsWith('AWS4-HMAC-SHA256 ')) return { kind: 'incomplete' };
  const match = credentialPattern.exec(header);
  if (!match || !/SignedHeaders=/.test(header) || !/Signature=[0-9a-f]+/.test(header)) return { kind: 'incomplete' };
  const [, accessKeyId, date, region, service] = match;
  return { kind: 'ok', scope: { accessKeyId, date, region, service } };
}
