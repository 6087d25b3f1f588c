#!/usr/bin/env node
// The floor of the proxy benchmark: the least a Node.js HTTP hop can be, to set our gateway's
// figures against. A node:http server that reads the request body, forwards it with undici to the
// upstream on the same path (keep-alive pool, no connection cap) and pipes the answer back as it
// arrives, with backpressure and abort on client disconnect. No auth, no limits, no conversion,
// no events, no metrics. `bench/proxy.mjs --floor` measures it in place of our gateway.
//
//   node bench/floor-proxy.mjs --upstream http://127.0.0.1:PORT [--port 0]
import http from 'node:http';
import { pipeline } from 'node:stream';
import { Agent, request } from 'undici';
import { parseArgs } from './proxy-harness.mjs';

const args = parseArgs(process.argv.slice(2));
const upstream = new URL(args.upstream);
const dispatcher = new Agent({ connections: null, pipelining: 1 });

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const abort = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    request(new URL(req.url, upstream), {
      method: req.method,
      headers: {
        'content-type': req.headers['content-type'] ?? 'application/json',
        authorization: req.headers.authorization ?? '',
      },
      body: Buffer.concat(chunks),
      signal: abort.signal,
      dispatcher,
    }).then(
      (answer) => {
        res.writeHead(answer.statusCode, {
          'content-type': answer.headers['content-type'] ?? 'application/json',
        });
        pipeline(answer.body, res, () => {});
      },
      () => {
        if (!res.headersSent) res.writeHead(502).end();
        else res.destroy();
      },
    );
  });
});
server.listen(Number(args.port ?? 0), '127.0.0.1', () => {
  console.log(`floor proxy listening on http://127.0.0.1:${server.address().port}`);
});
