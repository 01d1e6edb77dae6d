// Public API of `@quantum-trader/eventbus/inversify`: @OnEvent handlers wired through an InversifyJS
// container. inversify (8), @inversifyjs/plugin and reflect-metadata are peer dependencies.
export { TYPES } from './types.js';
export { eventBusModule } from './event-bus-module.js';
export { OnEvent, createOnEvent } from './on-event.js';
export type { OnEventDecorator, TypedOnEvent, TypedOnEventDecorator } from './on-event.js';
export { registerEventHandlers } from './register-event-handlers.js';
export type { RegisterEventHandlersOptions } from './register-event-handlers.js';
export type { EventHandlerRegistry, RegisteredHandler } from './event-handler-registry.js';
export type { HandlerScope } from './find-handler-candidates.js';
export { bootstrapEventBus } from './bootstrap-event-bus.js';
export type { EventBusHandle } from './bootstrap-event-bus.js';
export { NotAMethodError } from './errors/not-a-method-error.js';
export { MissingBusBindingError } from './errors/missing-bus-binding-error.js';
export { HandlerResolutionError } from './errors/handler-resolution-error.js';
