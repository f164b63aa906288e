/** The requested resource does not exist; maps to HTTP 404. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}
