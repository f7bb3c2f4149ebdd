// The Management API client's own rules, with answers made here: rate limit waits by the answer's
// clock, bounded retries, links that must stay on the org, bounded concurrency, scrubbed errors.
import type { Credentials } from '../../src/org/credentials';
import { nextLink, OktaHttp } from '../../src/org/http';
import { orgUrlFrom, parseOrgUrl } from '../../src/org/org-url';

const TOKEN = 'ssws-unit-token-0123456789';
const ORG = parseOrgUrl('https://acme.okta.com', 'test');
const credentials: Credentials = { kind: 'SSWS API token', authorization: async () => `SSWS ${TOKEN}`, secrets: () => [TOKEN], reset: () => undefined };

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

/** A fetch answering the replies in turn (the last one again when they run out), recording each URL. */
function scripted(replies: Reply[]): { fetch: typeof fetch; urls: string[]; methods: string[] } {
  const urls: string[] = [];
  const methods: string[] = [];
  let i = 0;
  const fake = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    urls.push(String(input));
    methods.push(init?.method ?? 'GET');
    const reply = replies[Math.min(i++, replies.length - 1)]!;
    return new Response(reply.body === undefined ? '' : JSON.stringify(reply.body), { status: reply.status, headers: reply.headers ?? {} });
  };
  return { fetch: fake as typeof fetch, urls, methods };
}

type Fetch = typeof globalThis.fetch;

function client(fetch: Fetch, waits: number[], extra: Partial<ConstructorParameters<typeof OktaHttp>[2]> = {}): OktaHttp {
  return new OktaHttp(ORG, credentials, { fetch, sleep: async (ms) => void waits.push(ms), ...extra });
}

// An answer whose clock is far from ours: the wait must come from its Date, not from the local time.
const SKEWED_DATE = 'Mon, 01 Jan 2001 00:00:00 GMT';
const SKEWED_EPOCH = Date.parse(SKEWED_DATE) / 1000;

describe('the Management API client', () => {
  it('holds the next request until X-Rate-Limit-Reset, measured against the answer\'s Date', async () => {
    const { fetch, urls } = scripted([
      { status: 200, body: [], headers: { 'X-Rate-Limit-Remaining': '0', 'X-Rate-Limit-Reset': String(SKEWED_EPOCH + 2), Date: SKEWED_DATE } },
      { status: 200, body: [] },
    ]);
    const waits: number[] = [];
    const http = client(fetch, waits);
    await http.get('/api/v1/apps');
    expect(waits).toEqual([]);
    await http.get('/api/v1/apps/0oa1');
    expect(waits).toHaveLength(1);
    // 2 s by the answer's clock, plus a quarter second of margin (less the few ms this test took).
    expect(waits[0]).toBeGreaterThan(2000);
    expect(waits[0]).toBeLessThanOrEqual(2250);
    expect(urls).toEqual(['https://acme.okta.com/api/v1/apps', 'https://acme.okta.com/api/v1/apps/0oa1']);
  });

  it('retries a 429 after its reset, a bounded number of times', async () => {
    const limited: Reply = { status: 429, body: { errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.' }, headers: { 'X-Rate-Limit-Remaining': '0', 'X-Rate-Limit-Reset': String(SKEWED_EPOCH + 1), Date: SKEWED_DATE } };
    const once = scripted([limited, { status: 200, body: { id: '0oa1' } }]);
    const waits: number[] = [];
    expect((await client(once.fetch, waits).get('/api/v1/apps/0oa1')).status).toBe(200);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(1000);

    const always = scripted([limited]);
    const answer = await client(always.fetch, []).get('/api/v1/apps/0oa1');
    expect(answer.status).toBe(429);
    expect(always.urls).toHaveLength(4);
  });

  it('backs off on 5xx: 0.25 s, 0.5 s, 1 s, then gives the answer', async () => {
    const { fetch, urls } = scripted([{ status: 503, body: { errorCode: 'E0000009', errorSummary: 'Internal Server Error' } }]);
    const waits: number[] = [];
    const answer = await client(fetch, waits).get('/api/v1/apps/0oa1/features');
    expect(answer.status).toBe(503);
    expect(waits).toEqual([250, 500, 1000]);
    expect(urls).toHaveLength(4);
  });

  it('follows rel="next" links as given, and refuses one that leaves the org', async () => {
    const next = 'https://acme.okta.com/api/v1/apps?after=opaque%3D%3D&limit=200';
    const paged = scripted([
      { status: 200, body: [{ id: 'a' }], headers: { Link: `<https://acme.okta.com/api/v1/apps?limit=200>; rel="self", <${next}>; rel="next"` } },
      { status: 200, body: [{ id: 'b' }], headers: { Link: '<https://acme.okta.com/api/v1/apps?limit=200>; rel="self"' } },
    ]);
    const listed = await client(paged.fetch, []).all('/api/v1/apps?limit=200', 'apps');
    expect(listed).toEqual({ ok: true, items: [{ id: 'a' }, { id: 'b' }] });
    expect(paged.urls).toEqual(['https://acme.okta.com/api/v1/apps?limit=200', next]);
    expect(paged.methods).toEqual(['GET', 'GET']);

    const away = scripted([{ status: 200, body: [], headers: { Link: '<https://evil.example/api/v1/apps?after=x>; rel="next"' } }]);
    await expect(client(away.fetch, []).all('/api/v1/apps?limit=200', 'apps')).rejects.toThrow('https://acme.okta.com: the org answered with a link to another address (https://evil.example); not followed');
    expect(away.urls).toHaveLength(1);
  });

  it('parses Link headers with several relations', () => {
    expect(nextLink('<https://a/x?after=1>; rel="next"')).toBe('https://a/x?after=1');
    expect(nextLink('<https://a/x>; rel="self", <https://a/x?after=2,3>; rel="next"')).toBe('https://a/x?after=2,3');
    expect(nextLink('<https://a/x>; rel="self"')).toBeUndefined();
    expect(nextLink(null)).toBeUndefined();
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const fake = (async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      return new Response('{}', { status: 200 });
    }) as unknown as typeof fetch;
    const http = client(fake, [], { concurrency: 2 });
    await Promise.all(Array.from({ length: 10 }, (_, i) => http.get(`/api/v1/groups/00g${i}`)));
    expect(most).toBe(2);
    expect(http.requests).toHaveLength(10);
  });

  it('removes the token from a transport error that quotes it', async () => {
    const fake = (async () => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET', message: `socket hang up after Authorization: SSWS ${TOKEN}` } });
    }) as unknown as typeof fetch;
    const error = (await client(fake, []).get('/api/v1/apps').catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('cannot reach the org (ECONNRESET');
    expect(error.message).not.toContain(TOKEN);
    expect(error.message).toContain('[redacted]');
  });
});

describe('org URLs', () => {
  it.each([
    ['https://acme.okta.com', 'https://acme.okta.com'],
    ['acme.oktapreview.com', 'https://acme.oktapreview.com'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['http://localhost:1', 'http://localhost:1'],
    ['http://[::1]:9', 'http://[::1]:9'],
  ])('accepts %s', (text, origin) => {
    expect(parseOrgUrl(text, '--org-url').origin).toBe(origin);
  });

  it.each([
    ['http://acme.okta.com', 'only https:// org URLs are read'],
    ['http://10.0.0.1', 'only https:// org URLs are read'],
    ['https://user:pw@acme.okta.com', 'must not hold credentials'],
    ['https://acme.okta.com/api/v1', "without a path"],
  ])('refuses %s', (text, message) => {
    expect(() => parseOrgUrl(text, '--org-url')).toThrow(message);
  });

  it('takes the org from OKTA_ORG_NAME and OKTA_BASE_URL as the provider does, --org-url first', () => {
    expect(orgUrlFrom(undefined, { OKTA_ORG_NAME: 'acme' })?.origin).toBe('https://acme.okta.com');
    expect(orgUrlFrom(undefined, { OKTA_ORG_NAME: 'acme', OKTA_BASE_URL: 'oktapreview.com' })?.origin).toBe('https://acme.oktapreview.com');
    expect(orgUrlFrom('https://other.okta.com', { OKTA_ORG_NAME: 'acme' })?.origin).toBe('https://other.okta.com');
    expect(orgUrlFrom(undefined, {})).toBeUndefined();
  });
});
