#!/usr/bin/env node
// Zero-dependency static server for www/ on 127.0.0.1.
//   CLI:    node scripts/serve.mjs [root]      (PORT env, default 8080; PORT=0 picks a free port)
//   Module: import { serve } from './scripts/serve.mjs'; const { url, close } = await serve(root, 0);
//           serve(root, 0, { headers: { 'content-security-policy': "default-src 'self'" } }) adds headers to every
//           file it serves (e.g. to test the site under a Content-Security-Policy).
//   CLI:    CSP=1 node scripts/serve.mjs   serves with the strict policy of docs/EMBEDDING.md (STRICT_CSP below).
import { createServer } from 'node:http';
import { createReadStream, realpathSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_ROOT = join(REPO, 'www');

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.toml': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.xml': 'application/xml; charset=utf-8',
  '.pdf': 'application/pdf',
};

/** The policy a government site may set; the hosted files must work under it (docs/EMBEDDING.md). */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(body);
}

/**
 * Serve `root` on 127.0.0.1:`port` (0 = any free port). `options.headers`: extra headers on every file served.
 * @returns {Promise<{url: string, port: number, server: import('node:http').Server, close: () => Promise<void>}>}
 */
export function serve(root = DEFAULT_ROOT, port = Number(process.env.PORT ?? 8080), options = {}) {
  const extraHeaders = options.headers ?? {};
  const base = realpathSync(resolve(root));
  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return send(res, 405, 'method not allowed\n', { allow: 'GET, HEAD' });
      }
      let pathname;
      try {
        pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
      } catch {
        return send(res, 400, 'bad request\n');
      }
      if (pathname.includes('\0') || pathname.split(/[\\/]/).includes('..')) return send(res, 403, 'forbidden\n');
      let file = resolve(base, '.' + pathname);
      if (file !== base && !file.startsWith(base + sep)) return send(res, 403, 'forbidden\n');
      let st = await stat(file).catch(() => null);
      if (st?.isDirectory()) {
        if (!pathname.endsWith('/')) {
          return send(res, 301, '', { location: pathname + '/' + (new URL(req.url, 'http://localhost').search) });
        }
        file = join(file, 'index.html');
        st = await stat(file).catch(() => null);
      }
      if (!st?.isFile()) return send(res, 404, 'not found\n');
      // Refuse symlinks that lead out of root.
      const real = realpathSync(file);
      if (real !== base && !real.startsWith(base + sep)) return send(res, 403, 'forbidden\n');
      res.writeHead(200, {
        'content-type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': st.size,
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
        ...extraHeaders,
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file).on('error', () => res.destroy()).pipe(res);
    } catch (err) {
      if (!res.headersSent) send(res, 500, 'internal error\n');
      else res.destroy();
      console.error('[serve]', err);
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      const url = `http://127.0.0.1:${actual}/`;
      resolvePromise({
        url,
        port: actual,
        server,
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}

const isMain = (() => {
  try { return process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href; } catch { return false; }
})();

if (isMain) {
  const root = process.argv[2] ? resolve(process.argv[2]) : DEFAULT_ROOT;
  const port = process.env.PORT === undefined || process.env.PORT === '' ? 8080 : Number(process.env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`[serve] bad PORT: ${process.env.PORT}`);
    process.exit(2);
  }
  const headers = process.env.CSP === '1' ? { 'content-security-policy': STRICT_CSP } : {};
  serve(root, port, { headers }).then(({ url, close }) => {
    console.log(`[serve] serving ${root} at ${url}  (Ctrl-C to stop)`);
    const stop = () => close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  }, (err) => {
    console.error(`[serve] cannot listen on 127.0.0.1:${port}: ${err.message}`);
    process.exit(1);
  });
}
