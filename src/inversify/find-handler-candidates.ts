import type { Container, ServiceIdentifier } from 'inversify';
import { collectHandlerMethods, type HandlerMethod } from './handler-metadata.js';
import { type BindingView, readBindings } from './read-bindings.js';

/** How often a handler's service is resolved: once (`Singleton`, constants) or per delivered event. */
export type HandlerScope = 'Singleton' | 'Transient' | 'Request';

/** A binding whose value has `@OnEvent` methods. */
export interface HandlerCandidate {
  readonly serviceIdentifier: ServiceIdentifier;
  readonly binding: BindingView;
  readonly className: string;
  readonly scope: HandlerScope;
  readonly methods: readonly HandlerMethod[];
  /** The class to resolve (`Instance` bindings). */
  readonly implementationType?: abstract new (...args: never[]) => unknown;
  /** The value itself (`ConstantValue` bindings). */
  readonly instance?: object;
  /** True when other bindings share the service identifier, so `get()` alone would be ambiguous. */
  readonly shared: boolean;
}

function toScope(scope: string | undefined): HandlerScope {
  return scope === 'Singleton' || scope === 'Request' ? scope : 'Transient';
}

function fromInstanceBinding(binding: BindingView, shared: boolean): HandlerCandidate | undefined {
  const implementationType = binding.implementationType;
  if (typeof implementationType !== 'function') return undefined;
  const methods = collectHandlerMethods((implementationType as { prototype?: unknown }).prototype);
  if (methods.length === 0) return undefined;
  return {
    serviceIdentifier: binding.serviceIdentifier,
    binding,
    className: implementationType.name || '(anonymous class)',
    scope: toScope(binding.scope),
    methods,
    implementationType: implementationType as abstract new (...args: never[]) => unknown,
    shared,
  };
}

function fromConstantBinding(binding: BindingView): HandlerCandidate | undefined {
  const value = binding.value;
  // Primitives, functions, promises (async constants) and null-prototype objects carry no handlers.
  if (
    typeof value !== 'object' ||
    value === null ||
    typeof (value as { then?: unknown }).then === 'function'
  ) {
    return undefined;
  }
  let prototype: unknown;
  try {
    prototype = Object.getPrototypeOf(value);
  } catch {
    return undefined;
  }
  const methods = collectHandlerMethods(prototype);
  if (methods.length === 0) return undefined;
  const name = (prototype as { constructor?: { name?: unknown } }).constructor?.name;
  return {
    serviceIdentifier: binding.serviceIdentifier,
    binding,
    className: typeof name === 'string' && name !== '' ? name : '(anonymous class)',
    scope: 'Singleton',
    methods,
    instance: value,
    shared: false,
  };
}

/**
 * The bindings visible from `container` (its own and its parents') whose value has `@OnEvent`
 * methods: `to()`/`toSelf()` bindings by their class, constants by their prototype.
 *
 * Skipped, by design: aliases (`toService()`: their target is scanned instead, so an aliased
 * service is subscribed once) and bindings whose class is unknown until resolved
 * (`toDynamicValue()`, `toFactory()`, `toResolvedValue()`). Values that cannot be read are skipped.
 */
export function findHandlerCandidates(container: Container): readonly HandlerCandidate[] {
  const candidates: HandlerCandidate[] = [];
  for (const bindings of readBindings(container).values()) {
    const shared = bindings.length > 1;
    for (const binding of bindings) {
      const candidate =
        binding.type === 'Instance'
          ? fromInstanceBinding(binding, shared)
          : binding.type === 'ConstantValue'
            ? fromConstantBinding(binding)
            : undefined;
      if (candidate !== undefined) candidates.push(candidate);
    }
  }
  return candidates;
}
