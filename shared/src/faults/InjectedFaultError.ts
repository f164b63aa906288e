/** A deliberate failure from fault injection; behaves like any crash to the platform. */
export class InjectedFaultError extends Error {
  override readonly name = 'InjectedFaultError';
}
