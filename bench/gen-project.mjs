#!/usr/bin/env node
// Writes a deterministic 200-file Express project under bench/whole-project/ (git-ignored),
// shaped like real apps that are split into modules: app.js mounts 40 routers
// (routes/*.js); each router registers handlers exported by a controller
// (controllers/*.js); controllers read and change data exported by models (models/*.js:
// Maps, arrays, counters on an exported object) and call services that export only
// functions (services/*.js); lib/*.js holds helpers and config/*.js configuration, some
// of it (session options, a multer instance) mounted from other files.
// Used to compare phoenix-lint's per-file mode (--no-cross-file) with project mode.
//
// Usage: node gen-project.mjs [out-dir]   (default: whole-project/ next to this file)

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = process.argv[2] ?? join(here, 'whole-project');

const RESOURCES = ['users', 'orders', 'invoices', 'products', 'reviews', 'carts', 'photos', 'teams'];
const GROUPS = 40;

/** The resource group `i` is about, and a unique name for it. */
const resource = (i) => RESOURCES[i % RESOURCES.length];
const name = (i) => `${resource(i)}${i}`;

function model(i) {
  // One model in four keeps only constants, as reference data modules do.
  if (i % 4 === 3) {
    return `'use strict';
// Reference data for ${name(i)}: read, never changed.
const LIMITS = Object.freeze({ page: 20, max: 100 });
const STATUSES = ['new', 'active', 'archived'];

module.exports = { LIMITS, STATUSES };
`;
  }
  return `'use strict';
// ${name(i)} kept in memory: every request of this process shares them.
const byId = new Map();
const recent = [];

module.exports = {
  byId,
  recent,
  stats: { created: 0, removed: 0 },
};
`;
}

function service(i) {
  return `'use strict';
const crypto = require('crypto');

function newId() {
  return crypto.randomUUID();
}

function validate(body) {
  const errors = [];
  if (!body || typeof body !== 'object') errors.push('body must be an object');
  if (body && typeof body.name !== 'string') errors.push('name must be a string');
  if (body && body.name && body.name.length > 200) errors.push('name is too long');
  return errors;
}

function page(items, query) {
  const size = Math.min(Number(query.size) || 20, 100);
  const from = (Math.max(Number(query.page) || 1, 1) - 1) * size;
  return items.slice(from, from + size);
}

function toJson(item) {
  return { id: item.id, name: item.name, at: new Date(item.at).toISOString(), kind: '${resource(i)}' };
}

module.exports = { newId, validate, page, toJson };
`;
}

function controller(i) {
  const stateful = i % 4 !== 3;
  const data = stateful
    ? `const ${name(i)} = require('../models/${name(i)}');`
    : `const { LIMITS, STATUSES } = require('../models/${name(i)}');`;
  const create = stateful
    ? `  const item = { id: service.newId(), name: req.body.name, at: Date.now() };
  ${name(i)}.byId.set(item.id, item);
  ${name(i)}.recent.push(item.id);
  ${name(i)}.stats.created++;
  res.status(201).json(service.toJson(item));`
    : `  const item = { id: service.newId(), name: req.body.name, at: Date.now(), status: STATUSES[0] };
  res.status(201).json(service.toJson(item));`;
  const list = stateful
    ? `  const items = [...${name(i)}.byId.values()];
  res.json(service.page(items, req.query).map(service.toJson));`
    : `  res.json({ limits: LIMITS, statuses: STATUSES, query: req.query });`;
  const remove = stateful
    ? `  if (!${name(i)}.byId.delete(req.params.id)) return res.sendStatus(404);
  ${name(i)}.stats.removed += 1;
  res.sendStatus(204);`
    : `  res.sendStatus(req.params.id ? 204 : 404);`;
  return `'use strict';
${data}
const service = require('../services/${name(i)}');
const { asyncHandler } = require('../lib/async-handler');

exports.list = (req, res) => {
${list}
};

exports.create = (req, res) => {
  const errors = service.validate(req.body);
  if (errors.length > 0) {
    return res.status(400).json({ errors });
  }
${create}
};

exports.remove = asyncHandler(async (req, res) => {
${remove}
});
`;
}

function router(i) {
  const upload = i % 10 === 0;
  return `'use strict';
const express = require('express');
const controller = require('../controllers/${name(i)}');
${upload ? "const upload = require('../config/upload');\n" : ''}
const router = express.Router();

router.get('/', controller.list);
router.post('/', ${upload ? "upload.single('file'), " : ''}controller.create);
router.delete('/:id', controller.remove);

module.exports = router;
`;
}

function app() {
  const requires = [];
  const mounts = [];
  for (let i = 0; i < GROUPS; i++) {
    requires.push(`const ${name(i)}Routes = require('./routes/${name(i)}');`);
    mounts.push(`app.use('/api/${name(i)}', ${name(i)}Routes);`);
  }
  return `'use strict';
const express = require('express');
const sessions = require('./config/session');
const { logRequests } = require('./lib/logging');
${requires.join('\n')}

const app = express();
app.use(express.json({ limit: '1mb' }));
app.use(sessions);
app.use(logRequests);
${mounts.join('\n')}

app.get('/health', (req, res) => res.json({ ok: true }));

app.listen(process.env.PORT || 3000);
`;
}

const LIB = {
  'lib/async-handler.js': `'use strict';
// Passes a rejected promise to Express's error handling.
exports.asyncHandler = (fn) => (req, res, next) => Promise.resolve(fn(req, res, next)).catch(next);
`,
  'lib/logging.js': `'use strict';
exports.logRequests = (req, res, next) => {
  const started = Date.now();
  res.on('finish', () => {
    console.log(req.method, req.originalUrl, res.statusCode, Date.now() - started, 'ms');
  });
  next();
};
`,
  'config/session.js': `'use strict';
const session = require('express-session');

module.exports = session({
  secret: process.env.SESSION_SECRET,
  resave: false,
  saveUninitialized: false,
});
`,
  'config/upload.js': `'use strict';
const multer = require('multer');

module.exports = multer({ dest: 'uploads/' });
`,
};

/** Helpers that fill the project up to 200 files: pure functions, as utility folders hold. */
function util(i) {
  return `'use strict';
const path = require('path');

function slug${i}(text) {
  return String(text).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function clamp${i}(value, low, high) {
  return Math.min(Math.max(value, low), high);
}

function fileName${i}(dir, name) {
  return path.join(dir, slug${i}(name));
}

module.exports = { slug${i}, clamp${i}, fileName${i} };
`;
}

rmSync(outDir, { recursive: true, force: true });
const files = new Map();
files.set('app.js', app());
for (const [file, text] of Object.entries(LIB)) files.set(file, text);
for (let i = 0; i < GROUPS; i++) {
  files.set(`models/${name(i)}.js`, model(i));
  files.set(`services/${name(i)}.js`, service(i));
  files.set(`controllers/${name(i)}.js`, controller(i));
  files.set(`routes/${name(i)}.js`, router(i));
}
for (let i = 0; files.size < 200; i++) files.set(`lib/util/util${i}.js`, util(i));
for (const [file, text] of files) {
  const full = join(outDir, file);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
}
let lines = 0;
for (const text of files.values()) lines += text.split('\n').length - 1;
console.log(`wrote ${files.size} files, ${lines} lines, to ${outDir}`);
