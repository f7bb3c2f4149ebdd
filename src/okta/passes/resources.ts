// Pass 3, the resources that act on an app: each push mapping with its link and status per phase,
// each connection and feature (and data source okta_app_connection) with its link and effect.
import type { ConfigExpression, Inventory } from '../../model/inventory';
import { APP_CONNECTION, APP_FEATURES, CREDENTIAL_ATTRIBUTES, PUSH_GROUP } from '../../model/okta-resource-types';
import { lookupString, type Lookup } from '../../model/value';
import { connectionEffect, dataConnectionEffect, featureEffect, plannedFeatureValues } from '../effects';
import { PHASES, removedFromTerraform, valuesIn, verbFor } from '../phases';
import { sameFeature } from '../transitions';
import type { Provisioner, PushMapping } from '../view';
import type { Links } from './links';

const ACTIVE: Lookup = { state: 'known', value: 'ACTIVE', sensitive: false };

/**
 * A credential written in the code: its expression refers to nothing (no variable, data source or
 * resource). Terraform records the value of such an expression only where it folds it without calling
 * functions (a literal, a heredoc); a function of literals (sensitive("…"), base64decode("…")) and a
 * file read it records alike, with neither value nor references. Code tells them apart (`readsFile`);
 * a plan cannot, so there it is `maybe`. The value itself is never needed, so it is never shown.
 */
function literalness(expression: ConfigExpression | undefined, fromCode: boolean): 'literal' | 'maybe' | 'no' {
  if (expression === undefined || expression.references.length > 0) return 'no';
  if ('constant' in expression) return typeof expression.constant === 'string' && expression.constant !== '' ? 'literal' : 'no';
  if (!fromCode) return 'maybe';
  return expression.readsFile ? 'no' : 'literal';
}

export function resourcesPass(inventory: Inventory, links: Links, isPlan: boolean): { mappings: PushMapping[]; provisioners: Provisioner[] } {
  const mappings: PushMapping[] = [];
  const provisioners: Provisioner[] = [];
  const linkAll = (p: Provisioner): void => {
    for (const phase of PHASES) if (valuesIn(p.resource, phase)) p.link[phase] = links.link(p.resource, phase);
  };
  for (const r of inventory.resources) {
    if (r.mode === 'data' && r.type === APP_CONNECTION) {
      // Read before the apply: in a plan, what a managed connection changes wins over it (stale).
      const provisioner: Provisioner = {
        resource: r,
        kind: 'connection',
        link: {},
        effect: { before: dataConnectionEffect(r, valuesIn(r, 'before')), after: { ...dataConnectionEffect(r, valuesIn(r, 'after')), stale: true } },
        literalSecrets: [],
        maybeLiteralSecrets: [],
      };
      linkAll(provisioner);
      provisioners.push(provisioner);
      continue;
    }
    if (r.mode !== 'managed') continue;
    if (r.type === PUSH_GROUP) {
      const mapping: PushMapping = { resource: r, link: {}, status: {}, forgotten: r.action === 'forget' };
      for (const phase of PHASES) {
        const values = valuesIn(r, phase);
        if (!values) continue;
        mapping.link[phase] = links.link(r, phase);
        const status = lookupString(values, 'status');
        mapping.status[phase] = status.state === 'absent' ? ACTIVE : status;
      }
      mappings.push(mapping);
    } else if ((r.type === APP_CONNECTION || r.type === APP_FEATURES) && !r.deposed) {
      const credentials = (kind: 'literal' | 'maybe'): string[] =>
        (CREDENTIAL_ATTRIBUTES.get(r.type) ?? [])
          .filter((path) => literalness(links.resolver.expressionOf(r, path), inventory.kind === 'config') === kind)
          .map((path) => path.join('.'));
      const effectOf = r.type === APP_CONNECTION ? connectionEffect : featureEffect;
      // A plan's after state of a feature is what Okta keeps, not what the plan writes (see plannedFeatureValues).
      const planned = r.type === APP_FEATURES && isPlan && r.after !== null && r.action !== 'no-op';
      const afterValues = planned ? plannedFeatureValues(r) : valuesIn(r, 'after');
      const afterVerb = planned ? (sameFeature(r) ? 'keeps (status is not sent to Okta)' : 'has whatever Okta holds (status is not sent), so') : verbFor(r, 'after');
      const provisioner: Provisioner = {
        resource: r,
        kind: r.type === APP_CONNECTION ? 'connection' : 'feature',
        link: {},
        effect: {
          before: effectOf(r, valuesIn(r, 'before'), verbFor(r, 'before')),
          after: { ...effectOf(r, afterValues, afterVerb), ...(removedFromTerraform(r, 'after') ? { stale: true } : {}) },
        },
        literalSecrets: credentials('literal'),
        maybeLiteralSecrets: credentials('maybe'),
      };
      linkAll(provisioner);
      provisioners.push(provisioner);
    }
  }
  return { mappings, provisioners };
}
