#!/usr/bin/env node
// Writes a deterministic corpus of Express apps under bench/corpus/ (git-ignored):
//   small.js (~200 lines), medium.js (~2,000), large.js (~20,000) and
//   project/ (40 files of ~500 lines, ~20,000 in all).
// Routes, routers, middleware, validators, repository classes and loops, with a stateful
// pattern (multer dest/diskStorage, session() without a store, module-level counters,
// caches and request context written by handlers) in about one block in three, beside
// their stateless look-alikes (memoryStorage, a Redis store, start-up-only writes, local
// counters), so both linters meet true and false positives.
//
// With --huge it also writes huge.js (~250,000 lines, ~7 MB), the single-file throughput
// input of throughput.sh.
//
// Usage: node gen-corpus.mjs [--huge] [out-dir]   (default: corpus/ next to this file)

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
const outDir = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? join(here, 'corpus');

/** A 64-bit LCG (same constants as lint-core's criterion bench), so every run is identical. */
class Lcg {
  constructor(seed) {
    this.state = BigInt(seed);
  }
  next(bound) {
    this.state = (this.state * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    return Number((this.state >> 33n) % BigInt(bound));
  }
  pick(list) {
    return list[this.next(list.length)];
  }
}

const RESOURCES = ['users', 'orders', 'invoices', 'products', 'reviews', 'carts', 'photos', 'teams'];
const cap = (s) => s[0].toUpperCase() + s.slice(1);

const HEADER = `'use strict';
const express = require('express');
const multer = require('multer');
const session = require('express-session');
const RedisStore = require('connect-redis').default;
const { createClient } = require('redis');
const { Pool } = require('pg');
const path = require('path');
const objectStore = require('./object-store');

const app = express();
const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const redisClient = createClient({ url: process.env.REDIS_URL });
app.use(express.json({ limit: '1mb' }));
`;

function helperBlock(r, res, n) {
  const Res = cap(res);
  const fields = 3 + r.next(4);
  const lines = [
    `/**`,
    ` * Validates a ${res} payload (block ${n}).`,
    ` */`,
    `function validate${Res}${n}(body) {`,
    `  const errors = [];`,
  ];
  for (let f = 0; f < fields; f++) {
    lines.push(
      `  if (typeof body.field${f} !== 'string' || body.field${f}.length > ${20 + r.next(80)}) {`,
      `    errors.push(\`field${f} of ${res} is invalid\`);`,
      `  }`,
    );
  }
  lines.push(
    `  return errors;`,
    `}`,
    ``,
    `class ${Res}Repository${n} {`,
    `  constructor(db) {`,
    `    this.db = db;`,
    `    this.table = '${res}';`,
    `  }`,
    ``,
    `  async findById(id) {`,
    `    const { rows } = await this.db.query(\`SELECT * FROM \${this.table} WHERE id = $1\`, [id]);`,
    `    return rows[0] ?? null;`,
    `  }`,
    ``,
    `  async list(limit = 20, offset = 0) {`,
    `    const { rows } = await this.db.query(\`SELECT * FROM \${this.table} LIMIT $1 OFFSET $2\`, [limit, offset]);`,
    `    let total = 0;`,
    `    for (let i = 0; i < rows.length; i++) {`,
    `      total += rows[i].amount || 0;`,
    `    }`,
    `    return { rows, total };`,
    `  }`,
    `}`,
    ``,
  );
  return lines;
}

function routeBlock(r, res, n) {
  const Res = cap(res);
  return [
    `const router${n} = express.Router();`,
    `const repo${n} = new ${Res}Repository${n}(pool);`,
    `router${n}.use((req, res, next) => {`,
    `  req.startedAt = Date.now();`,
    `  next();`,
    `});`,
    `router${n}.get('/${res}/:id', async (req, res, next) => {`,
    `  try {`,
    `    const item = await repo${n}.findById(Number(req.params.id));`,
    `    if (!item) return res.status(404).json({ error: 'not found' });`,
    `    res.json(item);`,
    `  } catch (err) {`,
    `    next(err);`,
    `  }`,
    `});`,
    `router${n}.${r.pick(['post', 'put'])}('/${res}', async (req, res) => {`,
    `  const errors = validate${Res}${n}(req.body);`,
    `  if (errors.length > 0) {`,
    `    return res.status(400).json({ errors });`,
    `  }`,
    `  let attempts = 0;`,
    `  while (attempts < 3) {`,
    `    attempts++;`,
    `    try {`,
    `      const { rows } = await pool.query('INSERT INTO ${res} (data) VALUES ($1) RETURNING id', [req.body]);`,
    `      return res.status(201).json({ id: rows[0].id, attempts });`,
    `    } catch (err) {`,
    `      if (attempts === 3) throw err;`,
    `    }`,
    `  }`,
    `});`,
    `app.use('/api/v${1 + (n % 3)}', router${n});`,
    ``,
  ];
}

/** The patterns, each marked as a finding (keeps state of its own) or clean. */
const PATTERNS = [
  // finding: multer dest
  (res, n) => [
    `const upload${n} = multer({ dest: 'uploads/${res}-${n}/' });`,
    `app.post('/${res}/${n}/files', upload${n}.single('file'), (req, res) => {`,
    `  res.status(201).json({ name: req.file.filename });`,
    `});`,
  ],
  // finding: multer.diskStorage
  (res, n) => [
    `const storage${n} = multer.diskStorage({`,
    `  destination: (req, file, cb) => cb(null, path.join(__dirname, 'uploads')),`,
    `  filename: (req, file, cb) => cb(null, Date.now() + '-' + file.originalname),`,
    `});`,
    `const diskUpload${n} = multer({ storage: storage${n} });`,
    `app.post('/${res}/${n}/avatar', diskUpload${n}.single('avatar'), (req, res) => res.sendStatus(204));`,
  ],
  // clean: memory storage, then an object store
  (res, n) => [
    `const memUpload${n} = multer({ storage: multer.memoryStorage(), limits: { fileSize: 5e6 } });`,
    `app.post('/${res}/${n}/docs', memUpload${n}.single('doc'), async (req, res) => {`,
    `  const key = await objectStore.put(req.file.buffer);`,
    `  res.status(201).json({ key });`,
    `});`,
  ],
  // finding: session without a store
  (res, n) => [
    `app.use(session({`,
    `  name: 'sid${n}',`,
    `  secret: process.env.SESSION_SECRET,`,
    `  resave: false,`,
    `  saveUninitialized: false,`,
    `}));`,
  ],
  // clean: session in Redis
  (res, n) => [
    `app.use(session({`,
    `  store: new RedisStore({ client: redisClient, prefix: '${res}${n}:' }),`,
    `  secret: process.env.SESSION_SECRET,`,
    `  resave: false,`,
    `  saveUninitialized: false,`,
    `}));`,
  ],
  // finding: module-level counter written by a handler
  (res, n) => [
    `let hits${n} = 0;`,
    `app.get('/${res}/${n}/hits', (req, res) => {`,
    `  hits${n}++;`,
    `  res.json({ hits: hits${n} });`,
    `});`,
  ],
  // finding: module-level cache written by a handler
  (res, n) => [
    `const cache${n} = new Map();`,
    `app.get('/${res}/${n}/cached/:id', async (req, res) => {`,
    `  if (!cache${n}.has(req.params.id)) {`,
    `    const { rows } = await pool.query('SELECT * FROM ${res} WHERE id = $1', [req.params.id]);`,
    `    cache${n}.set(req.params.id, rows[0]);`,
    `  }`,
    `  res.json(cache${n}.get(req.params.id));`,
    `});`,
  ],
  // finding: request context carried in a module variable
  (res, n) => [
    `let currentUser${n} = null;`,
    `app.use('/${res}/${n}', (req, res, next) => {`,
    `  currentUser${n} = req.user;`,
    `  next();`,
    `});`,
  ],
  // clean: written only while the module loads
  (res, n) => [
    `const methods${n} = [];`,
    `for (const m of ['get', 'post', 'put']) {`,
    `  methods${n}.push(m.toUpperCase());`,
    `}`,
    `app.options('/${res}/${n}', (req, res) => res.set('Allow', methods${n}.join(', ')).sendStatus(204));`,
  ],
];

function expressFile(seed, targetLines) {
  const r = new Lcg(seed);
  const lines = HEADER.split('\n');
  let n = 0;
  while (lines.length < targetLines) {
    const res = r.pick(RESOURCES);
    lines.push(...helperBlock(r, res, n), ...routeBlock(r, res, n));
    if (r.next(3) === 0) {
      lines.push(...PATTERNS[r.next(PATTERNS.length)](res, n), '');
    }
    n++;
  }
  lines.push('module.exports = app;', '');
  return lines.join('\n');
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(join(outDir, 'project'), { recursive: true });
const write = (rel, text) => {
  writeFileSync(join(outDir, rel), text);
  console.log(`  ${rel}: ${text.split('\n').length} lines, ${text.length} bytes`);
};
console.log(`writing the corpus to ${outDir}`);
write('small.js', expressFile(1, 200));
write('medium.js', expressFile(2, 2_000));
write('large.js', expressFile(3, 20_000));
let projectLines = 0;
for (let i = 0; i < 40; i++) {
  const text = expressFile(100 + i, 500);
  writeFileSync(join(outDir, 'project', `routes-${String(i).padStart(2, '0')}.js`), text);
  projectLines += text.split('\n').length;
}
console.log(`  project/: 40 files, ${projectLines} lines`);
if (flags.includes('--huge')) {
  write('huge.js', expressFile(4, 250_000));
}
