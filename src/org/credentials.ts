// Credentials for the Management API, from the variables the okta Terraform provider reads: an API
// token (OKTA_API_TOKEN, sent as `SSWS …`), or an OAuth 2.0 service app that signs a private_key_jwt
// client assertion (OKTA_API_CLIENT_ID, OKTA_API_PRIVATE_KEY, OKTA_API_PRIVATE_KEY_ID, OKTA_API_SCOPES)
// and sends the access token it gets as `Bearer …`. The secrets never leave this module except in the
// Authorization header; `secrets()` lists them so that every message can be scrubbed of them.
import { createPrivateKey, createSign, randomUUID, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { LoadError } from '../inputs/load-error';
import type { OrgUrl } from './org-url';

/** Read-only scopes the audit needs: apps (connections, features, push mappings) and groups (their names). */
export const LEAST_PRIVILEGE_SCOPES = ['okta.apps.read', 'okta.groups.read'] as const;

export interface Credentials {
  /** `SSWS` or `OAuth 2.0 service app <client id>`: named in errors, never the secret. */
  kind: string;
  /** The Authorization header value (fetches an access token on first use for OAuth). */
  authorization(post: TokenPost): Promise<string>;
  /** Every secret string, to remove from anything shown. */
  secrets(): string[];
  /** Forgets a cached access token (after a 401), so the next call asks again. */
  reset(): void;
}

/** Sends the token request: the one POST of a run, to the org's authorization server, never to the Management API. */
export type TokenPost = (url: string, form: URLSearchParams) => Promise<{ status: number; body: unknown }>;

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

function readKey(text: string): KeyObject {
  const pem = text.includes('-----BEGIN') ? text : existsSync(text) ? readFileSync(text, 'utf8') : undefined;
  if (pem === undefined) throw new LoadError('org-unreadable', 'OKTA_API_PRIVATE_KEY', 'is neither a PEM private key nor the path of a file holding one');
  try {
    return createPrivateKey(pem.replace(/\\n/g, '\n'));
  } catch {
    throw new LoadError('org-unreadable', 'OKTA_API_PRIVATE_KEY', 'is not a readable PEM private key (RSA, PKCS#1 or PKCS#8)');
  }
}

function ssws(token: string): Credentials {
  return { kind: 'SSWS API token', authorization: async () => `SSWS ${token}`, secrets: () => [token], reset: () => undefined };
}

function serviceApp(org: OrgUrl, env: NodeJS.ProcessEnv, clientId: string): Credentials {
  const keyText = env.OKTA_API_PRIVATE_KEY;
  if (!keyText) throw new LoadError('org-unreadable', 'OKTA_API_CLIENT_ID', 'is set, but OKTA_API_PRIVATE_KEY is not (private_key_jwt needs the service app\'s private key)');
  const key = readKey(keyText);
  const keyId = env.OKTA_API_PRIVATE_KEY_ID?.trim();
  const scopes = (env.OKTA_API_SCOPES ?? LEAST_PRIVILEGE_SCOPES.join(',')).split(/[\s,]+/).filter(Boolean);
  const tokenUrl = `${org.origin}/oauth2/v1/token`;
  let access: string | undefined;
  const secrets = [keyText];
  const assertion = (): string => {
    const now = Math.floor(Date.now() / 1000);
    const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', ...(keyId ? { kid: keyId } : {}) }));
    const claims = base64url(JSON.stringify({ iss: clientId, sub: clientId, aud: tokenUrl, iat: now, exp: now + 300, jti: randomUUID() }));
    const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(key);
    return `${header}.${claims}.${base64url(signature)}`;
  };
  return {
    kind: `OAuth 2.0 service app ${clientId}`,
    async authorization(post) {
      if (access === undefined) {
        const form = new URLSearchParams({
          grant_type: 'client_credentials',
          scope: scopes.join(' '),
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: assertion(),
        });
        const answer = await post(tokenUrl, form);
        const body = (answer.body ?? {}) as Record<string, unknown>;
        if (answer.status !== 200 || typeof body.access_token !== 'string') {
          const why = [body.error, body.error_description].filter((v) => typeof v === 'string').join(': ') || `HTTP ${answer.status}`;
          throw new LoadError('org-unreadable', org.origin, `the OAuth 2.0 token request for service app ${clientId} was refused (${answer.status} ${why}); scopes asked: ${scopes.join(' ')}`);
        }
        access = body.access_token;
        secrets.push(access);
      }
      return `Bearer ${access}`;
    },
    secrets: () => [...secrets],
    reset: () => {
      access = undefined;
    },
  };
}

/** The credentials in the environment: the API token wins, as in the provider; undefined when there are none. */
export function credentialsFrom(org: OrgUrl, env: NodeJS.ProcessEnv): Credentials {
  const token = env.OKTA_API_TOKEN?.trim();
  if (token) return ssws(token);
  const clientId = env.OKTA_API_CLIENT_ID?.trim();
  if (clientId) return serviceApp(org, env, clientId);
  throw new LoadError(
    'org-unreadable',
    org.origin,
    'no credentials: set OKTA_API_TOKEN (an API token), or OKTA_API_CLIENT_ID, OKTA_API_PRIVATE_KEY and OKTA_API_PRIVATE_KEY_ID (an OAuth 2.0 service app granted okta.apps.read and okta.groups.read)',
  );
}
