import type { IncomingMessage } from 'node:http';
import * as https from 'node:https';
import * as tls from 'node:tls';
import {
  RackApiError,
  RackApiUnreachableError,
  UntrustedCertificateError,
  type CertificateFacts,
} from '../model/update/rackApiErrors';
import { messageOf } from '../model/errorMessage';
import type { RackApiTarget, RackSystem } from '../model/update/ports';

/** A rack API answer is a few KB; anything far bigger is not one. */
const maxAnswerBytes = 1024 * 1024;

function split(host: string): { hostname: string; port: number } {
  const at = host.lastIndexOf(':');
  const port = at > 0 ? Number(host.slice(at + 1)) : NaN;
  return Number.isInteger(port) && port > 0 ? { hostname: host.slice(0, at), port } : { hostname: host, port: 443 };
}

const isIp = (hostname: string): boolean => /^[\d.]+$/.test(hostname) || hostname.includes(':');

/** What the connection's certificate says of itself; its subject's fields joined as `CN=…, O=…`. */
function certificateFacts(socket: tls.TLSSocket): CertificateFacts {
  const certificate = socket.getPeerCertificate();
  const subject = Object.entries(certificate.subject ?? {})
    .map(([field, value]) => `${field}=${Array.isArray(value) ? value.join('+') : String(value)}`)
    .join(', ');
  return {
    fingerprint: certificate.fingerprint256 ?? '',
    subject,
    validFrom: certificate.valid_from ?? '',
    validTo: certificate.valid_to ?? '',
  };
}

/** Words for node's verification error code (self-signed, unknown authority, wrong name, expired…). */
function verificationReason(code: string): string {
  return code === 'ERR_TLS_CERT_ALTNAME_INVALID'
    ? 'it is made for another name'
    : code.toLowerCase().replace(/_/g, ' ');
}

/** Whether the connection's certificate is the pinned one; checked before a byte of the request is written. */
function matchesPin(socket: tls.TLSSocket, pin: string): boolean {
  const fingerprint = socket.getPeerCertificate().fingerprint256 ?? '';
  return fingerprint !== '' && fingerprint.toUpperCase() === pin.toUpperCase();
}

async function readBody(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response) {
    size += (chunk as Buffer).length;
    if (size > maxAnswerBytes)
      throw new RackApiError(
        response.statusCode ?? 0,
        'The rack API sent more than 1 MB; that is not one of its answers.',
      );
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The most of a rack's error kept: its errors are a sentence; more is something else talking. */
export const maxErrorChars = 500;

function shortened(text: string): string {
  const characters = Array.from(text.trim());
  return characters.length <= maxErrorChars
    ? characters.join('')
    : `${characters.slice(0, maxErrorChars - 1).join('')}…`;
}

/** What a failed answer says: the rack's JSON `{"error": …}`, else its text, either shortened. */
export function errorText(status: number, body: string): string {
  let text = body;
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { error?: unknown }).error === 'string')
      text = (parsed as { error: string }).error;
  } catch {
    // Not JSON: the text itself.
  }
  const short = shortened(text);
  return short === '' ? `HTTP ${status}` : short;
}

/**
 * One request to the rack API with basic auth `convox:<password>`, ending within `deadlineMs`, on one connection
 * whose certificate is checked before a byte of the request is written. Without a pin it must pass the checks any
 * HTTPS client makes (authorities, name, dates); with a pin its fingerprint must be the pinned one. A refused
 * certificate is described in an UntrustedCertificateError, read from this same connection.
 */
export function rackApiRequest(
  target: RackApiTarget,
  method: 'GET' | 'PUT',
  path: string,
  form: string | undefined,
  deadlineMs: number,
): Promise<{ status: number; body: string }> {
  const { hostname, port } = split(target.host);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deadlineMs);
  const body = form === undefined ? undefined : Buffer.from(form, 'utf8');
  const pin = target.pinnedFingerprint;
  const attempt = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = https.request({
      host: hostname,
      port,
      method,
      path,
      servername: isIp(hostname) ? undefined : hostname,
      // A connection of its own: never a pooled socket verified under other rules.
      agent: false,
      // The verdict (authorized, or why not) is checked below before anything is sent, so that a refused
      // certificate can be described from this connection rather than read again on another.
      rejectUnauthorized: false,
      signal: controller.signal,
      headers: {
        authorization: `Basic ${Buffer.from(`convox:${target.password}`).toString('base64')}`,
        accept: 'application/json',
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(body.length) } : {}),
      },
    });
    const send = (): void => {
      request.end(body);
    };
    request.once('socket', (socket) => {
      const secure = socket as tls.TLSSocket;
      const check = (): void => {
        if (pin === undefined) {
          if (secure.authorized) return send();
          const reason = verificationReason(String(secure.authorizationError ?? 'unverified'));
          return void request.destroy(
            new UntrustedCertificateError(target.host, certificateFacts(secure), false, reason),
          );
        }
        if (matchesPin(secure, pin)) return send();
        request.destroy(
          new UntrustedCertificateError(target.host, certificateFacts(secure), true, 'another certificate'),
        );
      };
      // The request is written only once the TLS handshake (and with a pin, the fingerprint check) has passed.
      if (!secure.connecting && secure.getPeerCertificate && Object.keys(secure.getPeerCertificate()).length > 0)
        check();
      else secure.once('secureConnect', check);
    });
    request.once('response', (response) => {
      readBody(response).then((text) => resolve({ status: response.statusCode ?? 0, body: text }), reject);
    });
    request.once('error', reject);
  });
  return attempt
    .catch((error: unknown) => {
      if (error instanceof UntrustedCertificateError || error instanceof RackApiError) throw error;
      const code = (error as { code?: string }).code ?? '';
      throw new RackApiUnreachableError(
        target.host,
        controller.signal.aborted ? `no answer within ${Math.round(deadlineMs / 1000)} s` : code || messageOf(error),
      );
    })
    .finally(() => clearTimeout(timer));
}

/** Throws the rack's own error for a failed answer; a refused password says so. */
function checked(answer: { status: number; body: string }): string {
  if (answer.status === 401)
    throw new RackApiError(
      401,
      "The rack API refused the password (HTTP 401): the rack's RackApiSecret may have changed; refresh the racks and try again.",
    );
  if (answer.status >= 400) throw new RackApiError(answer.status, errorText(answer.status, answer.body));
  return answer.body;
}

/** `GET /system`: the rack as its API sees it (status, version, count, type, parameters). */
export async function systemOf(target: RackApiTarget, deadlineMs: number): Promise<RackSystem> {
  const text = checked(await rackApiRequest(target, 'GET', '/system', undefined, deadlineMs));
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new RackApiError(200, 'The rack API answered /system with something that is not JSON.');
  }
  const record = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const field = (key: string): string => (typeof record[key] === 'string' ? (record[key] as string) : '');
  const parameters =
    typeof record.parameters === 'object' && record.parameters !== null
      ? (record.parameters as Record<string, unknown>)
      : {};
  return {
    name: field('name'),
    status: field('status'),
    version: field('version'),
    count: typeof record.count === 'number' ? record.count : 0,
    type: field('type'),
    parameters: Object.fromEntries(
      Object.entries(parameters).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    ),
  };
}

/** `PUT /system` with the form the CLI sends (see model/update/rackChange systemUpdateForm). */
export async function updateSystem(target: RackApiTarget, form: string, deadlineMs: number): Promise<void> {
  checked(await rackApiRequest(target, 'PUT', '/system', form, deadlineMs));
}
