import { Resource } from '@angular/core';

/**
 * The items of a list resource, or none while it loads or after it failed. (`value()` of a
 * resource in the error state throws, so templates and computeds read lists through this.)
 */
export function readItems<T>(resource: Resource<readonly T[] | undefined>): readonly T[] {
  return resource.hasValue() ? (resource.value() ?? []) : [];
}
