// Wording shared by rule messages: how addresses and evidence read in a finding.
import type { ResourceElsewhere } from '../engine/finding';
import type { ResourceInstance } from '../model/inventory';
import type { Evidence, OktaApp } from './view';

export function code(text: string): string {
  return `\`${text}\``;
}

/** A resource as a message names it: its address, with its title where it has one (org inputs). */
export function named(resource: Pick<ResourceInstance, 'id' | 'title'>): string {
  return resource.title ? `${code(resource.id)} (${resource.title})` : code(resource.id);
}

/** An app as a message names it: its label, with the app's title (an org app's label in Okta). */
export function namedApp(app: OktaApp): string {
  return app.resource?.title ? `${code(app.label)} (${app.resource.title})` : code(app.label);
}

export function describeEvidence(evidence: readonly Evidence[]): string {
  return evidence.map((e) => `${named(e.resource)}${e.input ? ` (in ${e.input})` : ''} ${e.text}`).join('; ');
}

/** Evidence as a finding carries it: addresses of this input, and resources of other inputs with their input. */
export function evidenceRefs(evidence: readonly Evidence[]): { related: string[]; elsewhere: ResourceElsewhere[] } {
  const related: string[] = [];
  const elsewhere: ResourceElsewhere[] = [];
  for (const e of evidence) {
    if (e.input === undefined) related.push(e.resource.id);
    else elsewhere.push({ input: e.input, address: e.resource.id, location: e.resource.location ?? null });
  }
  return { related, elsewhere };
}

export function listAddresses(resources: readonly ResourceInstance[]): string {
  return resources.map((r) => code(r.id)).join(', ');
}
