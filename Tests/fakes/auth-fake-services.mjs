// Fault-injecting fakes for the sign-in and network tests, on 127.0.0.1. No dependencies.
//
// usage: node auth-fake-services.mjs   (prints "listening PORT")
//   /slow/oauth/token          answers after 3 s
//   /garbage/oauth/token       200 with an HTML page instead of JSON
//   /empty/oauth/token         200 with JSON but no access_token
//   /vault/oauth/token         Auth0 Token Vault: the federated-connection token exchange
//   /spotify/authorize, /spotify/api/token, /spotify/v1/me   Spotify's PKCE flow, in miniature
//   /flaky?key=K&fail=N        503 for the first N requests with key K, then 200
//   /drop?key=K&fail=N         drops the connection N times, then 200
//   /ratelimit                 429 with Retry-After: 7
//   /sleep?ms=N                answers after N ms
//   /echo                      the method, headers and body it received, as JSON
//   /stats                     how many requests each path received
// With FAKE_TLS_CERT and FAKE_TLS_KEY set, the same over HTTPS.
import http from 'node:http';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';

// Standard output carries only the "listening PORT" line, which the test reads before it closes
// the pipe; everything else goes to standard error.
console.log = console.info = console.warn = console.error;
process.stdout.on('error', () => {});

const counts = {};
const failures = {};
const spotifyCodes = new Map();

const readBody = (req) => new Promise((resolve) => {
  let data = '';
  req.on('data', (chunk) => { data += chunk; if (data.length > 1e6) req.destroy(); });
  req.on('end', () => resolve(data));
});

const json = (res, status, value, headers = {}) => {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify(value));
};

const s256 = (verifier) => createHash('sha256').update(verifier).digest('base64url');

function vault(form, res) {
  if (form.get('grant_type') !== 'urn:auth0:params:oauth:grant-type:token-exchange:federated-connection-access-token'
      || form.get('subject_token_type') !== 'urn:ietf:params:oauth:token-type:refresh_token'
      || form.get('requested_token_type') !== 'http://auth0.com/oauth/token-type/federated-connection-access-token'
      || form.get('connection') !== 'spotify' || !form.get('client_id')) {
    return json(res, 400, { error: 'invalid_request', error_description: 'missing or wrong exchange parameters' });
  }
  switch (form.get('subject_token')) {
    case 'rt-connected':
      return json(res, 200, { access_token: `spotify-at-${randomBytes(8).toString('hex')}`, expires_in: 3600,
        scope: 'playlist-read-private playlist-modify-private ugc-image-upload user-read-private',
        issued_token_type: 'http://auth0.com/oauth/token-type/federated-connection-access-token', token_type: 'Bearer' });
    case 'rt-short-lived':
      return json(res, 200, { access_token: `spotify-at-${randomBytes(8).toString('hex')}`, expires_in: 30,
        scope: 'playlist-read-private playlist-modify-private', token_type: 'Bearer' });
    case 'rt-few-scopes':
      return json(res, 200, { access_token: 'spotify-at-few', expires_in: 3600, scope: 'user-read-private', token_type: 'Bearer' });
    case 'rt-not-connected':
      return json(res, 401, { error: 'federated_connection_refresh_token_not_found',
        error_description: 'Federated connection Refresh Token not found.' });
    case 'rt-revoked':
      return json(res, 400, { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' });
    default:
      return json(res, 500, { error: 'server_error' });
  }
}

async function spotify(path, url, req, res) {
  if (path === '/spotify/authorize') {
    const redirect = url.searchParams.get('redirect_uri') ?? '';
    if (!redirect.startsWith('http://127.0.0.1:') || url.searchParams.get('code_challenge_method') !== 'S256'
        || url.searchParams.get('response_type') !== 'code' || !url.searchParams.get('client_id')) {
      res.writeHead(400); return res.end('bad authorize request');
    }
    const code = randomBytes(16).toString('hex');
    spotifyCodes.set(code, { challenge: url.searchParams.get('code_challenge'), redirect,
      scope: url.searchParams.get('scope') });
    res.writeHead(302, { Location: `${redirect}?code=${code}&state=${encodeURIComponent(url.searchParams.get('state'))}` });
    return res.end();
  }
  if (path === '/spotify/api/token') {
    const form = new URLSearchParams(await readBody(req));
    if (form.get('grant_type') === 'refresh_token') {
      return json(res, 200, { access_token: `sp-at-${randomBytes(8).toString('hex')}`, token_type: 'Bearer', expires_in: 3600 });
    }
    const entry = spotifyCodes.get(form.get('code'));
    spotifyCodes.delete(form.get('code'));
    if (!entry) return json(res, 400, { error: 'invalid_grant', error_description: 'Invalid authorization code' });
    if (entry.redirect !== form.get('redirect_uri')) return json(res, 400, { error: 'invalid_grant', error_description: 'Invalid redirect URI' });
    if (s256(form.get('code_verifier') ?? '') !== entry.challenge) return json(res, 400, { error: 'invalid_grant', error_description: 'code_verifier was incorrect' });
    return json(res, 200, { access_token: `sp-at-${randomBytes(8).toString('hex')}`, token_type: 'Bearer', expires_in: 3600,
      refresh_token: `sp-rt-${randomBytes(8).toString('hex')}`, scope: entry.scope });
  }
  if (path === '/spotify/v1/me') {
    if (!(req.headers.authorization ?? '').startsWith('Bearer sp-at-')) return json(res, 401, { error: { status: 401, message: 'Invalid access token' } });
    return json(res, 200, { id: 'spotify-listener-1', display_name: 'Spotify Listener' });
  }
  res.writeHead(404); res.end();
}

const handler = async (req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  const path = url.pathname;
  counts[path] = (counts[path] ?? 0) + 1;
  const key = `${path}:${url.searchParams.get('key')}`;
  const failFor = Number(url.searchParams.get('fail') ?? 0);

  if (path === '/stats') return json(res, 200, counts);
  if (path === '/slow/oauth/token') { await readBody(req); return setTimeout(() => json(res, 200, { access_token: 'late', expires_in: 60 }), 3000); }
  if (path === '/garbage/oauth/token') { await readBody(req); res.writeHead(200, { 'Content-Type': 'text/html' }); return res.end('<html><body>Welcome to nginx!</body></html>'); }
  if (path === '/empty/oauth/token') { await readBody(req); return json(res, 200, { token_type: 'Bearer' }); }
  if (path === '/vault/oauth/token') return vault(new URLSearchParams(await readBody(req)), res);
  if (path.startsWith('/spotify/')) return spotify(path, url, req, res);
  if (path === '/flaky') {
    failures[key] = (failures[key] ?? 0) + 1;
    return failures[key] <= failFor ? json(res, 503, { error: 'unavailable' }) : json(res, 200, { ok: true, attempts: failures[key] });
  }
  if (path === '/drop') {
    failures[key] = (failures[key] ?? 0) + 1;
    if (failures[key] <= failFor) return req.socket.destroy();
    return json(res, 200, { ok: true, attempts: failures[key] });
  }
  if (path === '/ratelimit') return json(res, 429, { error: 'rate limited' }, { 'Retry-After': '7' });
  if (path === '/sleep') return setTimeout(() => json(res, 200, { slept: true }), Number(url.searchParams.get('ms') ?? 0));
  if (path === '/echo') {
    const body = await readBody(req);
    return json(res, 200, { method: req.method, headers: req.headers, body, remotePort: req.socket.remotePort });
  }
  res.writeHead(404); res.end();
};

// FAKE_TLS_CERT and FAKE_TLS_KEY (PEM files) make it serve HTTPS, for the certificate checks.
const server = process.env.FAKE_TLS_CERT
  ? https.createServer({ cert: readFileSync(process.env.FAKE_TLS_CERT), key: readFileSync(process.env.FAKE_TLS_KEY) }, handler)
  : http.createServer(handler);
server.keepAliveTimeout = 5000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => process.stdout.write(`listening ${server.address().port}\n`));
process.on('SIGTERM', () => { server.closeAllConnections?.(); server.close(() => process.exit(0)); });
