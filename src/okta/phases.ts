// Which values an object has in each phase of a change, as Okta holds them.
import type { ResourceInstance } from '../model/inventory';
import type { ObjectValue } from '../model/value';
import { DESTROY_IS_NOOP } from '../model/okta-resource-types';
import type { Phase } from './view';

export const PHASES: readonly Phase[] = ['before', 'after'];

/** True when the object exists in Okta after the change, managed by Terraform or not. */
export function existsAfter(r: ResourceInstance): boolean {
  return r.after !== null || r.action === 'forget' || (r.action === 'delete' && DESTROY_IS_NOOP.has(r.type) && r.before !== null);
}

/** The values Okta holds for the object in a phase (destroying a connection leaves it as it was). */
export function valuesIn(r: ResourceInstance, phase: Phase): ObjectValue | null {
  if (phase === 'before') return r.before;
  if (r.after !== null) return r.after;
  return existsAfter(r) ? r.before : null;
}

export function removedFromTerraform(r: ResourceInstance, phase: Phase): boolean {
  return phase === 'after' && r.after === null && existsAfter(r);
}

export function verbFor(r: ResourceInstance, phase: Phase): string {
  return removedFromTerraform(r, phase) ? 'is removed from Terraform, but Okta keeps its' : 'sets';
}
