// Which org to read, as the okta Terraform provider takes it: --org-url, else OKTA_ORG_NAME and
// OKTA_BASE_URL. HTTPS only, except loopback addresses (a local API double, a tunnel).
import { LoadError } from '../inputs/load-error';

/** The org's origin (`https://acme.okta.com`), as requests are made to it and errors name it. */
export interface OrgUrl {
  origin: string;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export function isLoopback(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

/** Parses and checks an org URL; `shown` is how errors name where it came from. */
export function parseOrgUrl(text: string, shown: string): OrgUrl {
  let url: URL;
  try {
    url = new URL(text.includes('://') ? text : `https://${text}`);
  } catch {
    throw new LoadError('org-unreadable', shown, `"${text}" is not a URL (expected https://ORG.okta.com)`);
  }
  if (url.username || url.password) throw new LoadError('org-unreadable', shown, 'the org URL must not hold credentials (give the token in OKTA_API_TOKEN)');
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    throw new LoadError('org-unreadable', shown, `${url.origin}: only https:// org URLs are read (http:// only on loopback addresses)`);
  }
  if (url.pathname !== '/' && url.pathname !== '') {
    throw new LoadError('org-unreadable', shown, `${url.origin}${url.pathname}: give the org's address without a path (https://ORG.okta.com)`);
  }
  return { origin: url.origin };
}

/** --org-url, else OKTA_ORG_NAME + OKTA_BASE_URL (okta.com by default, as in the provider). */
export function orgUrlFrom(flag: string | undefined, env: NodeJS.ProcessEnv): OrgUrl | undefined {
  if (flag !== undefined) return parseOrgUrl(flag, '--org-url');
  const name = env.OKTA_ORG_NAME?.trim();
  if (!name) return undefined;
  const base = env.OKTA_BASE_URL?.trim() || 'okta.com';
  return parseOrgUrl(`https://${name}.${base}`, 'OKTA_ORG_NAME/OKTA_BASE_URL');
}
