/**
 * TLS helpers for local fakes that must be reached over https (the Microsoft Graph SDK only sends
 * `Authorization` to https hosts, see platform-contracts §4.7): a self-signed certificate for
 * IP:127.0.0.1 generated in-process, and a `fetch` that trusts exactly that certificate.
 *
 * `NODE_EXTRA_CA_CERTS` is read only at process start, so instead of touching the process-wide trust
 * store the connectors take an injectable `fetch`; product code keeps the default verification.
 */
import { Agent, request as httpsRequest } from 'node:https';
import { generate } from 'selfsigned';

export interface TlsMaterial {
  /** PEM private key for the server. */
  readonly key: string;
  /** PEM certificate (self-signed, SAN IP:127.0.0.1 and DNS:localhost); also the trust anchor. */
  readonly cert: string;
}

let cached: Promise<TlsMaterial> | undefined;

/** One certificate per test process (generation costs a few ms; every fake can share it). */
export function localCertificate(): Promise<TlsMaterial> {
  cached ??= generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(Date.UTC(2020, 0, 1)),
    notAfterDate: new Date(Date.UTC(2099, 0, 1)),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  }).then((pems) => ({ key: pems.private, cert: pems.cert }));
  return cached;
}

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * A WHATWG-style `fetch` over `node:https` that trusts only `ca` (no system roots) and never follows
 * redirects (3xx responses are returned as they are, like `redirect: 'manual'` but readable).
 */
export function trustingFetch(ca: string): FetchLike {
  // keepAlive off: no idle sockets keep a test process or a closing fake server alive.
  const agent = new Agent({ ca, keepAlive: false });
  return async (input, init) => {
    const request = new Request(input, init);
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const signal = init?.signal ?? undefined;
    signal?.throwIfAborted();
    return new Promise<Response>((resolve, reject) => {
      const req = httpsRequest(
        request.url,
        { method: request.method, headers, agent, ...(signal ? { signal } : {}) },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            const responseHeaders = new Headers();
            for (const [name, value] of Object.entries(res.headers)) {
              if (value === undefined) continue;
              for (const item of Array.isArray(value) ? value : [value]) responseHeaders.append(name, item);
            }
            resolve(
              new Response(NULL_BODY_STATUSES.has(status) ? null : Buffer.concat(chunks), {
                status,
                statusText: res.statusMessage ?? '',
                headers: responseHeaders,
              }),
            );
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  };
}
