/**
 * The platform's limit for the API benchmark: a bare Node `http` server that answers the same paths with
 * the same bodies the API sent (read from a JSON file), nothing else. `node … bare-server.ts <bodies.json> <port>`.
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const [file, port] = process.argv.slice(2);
const bodies = new Map(
  Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>).map(([k, v]) => [k, Buffer.from(v)]),
);
createServer((req, res) => {
  const body = bodies.get(req.url ?? '');
  if (!body) {
    res.statusCode = 404;
    res.end();
    return;
  }
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', body.length);
  res.end(body);
}).listen(Number(port), '127.0.0.1', () => console.log('ready'));
