// An OpenID Connect provider on 127.0.0.1 for the sign-in tests, shaped like an Auth0 tenant:
// /authorize, /oauth/token, /oauth/revoke and /.well-known/jwks.json under the issuer, one public
// native client that must use PKCE (S256), RS256 ID tokens, rotating refresh tokens.
//
// usage: node provider.mjs PORT CLIENT_ID   (PORT 0 picks a free port)
// Prints "listening PORT" when ready. The interaction (login and consent) is answered at once for
// the user "listener-1", so a scripted browser that follows redirects ends at the redirect URI.
import http from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';

// Standard output carries only the "listening PORT" line, which the test reads before it closes
// the pipe; everything else goes to standard error.
console.log = console.info = console.warn = console.error;
process.stdout.on('error', () => {});

const wantedPort = Number(process.argv[2] ?? 0);
const clientId = process.argv[3] ?? 'moodboard-test';
const accessTtl = Number(process.env.OIDC_ACCESS_TOKEN_TTL ?? 3600);

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key-1', use: 'sig', alg: 'RS256' };

const server = http.createServer();
server.listen(wantedPort, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}/`;

  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId,
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: ['http://127.0.0.1/callback', 'http://[::1]/callback'],
      id_token_signed_response_alg: 'RS256',
    }],
    jwks: { keys: [signingKey] },
    routes: {
      authorization: '/authorize',
      token: '/oauth/token',
      revocation: '/oauth/revoke',
      jwks: '/.well-known/jwks.json',
      userinfo: '/userinfo',
    },
    features: { devInteractions: { enabled: false }, revocation: { enabled: true } },
    // Auth0 puts profile claims into the ID token even when an access token is issued.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    ttl: { AccessToken: accessTtl, IdToken: 3600, RefreshToken: 14 * 24 * 3600, AuthorizationCode: 60 },
    scopes: ['openid', 'profile', 'offline_access'],
    claims: { openid: ['sub'], profile: ['name'] },
    findAccount: (ctx, sub) => ({ accountId: sub, claims: () => ({ sub, name: 'Test Listener' }) }),
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    // Auth0 issues a refresh token for offline_access without prompt=consent.
    issueRefreshToken: async (ctx, client, code) => client.grantTypeAllowed('refresh_token')
      && code.scopes.has('offline_access'),
    rotateRefreshToken: () => process.env.OIDC_ROTATE !== '0',
  });
  provider.proxy = false;

  const callback = provider.callback();

  server.on('request', async (req, res) => {
    try {
      const url = new URL(req.url, issuer);

      // Auth0 keeps offline_access without prompt=consent; this provider drops it unless asked.
      if (url.pathname === '/authorize' && (url.searchParams.get('scope') ?? '').includes('offline_access')
          && !url.searchParams.has('prompt')) {
        url.searchParams.set('prompt', 'consent');
        req.url = url.pathname + url.search;
      }

      if (url.pathname.startsWith('/interaction/')) {
        const details = await provider.interactionDetails(req, res);
        const { prompt, params } = details;
        if (prompt.name === 'login') {
          await provider.interactionFinished(req, res, { login: { accountId: 'listener-1' } },
            { mergeWithLastSubmission: false });
          return;
        }
        const grant = details.grantId ? await provider.Grant.find(details.grantId)
          : new provider.Grant({ accountId: details.session.accountId, clientId: params.client_id });
        grant.addOIDCScope(String(params.scope));
        const grantId = await grant.save();
        await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
        return;
      }

      callback(req, res);
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error?.message ?? error));
    }
  });

  process.stdout.write(`listening ${port}\n`);
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
