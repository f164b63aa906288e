// Test helpers for every service's tests: import from '@saga/shared/testing' (never from production code).
export * from './applyPipeInputTemplate';
export * from './buildInMemoryIdempotencyRepository';
export * from './buildInMemoryOutboxRepository';
export * from './buildManualClock';
export * from './buildSequentialIdGenerator';
export * from './buildTestEnvelope';
export * from './countCalls';
export * from './createStackTable';
export * from './matchesEventPattern';
export * from './readInfraFragment';
export * from './refusedPort';
export * from './sampleEventData';
export * from './startDynamoDbLocal';
