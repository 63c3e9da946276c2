import { ModelError } from '../errorMessage';

/** What a rack API's certificate says of itself, to show when it is refused and to keep beside its pin. */
export interface CertificateFacts {
  /** SHA-256 fingerprint, `AB:CD:…`. */
  fingerprint: string;
  /** The subject's fields, `CN=…, O=…`: the rack's text, shown only through inertText. */
  subject: string;
  validFrom: string;
  validTo: string;
}

/** The rack API's certificate is not trusted by the system's authorities, or no longer matches the pin the person set. */
export class UntrustedCertificateError extends ModelError {
  static override readonly errorName = 'UntrustedCertificateError';

  constructor(
    readonly host: string,
    /** The certificate of the connection that was refused: the one to show and to pin. */
    readonly certificate: CertificateFacts,
    /** Whether a pin was set for this host and the certificate is another one. */
    readonly pinMismatch: boolean,
    reason: string,
  ) {
    super(
      pinMismatch
        ? `The rack API at ${host} presented a different certificate (SHA-256 ${certificate.fingerprint}) from the one you trusted. Nothing was sent.`
        : `The rack API at ${host} presented a certificate that is not trusted (${reason}); its SHA-256 fingerprint is ${certificate.fingerprint}. Nothing was sent.`,
    );
  }

  /** SHA-256 fingerprint of the certificate the host presented. */
  get fingerprint(): string {
    return this.certificate.fingerprint;
  }
}

/** Nothing answered at the rack API's address, or not in time. */
export class RackApiUnreachableError extends ModelError {
  static override readonly errorName = 'RackApiUnreachableError';

  constructor(host: string, cause: string) {
    super(
      `The rack API at ${host} could not be reached (${cause}). If the rack has PrivateApi=Yes its API answers only inside its VPC: connect through a VPN or a bastion host in that VPC and try again, or set PrivateApi=No from there.`,
    );
  }
}

/** The rack API answered with an error; `message` is what it said (its JSON `error`, or its text). */
export class RackApiError extends ModelError {
  static override readonly errorName = 'RackApiError';

  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
