// Builds the Okta view from an inventory, in named passes: apps and their identities, the links of
// mappings, connections and features to apps, provisioning before and after (with what a removal
// leaves behind), and the spread of what cannot be decided. Linear in the inventory.
import type { Inventory } from '../model/inventory';
import { appsPass } from './passes/apps';
import { linksPass } from './passes/links';
import { provisioningPass } from './passes/provisioning';
import { resourcesPass } from './passes/resources';
import { possiblySamePass, unlinkedDisablersPass } from './passes/uncertainty';
import type { OktaView } from './view';

export function buildView(inventory: Inventory): OktaView {
  const isPlan = inventory.kind === 'plan' || inventory.kind === 'redacted-plan';
  const apps = appsPass(inventory);
  const links = linksPass(inventory, apps);
  const { mappings, provisioners } = resourcesPass(inventory, links, isPlan);
  provisioningPass(provisioners);
  unlinkedDisablersPass(apps.all, provisioners);
  const possiblySame = possiblySamePass(apps.all);
  return {
    inputKind: inventory.kind,
    isPlan,
    apps: apps.all,
    mappings,
    provisioners,
    unfollowedModules: inventory.unfollowedModules ?? [],
    forgottenMappings: (inventory.forgottenInCode ?? []).filter((f) => /(^|\.)okta_push_group\.[^.]+$/.test(f.address)),
    possiblySame,
  };
}
