// Shared by the embedding, accessibility and CSP browser tests: a test server with the seed article
// (its subscribe form pointed at this server), broken articles, a form endpoint that records what
// a native POST sent, the embed script served from a "CDN" folder of its own, and pages.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from '../../web/index.js';
import { root, serveRoot } from './chromium.js';

const read = (path) => readFileSync(join(root, path), 'utf8');

/** The seed article, its subscribe form posting to this server's /subscribe. */
export const seed = JSON.parse(read('examples/seed-china-belarus.json'));
seed.subscribe.action = '/subscribe';
export const seedJson = JSON.stringify(seed);
/** A moment one hour after the seed's newest latest story (2024-11-08T09:40Z). */
export const SEED_NOW = '2024-11-08T10:40:00Z';

/** Only a latest-stories list: the JSON a standalone widget may be fed instead of an article. */
export const latestOnly = {
  title: 'More from News Example',
  items: seed.latest.items.slice(0, 3),
};

export const MESSAGES = {
  missing: 'Enter your email address.',
  invalid: 'Enter a valid email address, like name@example.com.',
  pending: 'Subscribing…',
  success: 'Thanks! Check your inbox to confirm your subscription.',
  failure: 'Sorry, we could not subscribe you. Please try again.',
};

// A <script type="application/json"> body: "</script" and "<!--" cannot end or alter it.
export const inlineJson = (value) => JSON.stringify(value).replace(/</g, '\\u003c');

/** A complete page; `head` and `body` are trusted test markup. */
export function page({ title, head = '', body, lang = 'en' }) {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${head}
</head>
<body>
${body}
</body>
</html>
`;
}

function send(res, status, type, body, headers = {}) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  res.end(body);
}

/**
 * Starts the server. `pages` maps paths to HTML (or functions returning it); `headers(path)` adds
 * response headers to every page and static file (the CSP test's policy). Returns the server
 * plus `posts` (bodies the /subscribe endpoint received) and `release()` for /test/slow.json.
 */
export async function startServer({ pages = {}, headers = () => ({}) } = {}) {
  const posts = [];
  let release;
  let gate = new Promise((resolve) => (release = resolve));
  const bs = await load();
  const serverRendered = bs.renderToString(seed);
  const json = (body) => (req, res) => send(res, 200, 'application/json; charset=utf-8', body);
  const routes = {
    '/test/seed.json': json(seedJson),
    '/test/other.json': json(read('examples/feature-tour.json')),
    '/test/latest-only.json': json(JSON.stringify(latestOnly)),
    '/test/broken.json': json('{"headline": "Cut short",'),
    '/test/invalid.json': json('{"headline": 42, "related": {"items": [{"headline": "No link"}]}}'),
    '/test/slow.json': async (req, res) => {
      await gate;
      json(seedJson)(req, res);
    },
    '/subscribe': (req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        posts.push({ method: req.method, type: req.headers['content-type'], body });
        send(
          res,
          200,
          'text/html; charset=utf-8',
          page({ title: 'Subscribed', body: '<p>Subscribed.</p>' }),
        );
      });
    },
    // The embed script in a folder of its own, with its module and stylesheet beside it.
    '/cdn/v1/broadsheet-embed.js': (req, res) =>
      send(
        res,
        200,
        'text/javascript; charset=utf-8',
        read('dist/broadsheet-embed.js'),
        headers(req.url),
      ),
    '/cdn/v1/broadsheet.wasm': (req, res) =>
      send(res, 200, 'application/wasm', readFileSync(join(root, 'dist/broadsheet.wasm'))),
    '/cdn/v1/broadsheet.css': (req, res) =>
      send(res, 200, 'text/css; charset=utf-8', read('dist/broadsheet.css'), headers(req.url)),
  };
  for (const [path, html] of Object.entries(pages)) {
    routes[path] = (req, res) => {
      const text = typeof html === 'function' ? html({ serverRendered }) : html;
      send(res, 200, 'text/html; charset=utf-8', text, headers(path));
    };
  }
  const server = await serveRoot({ routes, headers });
  return {
    ...server,
    posts,
    release() {
      release();
      gate = new Promise((resolve) => (release = resolve));
    },
  };
}
