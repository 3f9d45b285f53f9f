/**
 * The matrix cannot be given at all (unreadable or bad candle file, unreachable Redis, embedded
 * database in use): one message for the operator, no stack trace, exit code 1.
 */
export class SignalsUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SignalsUnavailableError';
  }
}
