// The package's public surface: every service imports from '@saga/shared'.
export * from './config/getEnv';
export * from './deadLetter/buildSqsDeadLetterQueue';
export * from './deadLetter/DeadLetterQueue';
export * from './deadLetter/shapeParkedMessage';
export * from './dynamo/batchGetItems';
export * from './dynamo/buildTransactionWriter';
export * from './dynamo/scanSparseIndex';
export * from './dynamo/TransactionWriter';
export * from './dynamo/versionedPut';
export * from './dynamo/writeShards';
export * from './errors/ConfigurationError';
export * from './errors/IdempotencyKeyMismatchError';
export * from './errors/IdempotentRequestInFlightError';
export * from './errors/InvalidEventError';
export * from './errors/NotFoundError';
export * from './errors/RetriesExhaustedError';
export * from './errors/TransactionConflictError';
export * from './errors/toHttpResponse';
export * from './errors/ValidationError';
export * from './events/createEnvelope';
export * from './events/EventEnvelope';
export * from './events/eventContracts';
export * from './events/eventRegistry';
export * from './events/headerText';
export * from './events/parseBusEvent';
export * from './events/parseEnvelope';
export * from './faults/FaultPlan';
export * from './faults/InjectedFaultError';
export * from './faults/loadFaultPlans';
export * from './faults/withPublisherFaults';
export * from './faults/withTransactionFaults';
export * from './http/jsonResponse';
export * from './idempotency/buildIdempotencyRepository';
export * from './idempotency/commitDecision';
export * from './idempotency/IdempotencyRepository';
export * from './idempotency/ProcessedEvent';
export * from './idempotency/processOnce';
export * from './lambda/httpHandler';
export * from './lambda/outboxHandlers';
export * from './lambda/queueEventHandler';
export * from './logging/logger';
export * from './observability/flushMetrics';
export * from './observability/metrics';
export * from './observability/outboxLagSeconds';
export * from './observability/requestCounter';
export * from './outbox/buildEventBridgePublisher';
export * from './outbox/buildOutboxRepository';
export * from './outbox/confirmPublication';
export * from './outbox/EventPublisher';
export * from './outbox/OutboxRepository';
export * from './outbox/outboxItem';
export * from './outbox/publishOutboxEvents';
export * from './outbox/sweepOutbox';
export * from './runtime/awsClients';
export * from './runtime/Clock';
export * from './runtime/IdGenerator';
export {
  consumerFunctionName,
  functionName,
  publishingServiceNames,
  type ServiceEntry,
  services,
} from './serviceList';
