import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import pino from 'pino';
import { serveDashboard } from './dashboard';

@Module({})
class NoRoutesModule {}

/** A GET whose body is the bytes on the wire, not decoded: the test judges the encoding itself. */
function get(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
    (resolve, reject) => {
      http
        .get(url, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        })
        .on('error', reject);
    },
  );
}

describe('the dashboard as the hub serves it', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dashboard-'));
  const script = `export const rows = [${Array.from({ length: 2000 }, (_, i) => `{ id: ${i} }`).join(', ')}];\n`;
  let app: NestExpressApplication;
  let base: string;

  beforeAll(async () => {
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
    fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), script);
    fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js.gz'), zlib.gzipSync(script));
    fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js.br'), zlib.brotliCompressSync(script));
    fs.writeFileSync(path.join(dir, 'assets', 'tiny-def456.css'), 'a{}');
    app = await NestFactory.create<NestExpressApplication>(NoRoutesModule, { logger: false });
    expect(serveDashboard(app, pino({ enabled: false }), dir)).toBe(true);
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends a script brotli-compressed to a browser that accepts it, cached for a year', async () => {
    const res = await get(`${base}/assets/index-abc123.js`, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toMatch(/max-age=31536000.*immutable/);
    expect(res.body.length).toBeLessThan(script.length / 4);
    expect(zlib.brotliDecompressSync(res.body).toString()).toBe(script);
  });

  it('falls back to gzip, and to the plain file when no encoding is accepted', async () => {
    const gzip = await get(`${base}/assets/index-abc123.js`, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.body).toString()).toBe(script);

    const plain = await get(`${base}/assets/index-abc123.js`, { 'accept-encoding': 'identity' });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.body.toString()).toBe(script);

    // An asset the build left uncompressed (too small to gain) is sent as it is.
    const tiny = await get(`${base}/assets/tiny-def456.css`, { 'accept-encoding': 'gzip, br' });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body.toString()).toBe('a{}');
  });

  it('answers deep links with the page and leaves missing assets and the API alone', async () => {
    const page = await get(`${base}/projects/25-430600-0001`, { accept: 'text/html' });
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.body.toString()).toContain('id="root"');
    expect((await get(`${base}/assets/missing.js`, { accept: 'text/html' })).status).toBe(404);
    expect((await get(`${base}/api/nothing`, { accept: 'text/html' })).body.toString()).not.toContain('root');
  });
});
