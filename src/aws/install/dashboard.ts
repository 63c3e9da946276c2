import * as https from 'node:https';

/**
 * Whether anything answers HTTPS at `host` (`name` or `name:port`): any HTTP status will do, as the CLI waits for
 * the rack API to answer at all. The certificate is not checked: a new rack's may not be in place yet, and no
 * credential is sent.
 */
export function httpsAnswers(host: string, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const request = https.request(
      `https://${host}/`,
      { method: 'HEAD', rejectUnauthorized: false, signal },
      (response) => {
        response.resume();
        resolve(true);
      },
    );
    request.on('error', () => resolve(false));
    request.end();
  });
}
