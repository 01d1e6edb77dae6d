// Public API of `@quantum-trader/eventbus/inspector`: a live web page of a bus. Imports only the core.
export { startInspector } from './start-inspector.js';
export type {
  InspectableBus,
  InspectorHandle,
  InspectorOptions,
  SubscriptionDescription,
} from './inspector-options.js';
export {
  DEFAULT_DURATION_SAMPLES,
  DEFAULT_EVENT_BUFFER_SIZE,
  DEFAULT_INSPECTOR_HOST,
  DEFAULT_INSPECTOR_PORT,
  DEFAULT_RATE_WINDOW_SECONDS,
  DEFAULT_RECORD_PER_SECOND,
  DEFAULT_UPDATE_INTERVAL_MS,
} from './inspector-options.js';
