// Wording shared by rule messages: how addresses and evidence read in a finding.
import type { ResourceElsewhere } from '../engine/finding';
import type { ResourceInstance } from '../model/inventory';
import type { Evidence } from './view';

export function code(text: string): string {
  return `\`${text}\``;
}

export function describeEvidence(evidence: readonly Evidence[]): string {
  return evidence.map((e) => `${code(e.resource.id)}${e.input ? ` (in ${e.input})` : ''} ${e.text}`).join('; ');
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
