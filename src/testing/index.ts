// Public API of `@quantum-trader/eventbus/testing`: test doubles for the bus (sinon is a peer
// dependency). Imports only the core, plus inversify lazily from createTestContainer().
export { createMockEventBus } from './create-mock-event-bus.js';
export type { MockEventBus, StubbedMethod } from './create-mock-event-bus.js';
export { RecordingEventBus, DEFAULT_WAIT_FOR_TIMEOUT_MS } from './recording-event-bus.js';
export type { WaitForOptions } from './recording-event-bus.js';
export { buildCausalTree, formatCausalTree } from './causal-tree.js';
export type { CausalNode } from './causal-tree.js';
export { WaitForTimeoutError } from './wait-for-timeout-error.js';
export { createTestContainer } from './create-test-container.js';
export type { TestableBus, TestContainer, TestContainerOptions } from './create-test-container.js';
