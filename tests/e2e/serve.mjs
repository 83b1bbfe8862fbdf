// A static file server for the built site, under a sub-path (the site must work from any
// static host, under any sub-path, without rewrites). Shared by the e2e check and the bench.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

export const base = '/some/sub/path/';
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json',
};

/** Serves `dist` on a free loopback port; `headers` are added to every response. */
export function serveDist(dist, headers = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (!url.pathname.startsWith(base)) { res.writeHead(404); res.end(); return; }
    const rel = decodeURIComponent(url.pathname.slice(base.length)) || 'index.html';
    const file = path.join(dist, path.normalize(rel));
    if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404); res.end(); return;
    }
    res.writeHead(200, { ...headers, 'content-type': types[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}
