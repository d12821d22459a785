//! Runs one variant of an app as two instances, A and B: separate `node` processes, each
//! with its own fresh folder as working directory (holding only the deployed file, or a
//! project's files, and the
//! empty folders the scenario says a deployment has), on its own port, with the backing
//! services' addresses in the environment. A can be killed and replaced by a fresh A.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort, makeTempDir, removeTempDir, startChild, stopChild, waitForPort, S3_CREDENTIALS } from './services.mjs';
import { allText, isProject, realrunDir, runsDir, writeProject } from './sources.mjs';

/**
 * The environment of a deployment. Every bucket variable the code names
 * (`process.env.PHOTO_BUCKET`…) and UPLOAD_BUCKET point at the one bucket of the run.
 * MONGO_URL points at a closed port: no MongoDB server can be installed here, so code that
 * uses connect-mongo is only started (which proves its API calls resolve), not exercised.
 */
export function deploymentEnv({ code: variant, redis, store, databaseUrl, mongoUrl }) {
  const code = allText(variant);
  const env = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    SESSION_SECRET: 'realrun-session-secret',
    REDIS_URL: redis.url,
    DATABASE_URL: databaseUrl,
    MONGO_URL: mongoUrl,
    AWS_REGION: S3_CREDENTIALS.region,
    AWS_ACCESS_KEY_ID: S3_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: S3_CREDENTIALS.secretAccessKey,
    // Read by @aws-sdk/client-s3 itself (service-specific endpoint); with an IP endpoint the
    // SDK addresses buckets path-style without `forcePathStyle`.
    AWS_ENDPOINT_URL_S3: store.endpoint,
    UPLOAD_BUCKET: store.bucket,
  };
  for (const [, name] of code.matchAll(/process\.env\.([A-Z0-9_]*BUCKET[A-Z0-9_]*)/g)) env[name] = store.bucket;
  return env;
}

export class Instance {
  constructor(name, port, dir, child) {
    this.name = name;
    this.port = port;
    this.dir = dir;
    this.child = child;
    this.base = `http://127.0.0.1:${port}`;
  }

  get alive() {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Why the instance is gone, with the end of its output; null while it runs. */
  death() {
    if (this.alive) return null;
    return `instance ${this.name} exited (${this.child.exitCode ?? this.child.signalCode}): ${errorLines(this.child.output())}`;
  }
}

export function lastLines(text, count = 6) {
  return text.trim().split('\n').slice(-count).join(' | ');
}

/**
 * The lines of a process's output that name an error (not the stack frames): the first
 * ones for a crash, the latest ones for an error logged while the process runs on.
 */
export function errorLines(output, { latest = false } = {}) {
  const lines = output.split('\n').map((l) => l.trim()).filter(Boolean);
  const errors = lines.filter((l) => !l.startsWith('at ') && /(Error|Unhandled|Exception)\b/.test(l));
  if (!errors.length) return lines.slice(-4).join(' | ');
  return (latest ? errors.slice(-2) : errors.slice(0, 3)).join(' | ');
}

export class AppPair {
  /**
   * @param label   folder-name prefix, e.g. `all-three-rewritten`
   * @param code    runnable JavaScript, or a project's files by path
   * @param ext     `.js` (CommonJS) or `.mjs`
   * @param entry   the file of a project that starts the app (`app.js`)
   * @param folders empty folders each deployment has (relative to the working folder)
   * @param preloads files of realrun/preload/ given to node with --require
   */
  constructor({ label, code, ext, entry, env, folders = [], preloads = [] }) {
    Object.assign(this, { label, code, ext, entry, env, folders, preloads });
    this.generation = 0;
  }

  async startInstance(name) {
    this.generation += 1;
    const dir = makeTempDir(`${this.label}-${name}${this.generation}-`, runsDir);
    let file;
    if (isProject(this.code)) {
      writeProject(dir, this.code);
      file = path.join(dir, this.entry);
    } else {
      file = path.join(dir, `app${this.ext}`);
      writeFileSync(file, this.code);
    }
    for (const folder of this.folders) mkdirSync(path.join(dir, folder), { recursive: true });
    const port = await freePort();
    const preloadArgs = this.preloads.flatMap((p) => ['--require', path.join(realrunDir, 'preload', p)]);
    const child = startChild(process.execPath, [...preloadArgs, file], {
      cwd: dir,
      env: { ...this.env, PORT: String(port) },
    });
    const instance = new Instance(name, port, dir, child);
    await waitForPort(port, { child, what: `${this.label} ${name}` });
    return instance;
  }

  async start() {
    [this.a, this.b] = await Promise.all([this.startInstance('A'), this.startInstance('B')]);
  }

  /** Kills A outright (as a crash or a replaced machine would) and starts a fresh A. */
  async replaceA() {
    await stopChild(this.a.child, 'SIGKILL');
    removeTempDir(this.a.dir);
    this.a = await this.startInstance('A');
  }

  async stop() {
    for (const instance of [this.a, this.b]) {
      if (!instance) continue;
      await stopChild(instance.child, 'SIGKILL');
      removeTempDir(instance.dir);
    }
  }
}
