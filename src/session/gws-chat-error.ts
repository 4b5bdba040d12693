/** Why a `send`, `endChat` or `startChat` call was refused or failed. */
export class GwsChatError extends Error {
  override readonly name = 'GwsChatError';
  constructor(
    message: string,
    /** `empty`, `too-long`, `canceled`, `not-allowed`, `no-interaction`, `busy`, or `server`/`transport`. */
    readonly reason: 'empty' | 'too-long' | 'canceled' | 'not-allowed' | 'no-interaction' | 'busy' | 'server' | 'transport',
    /** Whether trying again later may succeed (network failures, HTTP 408, 429, 5xx). */
    readonly retryable = false,
    /** The failure behind it (an `OperationError` for a failed request). */
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
  }
}
