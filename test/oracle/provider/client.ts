// The double's Okta Management API client: SSWS token auth, JSON bodies, and the okta SDK's handling of
// 429 (wait until X-Rate-Limit-Reset, then retry, up to max_retries).

export interface ClientSettings {
  /** Where requests go: `http_proxy` (OKTA_HTTP_PROXY), else https://{org_name}.{base_url}. */
  origin: string;
  token: string;
  maxRetries: number;
}

export class OktaApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    readonly errorSummary: string,
    readonly method: string,
    readonly path: string,
  ) {
    // The okta SDK's error text: method, URL path, status and Okta's summary. Never the token.
    super(`the API returned an error: ${errorSummary}, HTTP ${status} (${method} ${path}, ${errorCode})`);
  }
}

export interface ApiResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

export class OktaClient {
  constructor(private readonly settings: ClientSettings) {}

  async call<T = Record<string, unknown>>(method: string, path: string, body?: unknown, query?: Record<string, string | boolean | number | undefined>): Promise<ApiResponse<T>> {
    const url = new URL(path, this.settings.origin);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(url, {
        method,
        headers: {
          Authorization: `SSWS ${this.settings.token}`,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          'User-Agent': 'okta-terraform/6.12.0 (double)',
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (response.status === 429 && attempt < this.settings.maxRetries) {
        const reset = Number(response.headers.get('x-rate-limit-reset'));
        const wait = Number.isFinite(reset) && reset > 0 ? Math.min(Math.max(reset * 1000 - Date.now(), 0) + 50, 5000) : 1000;
        await new Promise((r) => setTimeout(r, wait));
        continue;
      }
      const parsed = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
      if (response.status >= 400) {
        throw new OktaApiError(
          response.status,
          String(parsed.errorCode ?? 'E0000000'),
          String(parsed.errorSummary ?? response.statusText),
          method,
          url.pathname,
        );
      }
      return { status: response.status, body: parsed as T, headers: response.headers };
    }
  }
}
