import { Plugin, type PluginContext } from '@inversifyjs/plugin';
import type { Container, ServiceIdentifier } from 'inversify';
import { NotSupportedError } from '../core/index.js';

/** What the scanner reads of a binding; every field is checked before use. */
export interface BindingView {
  readonly serviceIdentifier: ServiceIdentifier;
  /** `Instance`, `ConstantValue`, `DynamicValue`, `ServiceRedirection`, ... */
  readonly type: string;
  /** `Singleton`, `Transient` or `Request`, for scoped bindings. */
  readonly scope: string | undefined;
  /** The class of an `Instance` binding (`to()`, `toSelf()`). */
  readonly implementationType: unknown;
  /** The value of a `ConstantValue` binding. */
  readonly value: unknown;
  /** The binding object itself: stable for the binding's life. */
  readonly identity: object;
}

type BindingService = PluginContext['bindingService'];

// inversify 8's Container lists no bindings; a plugin is handed the container's binding service,
// which does (`getBoundServices()` includes the parents', `get()` resolves shadowing like `get()`).
const services = new WeakMap<Container, () => BindingService>();
let captured: PluginContext | undefined;

class BindingAccessPlugin extends Plugin<Container> {
  load(): void {
    captured = this._context;
  }
}

function bindingServiceOf(container: Container): BindingService {
  let read = services.get(container);
  if (read === undefined) {
    container.register(BindingAccessPlugin);
    const context = captured;
    captured = undefined;
    if (context === undefined) {
      throw new NotSupportedError(
        'registerEventHandlers()',
        'this inversify version gave the plugin no context',
      );
    }
    // Read through the context each time: snapshot()/restore() replace the binding service.
    read = () => context.bindingService;
    services.set(container, read);
  }
  return read();
}

function toView(serviceIdentifier: ServiceIdentifier, binding: unknown): BindingView | undefined {
  if (typeof binding !== 'object' || binding === null) return undefined;
  const record = binding as Record<string, unknown>;
  if (typeof record['type'] !== 'string') return undefined;
  return {
    serviceIdentifier,
    type: record['type'],
    scope: typeof record['scope'] === 'string' ? record['scope'] : undefined,
    implementationType: record['implementationType'],
    value: record['type'] === 'ConstantValue' ? record['value'] : undefined,
    identity: binding,
  };
}

/**
 * Every binding visible from `container`: its own and its parents', except parent bindings that
 * the container shadows by binding the same service identifier. Grouped by service identifier.
 */
export function readBindings(container: Container): ReadonlyMap<ServiceIdentifier, readonly BindingView[]> {
  const service = bindingServiceOf(container);
  if (typeof service.getBoundServices !== 'function' || typeof service.get !== 'function') {
    throw new NotSupportedError(
      'registerEventHandlers()',
      "this inversify version's binding service has no getBoundServices()/get()",
    );
  }
  const result = new Map<ServiceIdentifier, BindingView[]>();
  for (const serviceIdentifier of service.getBoundServices()) {
    const views: BindingView[] = [];
    for (const binding of service.get(serviceIdentifier) ?? []) {
      const view = toView(serviceIdentifier, binding);
      if (view !== undefined) views.push(view);
    }
    result.set(serviceIdentifier, views);
  }
  return result;
}
