/** The rack API's certificate is not trusted by the system's authorities, or no longer matches the pin the person set. */
export class UntrustedCertificateError extends Error {
  override readonly name = 'UntrustedCertificateError';

  constructor(
    readonly host: string,
    /** SHA-256 fingerprint of the certificate the host presented, `AB:CD:…`, to show and pin. */
    readonly fingerprint: string,
    /** Whether a pin was set for this host and the certificate is another one. */
    readonly pinMismatch: boolean,
    reason: string,
  ) {
    super(
      pinMismatch
        ? `The rack API at ${host} presented a different certificate (SHA-256 ${fingerprint}) from the one you trusted. Nothing was sent. Trust it only if you know the rack's certificate changed.`
        : `The rack API at ${host} presented a certificate that is not trusted (${reason}); its SHA-256 fingerprint is ${fingerprint}. Nothing was sent.`,
    );
  }
}

/** Nothing answered at the rack API's address, or not in time. */
export class RackApiUnreachableError extends Error {
  override readonly name = 'RackApiUnreachableError';

  constructor(host: string, cause: string) {
    super(
      `The rack API at ${host} could not be reached (${cause}). If the rack has PrivateApi=Yes its API answers only inside its VPC: connect through a VPN or a bastion host in that VPC and try again, or set PrivateApi=No from there.`,
    );
  }
}

/** The rack API answered with an error; `message` is what it said (its JSON `error`, or its text). */
export class RackApiError extends Error {
  override readonly name = 'RackApiError';

  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
