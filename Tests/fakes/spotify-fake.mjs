// A fault-injecting fake of Spotify's Web API for the Spotify client tests, on 127.0.0.1. State is
// in memory; shapes follow the public spec (Tests/peers/spotify/spotify-openapi.v1.yml); errors
// are Spotify's {"error":{"status":N,"message":"..."}}. No dependencies.
//
// usage: node spotify-fake.mjs [PORT]   (prints "listening PORT"; PORT 0 or none picks a free one)
//
// Admin (no auth, JSON bodies, answer {"ok":true} or the data asked for):
//   POST /admin/reset            everything back to the defaults below
//   POST /admin/catalog          {"tracks":[{id?, name, artists:[..], album, duration_ms, isrc,
//                                 explicit?, popularity?, release_date?}]}: what search finds
//   POST /admin/saved            same shape: saved tracks (/v1/me/tracks, top, recently played)
//   POST /admin/tokens           {"valid":[..]}: only these bearer tokens pass (default: any)
//   POST /admin/latency          {"ms":N}: delay before every /v1 answer
//   POST /admin/ratelimit        {"perSecond":N}: 429 + Retry-After: 1 past N answers a second
//   POST /admin/audio-features   {"allowed":true}: default false, /v1/audio-features is 403
//   POST /admin/device           {"active":false}: player calls answer 404 NO_ACTIVE_DEVICE
//   POST /admin/faults           {"faults":[{method, path ("/v1/x" exact or "/v1/x*" prefix),
//                                 kind, times=1, skip=0, retryAfter=1, apply=true}]}, appended.
//                                 kinds: 429 500 503 drop truncate expire hang nextPastTotal
//   GET  /admin/log              every /v1 request: {method, path, query, status, bodyBytes,
//                                 uris, contentType, auth}
//   GET  /admin/playlists        every playlist: {id, name, description, public, items, cover}
//
// API (Authorization: Bearer TOKEN on every call):
//   GET  /v1/me
//   GET  /v1/search?q=&type=track&limit=1..10&offset=&market=
//   GET  /v1/me/tracks, /v1/me/top/tracks, /v1/me/player/recently-played   (limit 1..50)
//   GET  /v1/audio-features?ids=a,b   (max 100)
//   GET|POST /v1/me/playlists, POST /v1/users/fake-user/playlists
//   GET  /v1/playlists/{id}   GET|POST|PUT /v1/playlists/{id}/items   PUT /v1/playlists/{id}/images
//   PUT  /v1/me/player/play   POST /v1/me/player/queue?uri=
import http from 'node:http';
import { createHash, randomBytes } from 'node:crypto';

// Standard output carries only the "listening PORT" line, which the test reads before it closes
// the pipe; everything else goes to standard error.
console.log = console.info = console.warn = console.error;
process.stdout.on('error', () => {});

const maxBody = 4 * 1024 * 1024;
const maxCoverBytes = 256 * 1024;
const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const itemUri = /^spotify:(track|episode):[0-9A-Za-z]{22}$/;
const me = { id: 'fake-user', display_name: 'Fake Listener' };
let base = 'http://127.0.0.1';

const fresh = () => ({
  catalog: [], saved: [], validTokens: null, expiredTokens: new Set(), latencyMs: 0,
  perSecond: 0, answeredAt: [], audioFeaturesAllowed: false, deviceActive: true, faults: [],
  log: [], playlists: new Map(), hanging: new Set(),
});
let state = fresh();

// ---------- small helpers ----------

const reply = (status, body, headers = {}) => ({ status, body, headers });
const spotifyError = (status, message, extra = {}) =>
  reply(status, { error: { status, message, ...extra } });

const idFrom = (seed) => {
  const digest = createHash('sha256').update(seed).digest();
  return Array.from(digest.subarray(0, 22), (b) => base62[b % 62]).join('');
};
const randomId = () => Array.from(randomBytes(22), (b) => base62[b % 62]).join('');
const snapshot = () => randomBytes(24).toString('base64url');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const normal = (text) => String(text ?? '').normalize('NFC').toLocaleLowerCase();
const folded = (text) => normal(text).normalize('NFD').replace(/\p{M}/gu, '');
const contains = (hay, needle) => normal(hay).includes(normal(needle))
  || folded(hay).includes(folded(needle));

function readBody(req) {
  return new Promise((resolve) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size <= maxBody) chunks.push(chunk);
    });
    req.on('end', () => resolve({ bytes: Buffer.concat(chunks), size }));
    req.on('error', () => resolve({ bytes: Buffer.alloc(0), size }));
  });
}

function parseJson(bytes) {
  if (bytes.length === 0) return { value: {} };
  try { return { value: JSON.parse(bytes.toString('utf8')) }; } catch { return { error: true }; }
}

// Reads an integer query parameter; returns null when it is missing, NaN when it is not a number.
function intParam(url, name) {
  const text = url.searchParams.get(name);
  if (text === null || text === '') return null;
  return /^-?\d+$/.test(text) ? Number(text) : NaN;
}

function limitAndOffset(url, { defaultLimit, maxLimit, maxOffset = Infinity }) {
  const limit = intParam(url, 'limit') ?? defaultLimit;
  const offset = intParam(url, 'offset') ?? 0;
  if (!(limit >= 1 && limit <= maxLimit)) return { error: spotifyError(400, 'Invalid limit') };
  if (!(offset >= 0 && offset <= maxOffset)) return { error: spotifyError(400, 'Invalid offset') };
  return { limit, offset };
}

function pageUrl(path, params, offset, limit) {
  const query = new URLSearchParams({ ...params, offset: String(offset), limit: String(limit) });
  return `${base}${path}?${query}`;
}

// A Spotify paging object. With pastTotal the next link always points one page further, past
// the end, as some real endpoints do.
function paging(all, { path, params = {}, offset, limit, pastTotal = false, map = (x) => x }) {
  const items = all.slice(offset, offset + limit).map((x, i) => map(x, offset + i));
  const more = offset + limit < all.length;
  return {
    href: pageUrl(path, params, offset, limit),
    items,
    limit,
    next: more || pastTotal ? pageUrl(path, params, offset + limit, limit) : null,
    offset,
    previous: offset > 0 ? pageUrl(path, params, Math.max(0, offset - limit), limit) : null,
    total: all.length,
  };
}

// ---------- Spotify objects ----------

const link = (kind, id) => ({ spotify: `${base}/open/${kind}/${id}` });

function artistObject(name) {
  const id = idFrom(`artist:${name}`);
  return { external_urls: link('artist', id), href: `${base}/v1/artists/${id}`, id, name,
    type: 'artist', uri: `spotify:artist:${id}` };
}

function trackObject(t) {
  const artists = t.artists.map(artistObject);
  const albumId = idFrom(`album:${t.album}:${t.artists[0] ?? ''}`);
  return {
    album: { album_type: 'album', total_tracks: 1, external_urls: link('album', albumId),
      href: `${base}/v1/albums/${albumId}`, id: albumId, images: [], name: t.album,
      release_date: t.release_date, release_date_precision: 'day', type: 'album',
      uri: `spotify:album:${albumId}`, artists: artists.slice(0, 1) },
    artists, disc_number: 1, duration_ms: t.duration_ms, explicit: t.explicit,
    external_ids: t.isrc ? { isrc: t.isrc } : {}, external_urls: link('track', t.id),
    href: `${base}/v1/tracks/${t.id}`, id: t.id, is_playable: true, name: t.name,
    popularity: t.popularity, preview_url: null, track_number: 1, type: 'track',
    uri: `spotify:track:${t.id}`, is_local: false,
  };
}

function knownTrack(id) {
  return state.catalog.find((t) => t.id === id) ?? state.saved.find((t) => t.id === id);
}

// The object for a playlist entry: the stored track when the id is known, else a stand-in.
function itemObject(uri) {
  const [, kind, id] = uri.split(':');
  if (kind === 'episode') {
    return { id, name: `Episode ${id}`, type: 'episode', uri, duration_ms: 1800000,
      href: `${base}/v1/episodes/${id}`, is_playable: true };
  }
  return trackObject(knownTrack(id) ?? { id, name: `Track ${id}`, artists: ['Unknown Artist'],
    album: 'Unknown Album', duration_ms: 180000, explicit: false, popularity: 0,
    release_date: '2000-01-01' });
}

function userObject() {
  return { ...me, country: 'DE', product: 'premium', type: 'user', uri: `spotify:user:${me.id}`,
    email: 'listener@example.invalid', explicit_content: { filter_enabled: false, filter_locked: false },
    external_urls: link('user', me.id), followers: { href: null, total: 0 },
    href: `${base}/v1/users/${me.id}`, images: [] };
}

function playlistObject(p) {
  return {
    collaborative: p.collaborative, description: p.description, external_urls: link('playlist', p.id),
    followers: { href: null, total: 0 }, href: `${base}/v1/playlists/${p.id}`, id: p.id,
    images: [], name: p.name, owner: { ...me, type: 'user', uri: `spotify:user:${me.id}`,
      href: `${base}/v1/users/${me.id}`, external_urls: link('user', me.id) },
    public: p.public, snapshot_id: p.snapshotId, type: 'playlist', uri: `spotify:playlist:${p.id}`,
    items: { href: `${base}/v1/playlists/${p.id}/items`, total: p.items.length },
  };
}

function audioFeatures(t) {
  const b = createHash('sha256').update(`features:${t.id}`).digest();
  const unit = (i) => Math.round((b[i] / 255) * 1000) / 1000;
  return {
    id: t.id, danceability: unit(0), energy: unit(1), valence: unit(2),
    tempo: Math.round((60 + unit(3) * 120) * 1000) / 1000,
    loudness: Math.round(-unit(4) * 30 * 1000) / 1000, mode: b[5] % 2, key: b[6] % 12,
    acousticness: unit(7), instrumentalness: unit(8), speechiness: unit(9), liveness: unit(10),
    duration_ms: t.duration_ms, time_signature: 4, type: 'audio_features',
    uri: `spotify:track:${t.id}`, track_href: `${base}/v1/tracks/${t.id}`,
    analysis_url: `${base}/v1/audio-analysis/${t.id}`,
  };
}

// ---------- search ----------

// Splits a query into field filters (isrc:, track:, artist:, album:, quoted or not) and free words.
function parseQuery(q) {
  const filters = [];
  const words = [];
  const token = /(?:(\w+):)?(?:"([^"]*)"|(\S+))/gu;
  for (const m of q.matchAll(token)) {
    const field = m[1]?.toLowerCase();
    const value = m[2] ?? m[3];
    if (['isrc', 'track', 'artist', 'album'].includes(field)) filters.push({ field, value });
    else if (['year', 'genre', 'tag', 'upc'].includes(field)) continue; // accepted, not modelled
    else if (field) words.push(`${m[1]}:${value}`);
    else if (value) words.push(value);
  }
  return { filters, words };
}

function matches(t, { filters, words }) {
  for (const { field, value } of filters) {
    if (field === 'isrc' && normal(t.isrc) !== normal(value)) return false;
    if (field === 'track' && !contains(t.name, value)) return false;
    if (field === 'artist' && !t.artists.some((a) => contains(a, value))) return false;
    if (field === 'album' && !contains(t.album, value)) return false;
  }
  return words.every((w) => contains(t.name, w) || contains(t.album, w)
    || t.artists.some((a) => contains(a, w)));
}

function search(ctx) {
  const { url } = ctx;
  const q = url.searchParams.get('q');
  const types = (url.searchParams.get('type') ?? '').split(',').filter(Boolean);
  if (!q || !q.trim()) return spotifyError(400, 'No search query');
  if (types.length === 0) return spotifyError(400, 'Missing parameter type');
  const known = ['album', 'artist', 'playlist', 'track', 'show', 'episode', 'audiobook'];
  if (types.some((t) => !known.includes(t))) return spotifyError(400, 'Bad search type field');
  const page = limitAndOffset(url, { defaultLimit: 5, maxLimit: 10, maxOffset: 1000 });
  if (page.error) return page.error;
  if (page.offset + page.limit > 1000) return spotifyError(400, 'Invalid offset');
  const params = { q, type: types.join(',') };
  if (url.searchParams.has('market')) params.market = url.searchParams.get('market');
  const query = parseQuery(q);
  const body = {};
  for (const type of types) {
    const found = type === 'track' ? state.catalog.filter((t) => matches(t, query)) : [];
    body[`${type}s`] = paging(found, { path: '/v1/search', params, ...page,
      pastTotal: ctx.pastTotal, map: type === 'track' ? trackObject : (x) => x });
  }
  return reply(200, body);
}

// ---------- library and audio features ----------

const addedAt = (index) => new Date(Date.UTC(2024, 0, 1) - index * 86400000).toISOString()
  .replace(/\.\d+Z$/, 'Z');

function savedTracks(ctx) {
  const page = limitAndOffset(ctx.url, { defaultLimit: 20, maxLimit: 50 });
  if (page.error) return page.error;
  return reply(200, paging(state.saved, { path: '/v1/me/tracks', ...page, pastTotal: ctx.pastTotal,
    map: (t, i) => ({ added_at: addedAt(i), track: trackObject(t) }) }));
}

function topTracks(ctx) {
  const range = ctx.url.searchParams.get('time_range') ?? 'medium_term';
  if (!['short_term', 'medium_term', 'long_term'].includes(range)) {
    return spotifyError(400, 'Invalid time range');
  }
  const page = limitAndOffset(ctx.url, { defaultLimit: 20, maxLimit: 50 });
  if (page.error) return page.error;
  return reply(200, paging(state.saved, { path: '/v1/me/top/tracks', params: { time_range: range },
    ...page, pastTotal: ctx.pastTotal, map: trackObject }));
}

function recentlyPlayed(ctx) {
  const limit = intParam(ctx.url, 'limit') ?? 20;
  if (!(limit >= 1 && limit <= 50)) return spotifyError(400, 'Invalid limit');
  const before = intParam(ctx.url, 'before');
  const playedAt = (i) => Date.UTC(2024, 0, 1) - i * 600000;
  const all = state.saved.map((t, i) => ({ t, at: playedAt(i) }))
    .filter(({ at }) => before === null || at < before);
  const items = all.slice(0, limit).map(({ t, at }) => ({ track: trackObject(t),
    played_at: new Date(at).toISOString(), context: null }));
  const last = all[Math.min(limit, all.length) - 1];
  const more = all.length > limit;
  return reply(200, {
    href: `${base}/v1/me/player/recently-played?limit=${limit}`, items, limit,
    next: more || ctx.pastTotal ? `${base}/v1/me/player/recently-played?before=${last?.at ?? 0}&limit=${limit}` : null,
    cursors: items.length ? { after: String(all[0].at), before: String(last.at) } : null,
    total: state.saved.length,
  });
}

function features(ctx) {
  if (!state.audioFeaturesAllowed) return spotifyError(403, 'Forbidden');
  const ids = (ctx.url.searchParams.get('ids') ?? '').split(',').filter(Boolean);
  if (ids.length === 0) return spotifyError(400, 'Missing required parameter ids');
  if (ids.length > 100) return spotifyError(400, 'Too many ids requested');
  return reply(200, { audio_features: ids.map((id) => {
    const t = knownTrack(id);
    return t ? audioFeatures(t) : null;
  }) });
}

// ---------- playlists ----------

function createPlaylist(ctx) {
  const body = ctx.json;
  if (body === undefined) return spotifyError(400, 'Error parsing JSON.');
  if (typeof body.name !== 'string' || body.name === '') return spotifyError(400, 'Missing required field: name');
  const isPublic = body.public ?? true;
  const collaborative = body.collaborative ?? false;
  if (typeof isPublic !== 'boolean' || typeof collaborative !== 'boolean') {
    return spotifyError(400, 'public and collaborative must be booleans');
  }
  if (collaborative && isPublic) return spotifyError(400, 'A collaborative playlist cannot be public');
  const p = { id: randomId(), name: body.name, description: body.description ?? null,
    public: isPublic, collaborative, items: [], cover: null, snapshotId: snapshot() };
  state.playlists.set(p.id, p);
  return reply(201, playlistObject(p));
}

// The user's playlists, newest first, as Spotify lists them.
function myPlaylists(ctx) {
  const page = limitAndOffset(ctx.url, { defaultLimit: 20, maxLimit: 50 });
  if (page.error) return page.error;
  return reply(200, paging([...state.playlists.values()].reverse(), { path: '/v1/me/playlists',
    ...page, pastTotal: ctx.pastTotal, map: playlistObject }));
}

function checkUris(uris, { allowEmpty }) {
  if (!Array.isArray(uris)) return 'uris must be an array of Spotify URIs';
  if (uris.length === 0 && !allowEmpty) return 'No uris provided';
  if (uris.length > 100) return 'You can add a maximum of 100 tracks per request.';
  const bad = uris.find((u) => typeof u !== 'string' || !itemUri.test(u));
  return bad === undefined ? null : `Invalid track uri: ${String(bad).slice(0, 80)}`;
}

function requestUris(ctx) {
  if (ctx.json?.uris !== undefined) return ctx.json.uris;
  const fromQuery = ctx.url.searchParams.get('uris');
  return fromQuery === null ? undefined : fromQuery.split(',');
}

function addItems(ctx, p) {
  if (ctx.json === undefined) return spotifyError(400, 'Error parsing JSON.');
  const uris = requestUris(ctx);
  const problem = checkUris(uris, { allowEmpty: false });
  if (problem) return spotifyError(400, problem);
  const position = ctx.json.position ?? p.items.length;
  if (!Number.isInteger(position) || position < 0 || position > p.items.length) {
    return spotifyError(400, 'Index out of bounds');
  }
  p.items.splice(position, 0, ...uris);
  p.snapshotId = snapshot();
  return reply(201, { snapshot_id: p.snapshotId });
}

function replaceItems(ctx, p) {
  if (ctx.json === undefined) return spotifyError(400, 'Error parsing JSON.');
  if (ctx.json.range_start !== undefined) return spotifyError(400, 'Reordering is not modelled by this fake');
  const uris = requestUris(ctx) ?? [];
  const problem = checkUris(uris, { allowEmpty: true });
  if (problem) return spotifyError(400, problem);
  p.items = [...uris];
  p.snapshotId = snapshot();
  return reply(200, { snapshot_id: p.snapshotId });
}

// Every other page (the second, fourth, ...) also carries the deprecated "track" field.
function listItems(ctx, p) {
  const page = limitAndOffset(ctx.url, { defaultLimit: 20, maxLimit: 50 });
  if (page.error) return page.error;
  const withTrack = Math.floor(page.offset / page.limit) % 2 === 1;
  return reply(200, paging(p.items, { path: `/v1/playlists/${p.id}/items`, ...page,
    pastTotal: ctx.pastTotal, map: (uri, i) => {
      const item = itemObject(uri);
      return { added_at: addedAt(0), added_by: { id: me.id, type: 'user' }, is_local: false, item,
        ...(withTrack ? { track: item } : {}) };
    } }));
}

function uploadCover(ctx, p) {
  const type = (ctx.req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'image/jpeg') return spotifyError(415, 'Content-Type must be image/jpeg');
  if (ctx.bodySize > maxCoverBytes) return spotifyError(413, 'Image payload is larger than 256 KB');
  const text = ctx.body.toString('latin1');
  if (text.length === 0) return spotifyError(400, 'Missing image data');
  if (/\s/.test(text)) return spotifyError(400, 'Image data must be base64 without whitespace or line breaks');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) return spotifyError(400, 'Image data is not base64');
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length < 2 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return spotifyError(400, 'Image data is not a JPEG');
  p.cover = { bytes: bytes.length, contentType: type };
  return reply(202);
}

function playlistRoute(handler) {
  return (ctx, id) => {
    const p = state.playlists.get(id);
    return p ? handler(ctx, p) : spotifyError(404, 'Resource not found');
  };
}

// ---------- player ----------

const noDevice = () => spotifyError(404, 'Player command failed: No active device found',
  { reason: 'NO_ACTIVE_DEVICE' });

function play(ctx) {
  if (ctx.json === undefined) return spotifyError(400, 'Error parsing JSON.');
  const { context_uri: contextUri, uris } = ctx.json;
  if (contextUri !== undefined && typeof contextUri !== 'string') return spotifyError(400, 'Invalid context uri');
  if (uris !== undefined && checkUris(uris, { allowEmpty: false })) return spotifyError(400, 'Invalid track uri');
  return state.deviceActive ? reply(204) : noDevice();
}

function queue(ctx) {
  const uri = ctx.url.searchParams.get('uri');
  if (!uri) return spotifyError(400, 'Missing required parameter uri');
  if (!itemUri.test(uri)) return spotifyError(400, 'Invalid track uri');
  return state.deviceActive ? reply(204) : noDevice();
}

// ---------- routing, auth, faults ----------

const routes = [
  ['GET', /^\/v1\/me$/, () => reply(200, userObject())],
  ['GET', /^\/v1\/search$/, search],
  ['GET', /^\/v1\/me\/tracks$/, savedTracks],
  ['GET', /^\/v1\/me\/top\/tracks$/, topTracks],
  ['GET', /^\/v1\/me\/player\/recently-played$/, recentlyPlayed],
  ['GET', /^\/v1\/audio-features$/, features],
  ['GET', /^\/v1\/me\/playlists$/, myPlaylists],
  ['POST', /^\/v1\/me\/playlists$/, createPlaylist],
  ['POST', /^\/v1\/users\/fake-user\/playlists$/, createPlaylist],
  ['GET', /^\/v1\/playlists\/([^/]+)$/, playlistRoute((ctx, p) => reply(200, playlistObject(p)))],
  ['GET', /^\/v1\/playlists\/([^/]+)\/items$/, playlistRoute(listItems)],
  ['POST', /^\/v1\/playlists\/([^/]+)\/items$/, playlistRoute(addItems)],
  ['PUT', /^\/v1\/playlists\/([^/]+)\/items$/, playlistRoute(replaceItems)],
  ['PUT', /^\/v1\/playlists\/([^/]+)\/images$/, playlistRoute(uploadCover)],
  ['PUT', /^\/v1\/me\/player\/play$/, play],
  ['POST', /^\/v1\/me\/player\/queue$/, queue],
];

function route(ctx) {
  for (const [method, pattern, handler] of routes) {
    const m = ctx.url.pathname.match(pattern);
    if (m && method === ctx.req.method) return handler(ctx, ...m.slice(1).map(decodeURIComponent));
  }
  return spotifyError(404, 'Service not found');
}

const bearer = (req) => /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;

function checkToken(token) {
  const unauthorized = (message) => spotifyError(401, message);
  if (!token) return unauthorized('No token provided');
  if (state.expiredTokens.has(token)) {
    return { ...unauthorized('The access token expired'), headers: { 'WWW-Authenticate':
      'Bearer realm="spotify", error="invalid_token", error_description="The access token expired"' } };
  }
  if (state.validTokens && !state.validTokens.has(token)) return unauthorized('Invalid access token');
  return null;
}

function rateLimited() {
  if (state.perSecond <= 0) return null;
  const now = Date.now();
  state.answeredAt = state.answeredAt.filter((t) => now - t < 1000);
  if (state.answeredAt.length >= state.perSecond) {
    return { ...spotifyError(429, 'API rate limit exceeded'), headers: { 'Retry-After': '1' } };
  }
  state.answeredAt.push(now);
  return null;
}

// The first fault that matches this request and has not run out; skip lets matching requests pass.
function takeFault(req, path) {
  for (const f of state.faults) {
    const pathMatches = f.path.endsWith('*') ? path.startsWith(f.path.slice(0, -1)) : path === f.path;
    if ((f.method && f.method.toUpperCase() !== req.method) || !pathMatches || f.fired >= f.times) continue;
    if (f.seen++ < f.skip) continue;
    f.fired += 1;
    return f;
  }
  return null;
}

function send(res, entry, result) {
  const body = result.body === undefined ? '' : JSON.stringify(result.body);
  entry.status = result.status;
  res.writeHead(result.status, { ...(body ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
    'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'private, max-age=0', ...result.headers });
  res.end(body);
}

// Runs the handler (so the request takes effect unless apply is false) and damages the answer.
function sendDamaged(ctx, entry, fault) {
  const { res, req } = ctx;
  const result = fault.apply === false ? reply(req.method === 'POST' ? 201 : 200, { snapshot_id: snapshot() })
    : route(ctx);
  const body = JSON.stringify(result.body ?? { snapshot_id: snapshot(), note: 'damaged answer' });
  const status = result.body === undefined ? 200 : result.status;
  const half = Buffer.from(body).subarray(0, Math.floor(Buffer.byteLength(body) / 2));
  entry.status = status;
  if (fault.kind === 'truncate') {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': half.length });
    return res.end(half);
  }
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.write(half, () => req.socket.destroy());
}

function applyFault(ctx, entry, fault, token) {
  const retryAfter = String(fault.retryAfter ?? 1);
  switch (String(fault.kind)) {
    case '429': return send(ctx.res, entry, { ...spotifyError(429, 'API rate limit exceeded'), headers: { 'Retry-After': retryAfter } });
    case '500': return send(ctx.res, entry, spotifyError(500, 'Server error.'));
    case '503': return send(ctx.res, entry, { ...spotifyError(503, 'Service unavailable'),
      headers: fault.retryAfter !== undefined ? { 'Retry-After': retryAfter } : {} });
    case 'expire':
      state.expiredTokens.add(token);
      state.validTokens?.delete(token);
      return send(ctx.res, entry, checkToken(token));
    case 'hang':
      entry.status = null;
      state.hanging.add(ctx.res);
      return ctx.res.on('close', () => state.hanging.delete(ctx.res));
    case 'drop': case 'truncate': return sendDamaged(ctx, entry, fault);
    case 'nextPastTotal': return send(ctx.res, entry, route({ ...ctx, pastTotal: true }));
    default: return send(ctx.res, entry, spotifyError(500, `Unknown fault kind ${fault.kind}`));
  }
}

async function api(req, res, url) {
  const { bytes, size } = await readBody(req);
  const path = url.pathname;
  const token = bearer(req);
  const parsed = parseJson(bytes);
  const ctx = { req, res, url, body: bytes, bodySize: size, pastTotal: false,
    json: parsed.error ? undefined : parsed.value };
  const isItems = /^\/v1\/playlists\/[^/]+\/items$/.test(path) && req.method !== 'GET';
  const uris = isItems ? requestUris(ctx) ?? null : null;
  const entry = { method: req.method, path, query: Object.fromEntries(url.searchParams), status: null,
    bodyBytes: size, uris: isItems ? uris : undefined, contentType: req.headers['content-type'] ?? null,
    auth: token !== null };
  state.log.push(entry);

  if (state.latencyMs > 0) await sleep(state.latencyMs);
  if (size > maxBody) return send(res, entry, spotifyError(413, 'Request body too large'));
  const denied = checkToken(token) ?? rateLimited();
  if (denied) return send(res, entry, denied);
  const fault = takeFault(req, path);
  if (fault) return applyFault(ctx, entry, fault, token);
  return send(res, entry, route(ctx));
}

// ---------- admin ----------

function storedTrack(t) {
  if (!t || typeof t.name !== 'string') throw new Error('every track needs a name');
  const artists = Array.isArray(t.artists) ? t.artists.map(String) : [String(t.artists ?? 'Unknown Artist')];
  const id = t.id ?? idFrom(`track:${t.name}:${artists.join(',')}:${t.album ?? ''}`);
  if (!/^[0-9A-Za-z]{22}$/.test(id)) throw new Error(`track id ${id} is not 22 base62 characters`);
  return { id, name: t.name, artists, album: String(t.album ?? t.name), duration_ms: Number(t.duration_ms ?? 200000),
    isrc: t.isrc ?? null, explicit: Boolean(t.explicit), release_date: t.release_date ?? '2020-01-01',
    popularity: Number(t.popularity ?? createHash('sha256').update(id).digest()[0] % 101) };
}

const admin = {
  'POST /admin/reset': () => {
    for (const res of state.hanging) res.socket?.destroy();
    state = fresh();
  },
  'POST /admin/catalog': (body) => { state.catalog = (body.tracks ?? []).map(storedTrack); },
  'POST /admin/saved': (body) => { state.saved = (body.tracks ?? []).map(storedTrack); },
  'POST /admin/tokens': (body) => {
    state.validTokens = new Set((body.valid ?? []).map(String));
    for (const token of state.validTokens) state.expiredTokens.delete(token);
  },
  'POST /admin/latency': (body) => { state.latencyMs = Math.max(0, Number(body.ms ?? 0)); },
  'POST /admin/ratelimit': (body) => { state.perSecond = Math.max(0, Number(body.perSecond ?? 0)); },
  'POST /admin/audio-features': (body) => { state.audioFeaturesAllowed = body.allowed === true; },
  'POST /admin/device': (body) => { state.deviceActive = body.active !== false; },
  'POST /admin/faults': (body) => {
    for (const f of body.faults ?? []) {
      if (typeof f.path !== 'string' || f.kind === undefined) throw new Error('a fault needs path and kind');
      state.faults.push({ ...f, kind: String(f.kind), times: f.times ?? 1, skip: f.skip ?? 0, seen: 0, fired: 0 });
    }
  },
  'GET /admin/log': () => state.log,
  'GET /admin/playlists': () => [...state.playlists.values()].map((p) => ({ id: p.id, name: p.name,
    description: p.description, public: p.public, items: p.items, cover: p.cover })),
};

async function adminRequest(req, res, url) {
  const { bytes } = await readBody(req);
  const action = admin[`${req.method} ${url.pathname}`];
  const answer = (status, value) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(value));
  };
  if (!action) return answer(404, { error: `no admin endpoint ${req.method} ${url.pathname}` });
  const parsed = parseJson(bytes);
  if (parsed.error) return answer(400, { error: 'the body is not JSON' });
  try {
    const result = action(parsed.value ?? {});
    return answer(200, result ?? { ok: true });
  } catch (error) {
    return answer(400, { error: error.message });
  }
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, base);
  const work = url.pathname.startsWith('/admin/') ? adminRequest(req, res, url) : api(req, res, url);
  work.catch((error) => {
    console.error('spotify fake:', error);
    if (!res.headersSent) { res.writeHead(500); res.end(); }
  });
});
server.keepAliveTimeout = 5000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  base = `http://127.0.0.1:${server.address().port}`;
  process.stdout.write(`listening ${server.address().port}\n`);
});
const stop = () => { server.closeAllConnections?.(); server.close(() => process.exit(0)); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
