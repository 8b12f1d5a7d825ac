// A static server for dist/ that behaves like Netlify for what the app relies on: the rules
// of dist/_headers and dist/_redirects read by Netlify's own parsers and matched by Netlify's
// own redirect engine (as netlify-cli does; netlify-cli.test.mjs compares the two servers),
// "Page not found" from dist/404.html, and brotli or gzip compression of text and wasm for
// clients that accept it. Loopback only.
import { createServer } from 'node:http';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { parseAllHeaders } from '@netlify/headers-parser';
import { parseAllRedirects } from '@netlify/redirect-parser';
import redirector from 'netlify-redirector';

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

/**
 * The site's rules as Netlify reads them: `_headers` and `_redirects` through Netlify's own
 * parsers (@netlify/headers-parser, @netlify/redirect-parser, as netlify-cli calls them),
 * and the redirects matched by Netlify's own engine (netlify-redirector, the library
 * netlify-cli matches with). A file either parser rejects is refused with its messages,
 * which name the line.
 */
export async function netlifyRules(root) {
  const { headers, errors: headerErrors } = await parseAllHeaders({ headersFiles: [join(root, '_headers')], minimal: false });
  const { redirects, errors: redirectErrors } = await parseAllRedirects({ redirectsFiles: [join(root, '_redirects')], minimal: false });
  const errors = [
    ...headerErrors.map((e) => `_headers: ${e.message}`),
    ...redirectErrors.map((e) => `_redirects: ${e.message}`),
  ];
  if (errors.length) throw new Error(`Netlify's parsers reject the site's rules:\n${errors.join('\n')}`);
  // netlify-redirector reads the shape netlify-cli gives it (utils/redirects.js there):
  // `params` for the query, capitalised conditions; the rule's pattern is its `path`.
  const forRedirector = ({ conditions: { country, language, role, ...conditions }, from, query, signed, ...rule }) => ({
    ...rule,
    origin: from,
    params: query,
    conditions: {
      ...conditions,
      ...(role && { Role: role }),
      ...(country && { Country: country }),
      ...(language && { Language: language }),
    },
  });
  const matcher = redirects.length
    ? await redirector.parseJSON(JSON.stringify(redirects.map(forRedirector)), {})
    : { match: () => null };
  return { headers, redirects, matcher };
}

/** The `_headers` rules whose path matches `path`, in file order (Netlify's `forRegExp`). */
export function headerRulesFor(rules, path) {
  return rules.headers.filter((rule) => rule.forRegExp.test(path));
}

/** The headers `path` gets, with every header that two matching rules set: [{ name, by }]. */
export function headersFor(rules, path) {
  const values = {};
  const setBy = new Map();
  const conflicts = [];
  for (const rule of headerRulesFor(rules, path)) {
    for (const [name, value] of Object.entries(rule.values)) {
      const key = name.toLowerCase();
      if (setBy.has(key)) conflicts.push({ name, by: [setBy.get(key), rule.for] });
      else setBy.set(key, rule.for);
      values[name] = value;
    }
  }
  return { values, conflicts };
}

/** The language a `Language=` condition is matched against, as netlify-cli takes it: the
 *  first two letters of the first language in Accept-Language. */
export function requestLanguage(acceptLanguage = '') {
  return acceptLanguage ? acceptLanguage.split(',')[0].slice(0, 2) : 'en';
}

/** The redirect rule Netlify's engine picks for a request (first match wins), or null. */
export function matchRedirect(rules, url, acceptLanguage) {
  const headers = { 'x-language': requestLanguage(acceptLanguage), 'x-country': 'us', 'accept-language': acceptLanguage ?? '' };
  return rules.matcher.match({
    scheme: url.protocol.replace(/:.*$/, ''),
    host: url.hostname,
    path: decodeURIComponent(url.pathname),
    query: url.search.slice(1),
    headers,
    cookieValues: {},
    getHeader: (name) => headers[name.toLowerCase()] || '',
    getCookie: () => '',
  });
}

/**
 * The file Netlify serves for a path, as netlify-cli looks it up: the path itself, then
 * `index.html` under it (and `.html` beside it for a path without an extension); or null.
 */
async function fileAt(root, urlPath) {
  const decoded = decodeURIComponent(urlPath);
  const candidates = [decoded];
  if (decoded.endsWith('/')) candidates.push(`${decoded}index.html`);
  else if (!/\.(html?|png|jpg|js|css|svg|gif|ico|woff|woff2)$/.test(decoded)) candidates.push(`${decoded}.html`, `${decoded}/index.html`);
  for (const candidate of candidates) {
    const path = normalize(join(root, candidate));
    if (path !== root && !path.startsWith(root + sep)) return null;
    try {
      if ((await stat(path)).isFile()) return path;
    } catch {
      // Not this one.
    }
  }
  return null;
}

/** Starts the server on a free loopback port; resolves to { url, close, requests }. */
export async function startServer(distDir) {
  const root = normalize(distDir);
  const rules = await netlifyRules(root);
  const requests = [];

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const urlPath = url.pathname;
    requests.push(urlPath);
    // The headers of the request's path (as Netlify matches them). A header set by two
    // matching rules is refused: hosts differ on whether the later replaces the earlier or
    // both are sent (and two Content-Security-Policy headers are two policies, both
    // enforced); tests/e2e/netlify.test.mjs checks every path of dist/ for it.
    const { values, conflicts } = headersFor(rules, urlPath);
    if (conflicts.length) {
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(conflicts.map((c) => `_headers: ${c.name} for ${urlPath} is set by both ${c.by.join(' and ')}`).join('\n'));
      return;
    }
    for (const [name, value] of Object.entries(values)) res.setHeader(name, value);
    // A request whose rule depends on its language is cached per language by Netlify's CDN.
    const match = matchRedirect(rules, url, req.headers['accept-language']);
    const otherLanguage = matchRedirect(rules, url, requestLanguage(req.headers['accept-language']) === 'fr' ? 'en' : 'fr');
    const vary = JSON.stringify(match) === JSON.stringify(otherLanguage) ? 'Accept-Encoding' : 'Accept-Encoding, Accept-Language';

    // What netlify-cli does with the match (utils/proxy.js, serveRedirect): a file at the
    // path wins over a rule unless the rule is forced ("!"); a 3xx sends the visitor on
    // (with the request's query when the target has none); a 200 serves the target's file
    // at this address; a 404 serves it as "not found".
    let status = 200;
    let file = await fileAt(root, urlPath);
    if (match && (match.force || !file)) {
      const dest = new URL(match.to, 'http://localhost');
      if ([...dest.searchParams].length === 0) url.searchParams.forEach((v, k) => dest.searchParams.append(k, v));
      if (match.status >= 300 && match.status < 400) {
        res.writeHead(match.status, { Location: dest.pathname + dest.search, 'Cache-Control': 'no-cache' });
        res.end();
        return;
      }
      status = match.status;
      file = await fileAt(root, dest.pathname);
    }
    // No file: Netlify's "not found", with the site's own 404.html when it has one.
    if (!file) {
      status = 404;
      file = await fileAt(root, '/404.html');
    }
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not Found');
      return;
    }
    const { body, encoding } = encode(file, await readFile(file), req.headers['accept-encoding']);
    res.writeHead(status, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': body.length,
      Vary: vary,
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
