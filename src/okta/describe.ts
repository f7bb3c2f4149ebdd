// Wording shared by rule messages: how addresses and evidence read in a finding.
import type { ResourceInstance } from '../model/inventory';
import type { Evidence } from './view';

export function code(text: string): string {
  return `\`${text}\``;
}

export function describeEvidence(evidence: readonly Evidence[]): string {
  return evidence.map((e) => `${code(e.resource.id)} ${e.text}`).join('; ');
}

export function listAddresses(resources: readonly ResourceInstance[]): string {
  return resources.map((r) => code(r.id)).join(', ');
}
