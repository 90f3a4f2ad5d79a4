/**
 * A stand-in for the Bot Framework's token signing: an OpenID metadata document and its key set
 * over local HTTP (what BOT_OPENID_METADATA_URL points the bot at), and tokens signed with that
 * key as the Bot Framework signs the requests it sends to a bot (RS256; issuer, audience = the
 * bot's app id, and the service URL the activity names).
 */
import { createSign, generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const ISSUER = 'https://api.botframework.com';
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

export interface BotFrameworkKeys {
  metadataUrl: string;
  /** A token for a request to the bot; `forged`: signed by a key the metadata does not publish. */
  token(appId: string, serviceUrl: string, o?: { forged?: boolean }): string;
  close(): Promise<void>;
}

export async function botFrameworkKeys(): Promise<BotFrameworkKeys> {
  const published = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'samla-test-key';
  const server = http.createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const body =
      req.url === '/openid'
        ? { issuer: ISSUER, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }
        : req.url === '/keys'
          ? { keys: [{ ...published.publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' }] }
          : null;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(body ? JSON.stringify(body) : '');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    metadataUrl: `http://127.0.0.1:${port}/openid`,
    token(appId, serviceUrl, o = {}) {
      const now = Math.floor(Date.now() / 1000);
      const unsigned = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64({ iss: ISSUER, aud: appId, serviceurl: serviceUrl, nbf: now - 60, iat: now - 60, exp: now + 3600 })}`;
      const signature = createSign('RSA-SHA256')
        .update(unsigned)
        .sign(o.forged ? other.privateKey : published.privateKey)
        .toString('base64url');
      return `${unsigned}.${signature}`;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
