// An org whose certificate cannot be trusted is an org that cannot be read: exit 2, the TLS cause named.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { captureIo } from '../support/io';
import { describeWith } from '../support/outside';

describeWith('openssl', 'an org behind an untrusted certificate', () => {
  let server: Server;
  let url: string;
  let answered = 0;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-tls-'));
    // A self-signed certificate made for this run: no trust store knows it.
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-days', '1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => {
      answered++;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('[]');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('exits 2 with the TLS cause, sending no request', async () => {
    const io = captureIo({ env: { OKTA_API_TOKEN: 'ssws-tls-token-0123456789' } });
    expect(await main(['audit', '--org-url', url, '--no-config'], io)).toBe(2);
    expect(io.err()).toMatch(new RegExp(`^okta-push-guard: error: ${url.replace(/[.]/g, '\\.')}: cannot reach the org \\((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)`));
    expect(io.err()).not.toContain('ssws-tls-token');
    expect(answered).toBe(0);
  });
});
