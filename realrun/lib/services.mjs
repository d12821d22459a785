//! Backing services as child processes on free loopback ports: redis-server, PostgreSQL
//! and an S3-compatible server (s3rver from npm). Every process and temporary folder is
//! registered so that it is stopped and removed when the suite exits, also on failure or
//! Ctrl-C.

import { spawn, execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, rmSync, chownSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

// ---------------------------------------------------------------------------------------
// Clean-up on every kind of exit. `exit` handlers must be synchronous, so they only send
// signals and remove folders.

const children = new Set();
const tempDirs = new Set();

function cleanUpNow() {
  for (const child of children) {
    // SIGKILL for everything except PostgreSQL, whose postmaster should tell its backends
    // to go (SIGQUIT = immediate shutdown) instead of leaving them orphaned.
    try { child.kill(child.stopSignal ?? 'SIGKILL'); } catch { /* already gone */ }
  }
  children.clear();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}
process.on('exit', cleanUpNow);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    cleanUpNow();
    process.exit(128 + os.constants.signals[signal]);
  });
}

/** A temporary folder removed at exit (or earlier by `removeTempDir`). */
export function makeTempDir(prefix, parent = os.tmpdir()) {
  const dir = mkdtempSync(path.join(parent, prefix));
  tempDirs.add(dir);
  return dir;
}

export function removeTempDir(dir) {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

/**
 * Starts a child process that is killed at exit. Keeps the last 8 KB of its output for
 * error messages (`child.output()`).
 */
export function startChild(command, args, options = {}) {
  const { stopSignal, ...spawnOptions } = options;
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...spawnOptions });
  child.stopSignal = stopSignal;
  let output = '';
  const keep = (chunk) => { output = (output + chunk).slice(-8192); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.output = () => output;
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

/** Stops a child and waits until it is gone. */
export async function stopChild(child, signal = child.stopSignal ?? 'SIGTERM') {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** A loopback port that was free a moment ago (the OS picks it). */
export async function freePort() {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

/** Resolves once something accepts TCP connections on the port; rejects if `child` exits. */
export async function waitForPort(port, { child, timeoutMs = 20000, what = 'process' } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      throw new Error(`${what} exited (${child.exitCode ?? child.signalCode}) before listening on ${port}:\n${child.output()}`);
    }
    const connected = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => { socket.destroy(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (connected) return;
    if (Date.now() > deadline) {
      throw new Error(`${what} did not listen on ${port} within ${timeoutMs} ms:\n${child?.output() ?? ''}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

// ---------------------------------------------------------------------------------------
// Redis

export class Redis {
  static async start() {
    const redis = new Redis(await freePort(), makeTempDir('realrun-redis-'));
    await redis.start();
    return redis;
  }

  constructor(port, dir) {
    this.port = port;
    this.dir = dir;
    this.url = `redis://127.0.0.1:${port}`;
  }

  async start() {
    // No persistence: the suite's Redis is disposable, and a restart starts empty, which is
    // what a restart of a cache-like Redis without a volume looks like.
    this.child = startChild('redis-server', [
      '--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no',
      '--dir', this.dir, '--daemonize', 'no',
    ]);
    await waitForPort(this.port, { child: this.child, what: 'redis-server' });
  }

  async stop() {
    await stopChild(this.child);
  }

  async restart() {
    await this.stop();
    await this.start();
  }
}

// ---------------------------------------------------------------------------------------
// PostgreSQL: one server for the whole suite, one database per app run.

/** Folder of initdb/pg_ctl/postgres: PATH first, then Debian's /usr/lib/postgresql/N/bin. */
export function postgresBinDir() {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'postgres'))) return dir;
  }
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')));
    versions.sort((a, b) => Number(b) - Number(a));
    if (versions.length) return path.join(root, versions[0], 'bin');
  }
  throw new Error('PostgreSQL server binaries (initdb, postgres) not found: run scripts/setup.sh');
}

/**
 * initdb refuses to run as root. When the suite runs as root (as CI does), the cluster is
 * created and served by the unprivileged `nobody` user: the folder is handed to it and the
 * processes are spawned with its uid/gid.
 */
function unprivilegedIdentity() {
  if (process.getuid?.() !== 0) return {};
  const uid = Number(execFileSync('id', ['-u', 'nobody']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'nobody']).toString().trim());
  return { uid, gid };
}

export class Postgres {
  static async start() {
    const bin = postgresBinDir();
    const identity = unprivilegedIdentity();
    const dir = makeTempDir('realrun-pg-');
    if (identity.uid !== undefined) chownSync(dir, identity.uid, identity.gid);
    const data = path.join(dir, 'data');
    execFileSync(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8'], {
      ...identity, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const port = await freePort();
    // The postmaster runs in the foreground as our child, so it is stopped with the suite.
    const child = startChild(path.join(bin, 'postgres'), [
      '-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off',
    ], { ...identity, cwd: dir, stopSignal: 'SIGQUIT' });
    await waitForPort(port, { child, what: 'postgres' });
    const postgres = new Postgres(port, child, bin);
    await postgres.waitUntilReady();
    return postgres;
  }

  constructor(port, child, bin) {
    this.port = port;
    this.child = child;
    this.bin = bin;
  }

  url(database) {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async waitUntilReady() {
    const { default: pg } = await import('pg');
    const deadline = Date.now() + 20000;
    for (;;) {
      const client = new pg.Client({ connectionString: this.url('postgres') });
      try {
        await client.connect();
        await client.end();
        return;
      } catch (err) {
        if (Date.now() > deadline) throw new Error(`postgres not ready: ${err.message}\n${this.child.output()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  /** A fresh database, set up with the scenario's SQL statements. */
  async createDatabase(name, statements = []) {
    const { default: pg } = await import('pg');
    const admin = new pg.Client({ connectionString: this.url('postgres') });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const client = new pg.Client({ connectionString: this.url(name) });
    await client.connect();
    for (const sql of statements) await client.query(sql);
    await client.end();
    return this.url(name);
  }

  async stop() {
    await stopChild(this.child, 'SIGQUIT');
  }
}

// ---------------------------------------------------------------------------------------
// S3-compatible object store

const S3RVER_BIN = path.join(path.dirname(require.resolve('s3rver/package.json')), 'bin', 's3rver.js');

/** Credentials s3rver accepts (it checks signatures, not who signs). */
export const S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', region: 'us-east-1' };

export class ObjectStore {
  static async start(bucket) {
    const store = new ObjectStore(await freePort(), makeTempDir('realrun-s3-'), bucket);
    await store.start();
    return store;
  }

  constructor(port, dir, bucket) {
    this.port = port;
    this.dir = dir;
    this.bucket = bucket;
    this.endpoint = `http://127.0.0.1:${port}`;
  }

  async start() {
    this.child = startChild(process.execPath, [
      S3RVER_BIN, '--directory', this.dir, '--address', '127.0.0.1', '--port', String(this.port),
      '--silent', '--configure-bucket', this.bucket,
    ]);
    await waitForPort(this.port, { child: this.child, what: 's3rver' });
  }

  async stop() {
    await stopChild(this.child);
  }

  /**
   * The path-style URL of an object URL the app handed out. lib-storage (and so multer-s3's
   * `location`) writes virtual-hosted URLs (`http://BUCKET.127.0.0.1:PORT/KEY`), which work
   * on AWS but need DNS that a loopback test server does not have; the object is the same.
   * Returns null for URLs that do not point at this store.
   */
  pathStyle(url) {
    // Parsed by hand: `BUCKET.127.0.0.1` ends in a number, which WHATWG URL rejects.
    const match = /^https?:\/\/([^/:]+):(\d+)(\/[^#]*)?/.exec(url);
    if (!match || match[2] !== String(this.port)) return null;
    const [, host, , rest = '/'] = match;
    if (host === '127.0.0.1' || host === 'localhost') return `${this.endpoint}${rest}`;
    for (const loopback of ['.127.0.0.1', '.localhost']) {
      if (host.endsWith(loopback)) return `${this.endpoint}/${host.slice(0, -loopback.length)}${rest}`;
    }
    return null;
  }

  /** Reads an object with the SDK: { body: Buffer, contentType } or throws (NoSuchKey…). */
  async getObject(key) {
    const { S3Client, GetObjectCommand } = await import('@aws-sdk/client-s3');
    const client = new S3Client({
      endpoint: this.endpoint, region: S3_CREDENTIALS.region, forcePathStyle: true,
      credentials: { accessKeyId: S3_CREDENTIALS.accessKeyId, secretAccessKey: S3_CREDENTIALS.secretAccessKey },
    });
    try {
      const answer = await client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return { body: Buffer.from(await answer.Body.transformToByteArray()), contentType: answer.ContentType };
    } finally {
      client.destroy();
    }
  }
}

// ---------------------------------------------------------------------------------------
// Versions, for the report

export function serviceVersions() {
  const bin = postgresBinDir();
  const line = (cmd, args) => execFileSync(cmd, args).toString().trim().split('\n')[0];
  return {
    'redis-server': line('redis-server', ['--version']),
    postgres: line(path.join(bin, 'postgres'), ['--version']),
    s3rver: JSON.parse(readFileSync(require.resolve('s3rver/package.json'), 'utf8')).version,
    node: process.version,
  };
}

