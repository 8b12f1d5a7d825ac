// A static server for dist/ that behaves like Netlify for what the app relies on:
// the rules in dist/_headers, the SPA fallback in dist/_redirects, and brotli or gzip
// compression of text and wasm for clients that accept it. Loopback only.
import { createServer } from 'node:http';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.svg', '.txt', '.webmanifest', '.csv']);
const compressed = new Map();

/** Brotli quality: Netlify compresses on the fly and states no quality; the one
 *  measurement found reproduced a live response at quality 3 (docs/performance.md, "What
 *  Netlify serves"; the size report's HOST_QUALITY, xtask/src/size.rs). */
const BROTLI_QUALITY = 3;

/** The body as the client accepts it (brotli, then gzip), compressed once per file, as
 *  Netlify sends it. */
function encode(file, body, acceptEncoding = '') {
  if (!COMPRESSIBLE.has(extname(file))) return { body };
  for (const [encoding, compress] of [
    ['br', (b) => brotliCompressSync(b, { params: { [zlib.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } })],
    ['gzip', (b) => gzipSync(b, { level: 9 })],
  ]) {
    if (!acceptEncoding.split(',').some((e) => e.trim().split(';')[0] === encoding)) continue;
    const key = `${encoding}:${file}:${body.length}`;
    if (!compressed.has(key)) compressed.set(key, compress(body));
    return { body: compressed.get(key), encoding };
  }
  return { body };
}

/** Netlify path pattern -> RegExp: `*` matches anything, `:name` one segment. */
export function patternToRegExp(pattern) {
  const body = pattern
    .split(/(\*|:[A-Za-z_]+)/)
    .map((part) => {
      if (part === '*') return '.*';
      if (part.startsWith(':')) return '[^/]+';
      return part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${body}$`);
}

/** Parses Netlify's _headers format into [{ regexp, headers: [[name, value]] }]. */
export function parseHeaders(text) {
  const rules = [];
  let current = null;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      current = { pattern: line.trim(), regexp: patternToRegExp(line.trim()), headers: [] };
      rules.push(current);
    } else if (current) {
      const at = line.indexOf(':');
      if (at > 0) current.headers.push([line.slice(0, at).trim(), line.slice(at + 1).trim()]);
    }
  }
  return rules;
}

/**
 * Parses _redirects into [{ regexp, query, to, status, force, language }]: the path, its
 * query conditions (`key=value`, or `key=:name` for any value), the target, the status
 * with Netlify's "!" (rewrite even when a file exists) and a `Language=` condition.
 */
export function parseRedirects(text) {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [from, ...rest] = l.split(/\s+/);
      const query = [];
      while (rest.length && rest[0].includes('=') && !rest[0].startsWith('/')) query.push(rest.shift().split('='));
      const [to, status = '301', ...conditions] = rest;
      const language = conditions.find((c) => c.startsWith('Language='))?.slice('Language='.length).split(',');
      return {
        regexp: patternToRegExp(from),
        query,
        to,
        status: Number.parseInt(status, 10),
        force: status.endsWith('!'),
        language,
      };
    });
}

/** The language Netlify matches `Language=` against: the first of Accept-Language, as
 *  netlify-cli's emulation reads it (its first two letters). */
export function requestLanguage(acceptLanguage = '') {
  return acceptLanguage.split(',')[0].trim().slice(0, 2).toLowerCase() || 'en';
}

/** The first rule that matches the request, or undefined. */
export function matchRedirect(rules, url, acceptLanguage, fileExists) {
  return rules.find((r) =>
    r.regexp.test(url.pathname)
    && (r.force || !fileExists)
    && r.query.every(([k, v]) => url.searchParams.has(k) && (v.startsWith(':') || url.searchParams.get(k) === v))
    && (!r.language || r.language.includes(requestLanguage(acceptLanguage))));
}

async function readOptional(path) {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return '';
  }
}

async function fileAt(root, urlPath) {
  const decoded = decodeURIComponent(urlPath);
  let path = normalize(join(root, decoded));
  if (path !== root && !path.startsWith(root + sep)) return null;
  try {
    let info = await stat(path);
    if (info.isDirectory()) {
      path = join(path, 'index.html');
      info = await stat(path);
    }
    return info.isFile() ? path : null;
  } catch {
    return null;
  }
}

/** Starts the server on a free loopback port; resolves to { url, close, requests }. */
export async function startServer(distDir) {
  const root = normalize(distDir);
  const headerRules = parseHeaders(await readOptional(join(root, '_headers')));
  const redirects = parseRedirects(await readOptional(join(root, '_redirects')));
  const requests = [];

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const urlPath = url.pathname;
    requests.push(urlPath);
    let status = 200;
    let file = await fileAt(root, urlPath);
    // Netlify applies a rule when no file matches the path, or always when it is forced
    // ("200!"). A 200 rule rewrites to its target; a 404 rule answers "not found" (with
    // its target as the body when that file exists).
    const rule = matchRedirect(redirects, url, req.headers['accept-language'], Boolean(file));
    if (rule?.status === 200) file = await fileAt(root, rule.to);
    if (rule?.status === 404) {
      status = 404;
      file = await fileAt(root, rule.to);
    }
    if (!file) status = 404;
    // Every header from the rules that match the path. One set by two matching rules is
    // refused: hosts differ on whether the later replaces the earlier or both are sent
    // (and two Content-Security-Policy headers are two policies, both enforced).
    const setBy = new Map();
    for (const rule of headerRules) {
      if (!rule.regexp.test(urlPath)) continue;
      for (const [name, value] of rule.headers) {
        const key = name.toLowerCase();
        if (setBy.has(key)) {
          res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
          res.end(`_headers: ${name} for ${urlPath} is set by both ${setBy.get(key)} and ${rule.pattern}`);
          return;
        }
        setBy.set(key, rule.pattern);
        res.setHeader(name, value);
      }
    }
    if (rule && rule.status >= 300 && rule.status < 400) {
      // Netlify passes the query on to the target.
      res.writeHead(rule.status, { Location: rule.to + url.search });
      res.end();
      return;
    }
    if (!file) {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found');
      return;
    }
    const { body, encoding } = encode(file, await readFile(file), req.headers['accept-encoding']);
    res.writeHead(status, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': body.length,
      // As Netlify does for a path with language rules (its CDN keeps a copy per language).
      Vary: redirects.some((r) => r.language && r.regexp.test(urlPath)) ? 'Accept-Encoding, Accept-Language' : 'Accept-Encoding',
      ...(encoding ? { 'Content-Encoding': encoding } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });

  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    // Closes open (keep-alive) connections too, so that a closed server is really gone.
    close: () => new Promise((resolve) => {
      server.close(resolve);
      server.closeAllConnections();
    }),
  };
}
