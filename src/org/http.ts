// The Management API over Node's fetch: GET only, a bounded number of requests in flight, Okta's rate
// limit headers honoured (X-Rate-Limit-Remaining / X-Rate-Limit-Reset, the wait measured against the
// answer's own Date so that a skewed local clock does not matter), 429 and 5xx retried with bounded
// backoff, a timeout on every request, and `Link: <…>; rel="next"` followed as an opaque URL.
// Refused credentials (401), a missing scope (403) and an unreachable org end the run: a reader that
// cannot read must not report a clean org.
import { LoadError } from '../inputs/load-error';
import type { Credentials } from './credentials';
import type { OrgUrl } from './org-url';

export interface HttpOptions {
  /** Requests in flight at once (default 4: well inside Okta's concurrent-request limits). */
  concurrency?: number;
  /** Per request, in milliseconds (default 30 s). */
  timeoutMs?: number;
  /** Retries of a 429 or a 5xx (default 3; a timeout is retried once). */
  retries?: number;
  /** Longest single wait for a rate limit reset or a backoff (default 60 s, Okta's window). */
  maxWaitMs?: number;
  /** For tests: the fetch to use (default the global one). */
  fetch?: typeof fetch;
  /** For tests: how to wait (default a timer), so waits can be checked without timing them. */
  sleep?: (ms: number) => Promise<void>;
}

export interface Answer {
  status: number;
  body: unknown;
  headers: Headers;
  /** The request timed out on every try (status 0). */
  timedOut?: boolean;
}

/** The scope each endpoint needs, for the one-line 403 message. */
function scopeFor(path: string): string {
  return /^\/api\/v1\/groups/.test(path) ? 'okta.groups.read' : 'okta.apps.read';
}

/** Okta's error body: `errorCode: errorSummary`, with its causes. */
export function oktaError(body: unknown): { code?: string; summary?: string; causes: string[] } {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const causes = Array.isArray(b.errorCauses)
    ? b.errorCauses.map((c) => (c && typeof c === 'object' ? (c as Record<string, unknown>).errorSummary : undefined)).filter((s): s is string => typeof s === 'string')
    : [];
  return {
    ...(typeof b.errorCode === 'string' ? { code: b.errorCode } : {}),
    ...(typeof b.errorSummary === 'string' ? { summary: b.errorSummary } : {}),
    causes,
  };
}

export function describeAnswer(answer: Answer): string {
  if (answer.timedOut) return 'no answer before the timeout';
  const e = oktaError(answer.body);
  const text = [e.code, e.summary].filter(Boolean).join(' ');
  return `HTTP ${answer.status}${text ? ` ${text}` : ''}${e.causes.length ? ` (${e.causes.join('; ')})` : ''}`;
}

/** The rel="next" target of a Link header, if any. */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>(.*)$/s.exec(part);
    if (m && /;\s*rel="?next"?/i.test(m[2]!)) return m[1];
  }
  return undefined;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class OktaHttp {
  private readonly concurrency: number;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly maxWaitMs: number;
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private inFlight = 0;
  private readonly queue: (() => void)[] = [];
  /** No request starts before this local time (ms): the rate limit window's reset. */
  private notBefore = 0;
  /** Every GET made, `path?query` (for the report of what was read, and tests). */
  readonly requests: string[] = [];

  constructor(
    readonly org: OrgUrl,
    private readonly credentials: Credentials,
    options: HttpOptions = {},
  ) {
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retries = options.retries ?? 3;
    this.maxWaitMs = options.maxWaitMs ?? 60_000;
    this.fetch = options.fetch ?? fetch;
    this.sleep = options.sleep ?? sleep;
  }

  /** A message with every secret replaced: errors from the network layer can quote what they were given. */
  scrub(text: string): string {
    let out = text;
    for (const secret of this.credentials.secrets()) if (secret.length >= 4) out = out.split(secret).join('[redacted]');
    return out;
  }

  private fail(detail: string): LoadError {
    return new LoadError('org-unreadable', this.org.origin, this.scrub(detail));
  }

  private async slot(): Promise<void> {
    if (this.inFlight < this.concurrency) {
      this.inFlight++;
      return;
    }
    await new Promise<void>((resolve) => this.queue.push(resolve));
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.inFlight--;
  }

  /** How long the window lasts, by the answer's clock: X-Rate-Limit-Reset (epoch seconds) minus its Date. */
  private resetWait(headers: Headers): number | undefined {
    const reset = Number(headers.get('x-rate-limit-reset'));
    if (!Number.isFinite(reset) || reset <= 0) return undefined;
    const date = Date.parse(headers.get('date') ?? '');
    const now = Number.isFinite(date) ? date : Date.now();
    return Math.min(this.maxWaitMs, Math.max(0, reset * 1000 - now) + 250);
  }

  private noteRateLimit(headers: Headers): void {
    const remaining = headers.get('x-rate-limit-remaining');
    if (remaining === null || Number(remaining) > 0) return;
    const wait = this.resetWait(headers);
    if (wait !== undefined) this.notBefore = Math.max(this.notBefore, Date.now() + wait);
  }

  private async post(url: string, form: URLSearchParams): Promise<{ status: number; body: unknown }> {
    try {
      const response = await this.fetch(url, {
        method: 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'error',
      });
      return { status: response.status, body: await response.json().catch(() => undefined) };
    } catch (error) {
      throw this.fail(`cannot reach the org's token endpoint (${transportCause(error)})`);
    }
  }

  /** GET a path of the org (or a next link the org gave, which must stay on the org). */
  async get(target: string): Promise<Answer> {
    const url = new URL(target, this.org.origin);
    if (url.origin !== this.org.origin) throw this.fail(`the org answered with a link to another address (${url.origin}); not followed`);
    const shown = `${url.pathname}${url.search}`;
    let attempt = 0;
    let reauthorized = false;
    for (;;) {
      await this.slot();
      let answer: Answer;
      try {
        const wait = this.notBefore - Date.now();
        if (wait > 0) await this.sleep(wait);
        const authorization = await this.credentials.authorization((u, f) => this.post(u, f));
        this.requests.push(shown);
        answer = await this.once(url, authorization);
      } finally {
        this.release();
      }
      if (answer.status === 401) {
        // An access token may have expired during a long audit: ask for a new one, once.
        if (!reauthorized && this.credentials.kind.startsWith('OAuth')) {
          reauthorized = true;
          this.credentials.reset();
          continue;
        }
        throw this.fail(`the ${this.credentials.kind} was refused (${describeAnswer(answer)} on GET ${url.pathname}); check that it is valid and not revoked`);
      }
      if (answer.status === 403) {
        const scope = /scope="([^"]+)"/.exec(answer.headers.get('www-authenticate') ?? '')?.[1] ?? scopeFor(url.pathname);
        throw this.fail(`permission denied (${describeAnswer(answer)} on GET ${url.pathname}): the ${this.credentials.kind} needs the ${scope} scope (read-only: ${['okta.apps.read', 'okta.groups.read'].join(' and ')})`);
      }
      const retryable = answer.status === 429 || answer.status >= 500 || answer.timedOut === true;
      // A timeout is tried once more only: an org that does not answer should not hold the run for minutes.
      if (!retryable || attempt >= (answer.timedOut ? Math.min(1, this.retries) : this.retries)) return answer;
      attempt++;
      const reset = answer.status === 429 ? this.resetWait(answer.headers) : undefined;
      const backoff = Math.min(this.maxWaitMs, reset ?? 250 * 2 ** (attempt - 1));
      if (answer.status === 429) this.notBefore = Math.max(this.notBefore, Date.now() + backoff);
      else await this.sleep(backoff);
    }
  }

  private async once(url: URL, authorization: string): Promise<Answer> {
    try {
      const response = await this.fetch(url, {
        method: 'GET',
        headers: { Accept: 'application/json', Authorization: authorization, 'User-Agent': 'okta-push-guard' },
        signal: AbortSignal.timeout(this.timeoutMs),
        // A redirect could carry the Authorization header elsewhere.
        redirect: 'error',
      });
      const text = await response.text();
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = undefined;
      }
      this.noteRateLimit(response.headers);
      return { status: response.status, body, headers: response.headers };
    } catch (error) {
      if (isTimeout(error)) return { status: 0, body: undefined, headers: new Headers(), timedOut: true };
      throw this.fail(`cannot reach the org (${transportCause(error)})`);
    }
  }

  /** Every item of a paged list: the first page, then each rel="next" link until there is none. */
  async all(path: string, what: string): Promise<{ ok: true; items: unknown[] } | { ok: false; answer: Answer }> {
    const items: unknown[] = [];
    let target: string | undefined = path;
    const seen = new Set<string>();
    while (target !== undefined) {
      if (seen.has(target)) throw this.fail(`the org's ${what} pages link back to a page already read (${target}); stopped`);
      seen.add(target);
      const answer = await this.get(target);
      if (answer.status !== 200) return { ok: false, answer };
      if (!Array.isArray(answer.body)) throw this.fail(`GET ${new URL(target, this.org.origin).pathname} did not answer a JSON list of ${what}`);
      // A loop, not push(...body): a spread of a long page overflows the stack.
      for (const item of answer.body) items.push(item);
      target = nextLink(answer.headers.get('link'));
    }
    return { ok: true, items };
  }
}

function isTimeout(error: unknown): boolean {
  // By name: the DOMException fetch throws is not an Error of every realm.
  const named = (e: unknown): boolean => typeof e === 'object' && e !== null && ['TimeoutError', 'AbortError'].includes((e as { name?: string }).name ?? '');
  return named(error) || named((error as { cause?: unknown })?.cause);
}

/** What went wrong under fetch: DNS, refused connection, TLS, a redirect. */
function transportCause(error: unknown): string {
  const cause = (error as { cause?: unknown })?.cause;
  const inner = cause && typeof cause === 'object' ? (cause as { code?: string; message?: string }) : undefined;
  if (inner?.code) return `${inner.code}${inner.message && !inner.message.includes(inner.code) ? `: ${inner.message}` : ''}`;
  if (inner?.message) return inner.message;
  return error instanceof Error ? error.message : String(error);
}
