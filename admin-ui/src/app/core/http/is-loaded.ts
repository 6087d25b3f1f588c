import { ResourceStatus, Signal } from '@angular/core';

/**
 * Whether a resource holds a server answer (or a local update of one). `hasValue()` is not
 * enough for resources with a `defaultValue`: it is true while the first request is still open.
 */
export function isLoaded(resource: { readonly status: Signal<ResourceStatus> }): boolean {
  const status = resource.status();
  return status === 'resolved' || status === 'local';
}
