//! The cases of `no-global-state`: what it flags and where, what it leaves alone, and what
//! its rewrites turn the code into.

use super::RULE;
use crate::{
    StateKind,
    rules::tester::{Invalid, Tester, Valid, ValidBeside, apply_all, describe, invalid},
};

const TESTER: Tester = Tester::new(RULE);

/// Look-alikes that the other files of the project show to be harmless.
const VALID_BESIDE: &[ValidBeside] = &[
    (
        "a model's Map only read by a handler",
        "controllers/cart.js",
        "const { carts } = require('../models/cart');
exports.show = (req, res) => res.json(carts.get(req.session.id) || []);",
        &[("models/cart.js", "const carts = new Map();\nmodule.exports = { carts };\n")],
    ),
    (
        "a module that exports only functions, called like an array method",
        "app.js",
        "const app = require('express')();
const queue = require('./queue');
app.post('/jobs', async (req, res) => {
  await queue.push(req.body);
  res.sendStatus(202);
});",
        &[(
            "queue.js",
            "const { createClient } = require('redis');
const client = createClient({ url: process.env.REDIS_URL });
async function push(job) {
  await client.rPush('jobs', JSON.stringify(job));
}
module.exports = { push };
",
        )],
    ),
    (
        "a constants module only read",
        "routes/limits.js",
        "const router = require('express').Router();
const limits = require('../config/limits');
router.get('/', (req, res) => res.json({ max: limits.max }));
module.exports = router;",
        &[("config/limits.js", "module.exports = Object.freeze({ max: 10 });\n")],
    ),
    (
        "a client a module exports, whose methods take data elsewhere",
        "app.js",
        "const app = require('express')();
const db = require('./db');
app.post('/users', async (req, res) => {
  db.users.push(req.body);
  res.sendStatus(201);
});",
        &[(
            "db.js",
            "const { Pool } = require('pg');
module.exports = new Pool();
",
        )],
    ),
    (
        "a module's array written only at start-up",
        "app.js",
        "const app = require('express')();
const plugins = require('./plugins');
plugins.list.push('audit');
app.get('/plugins', (req, res) => res.json(plugins.list));",
        &[("plugins.js", "module.exports = { list: [] };\n")],
    ),
];

const INVALID: &[Invalid] = &[
    // ----- the global object -----
    invalid(
        "global.x written in a handler",
        "app.js",
        "const express = require('express');
const app = express();
app.post('/t', (req, res) => {
  global.lastBody = req.body;
  res.sendStatus(204);
});",
        &[(4, 3, 4, 29)],
    )
    .state(StateKind::Cache, "global.lastBody")
    .routes(&["POST /t"]),
    invalid(
        "globalThis.x written in a handler",
        "app.js",
        "const express = require('express');
const app = express();
app.get('/seen', (req, res) => {
  globalThis.lastSeen = Date.now();
  res.json({ at: globalThis.lastSeen });
});",
        &[(4, 3, 4, 35)],
    )
    .state(StateKind::Cache, "globalThis.lastSeen"),
    invalid(
        "globalThis.x set at start-up and counted in a handler",
        "app.js",
        "const express = require('express');
const app = express();
globalThis.visits = 0;
app.get('/', (req, res) => {
  globalThis.visits++;
  res.send('hi');
});",
        &[(3, 1, 3, 22)],
        // The start-up write runs outside every handler: moving it into Redis would
        // run an `await` at module level of a CommonJS script.
    )
    .no_rewrite("an access outside the handlers"),
    invalid(
        "global.cache[k] written in a handler",
        "app.js",
        "const express = require('express');
const db = require('./db');
const app = express();
app.get('/users/:id', async (req, res) => {
  global.cache[req.params.id] = await db.find(req.params.id);
  res.json(global.cache[req.params.id]);
});",
        &[(5, 3, 5, 61)],
    )
    .state(StateKind::Cache, "global.cache")
    .routes(&["GET /users/:id"]),
    invalid(
        "capital-G Global.someCacheLike.result (the seed's)",
        "app.js",
        "const express = require('express');
const app = express();
app.get('/compute', (req, res) => {
  Global.someCacheLike.result = String(req.query.n * 2);
  res.send(Global.someCacheLike.result);
});",
        &[(4, 3, 4, 56)],
    )
    .message("not defined in Node"),
    // ----- implicit globals -----
    invalid(
        "implicit global at module level of a sloppy script",
        "app.js",
        "const express = require('express');
const app = express();
rooms = [];
app.post('/rooms', (req, res) => {
  rooms.push(req.body.name);
  res.json(rooms);
});",
        &[(3, 1, 3, 11)],
        // An undeclared name has no declaration to move; declaring it is the first step
        // and a person must decide where the data goes.
    )
    .no_rewrite("implicit global"),
    invalid(
        "implicit global assigned in a handler",
        "app.js",
        "const express = require('express');
const app = express();
app.post('/login', function (req, res) {
  lastLogin = req.body.user;
  res.end();
});",
        &[(4, 3, 4, 28)],
    )
    .no_rewrite("implicit global"),
    // ----- module-level containers written in handlers -----
    invalid(
        "module-level object written by key",
        "app.js",
        "const express = require('express');
const app = express();
const cache = {};
app.get('/u/:id', (req, res) => {
  cache[req.params.id] = req.query.v;
  res.json(cache[req.params.id]);
});",
        &[(5, 3, 5, 37)],
    )
    .state(StateKind::Cache, "cache")
    .routes(&["GET /u/:id"]),
    invalid(
        "module-level object property deleted",
        "app.js",
        "const express = require('express');
const app = express();
const tokens = {};
app.delete('/tokens/:id', (req, res) => {
  delete tokens[req.params.id];
  res.sendStatus(204);
});",
        &[(5, 3, 5, 31)],
    )
    .routes(&["DELETE /tokens/:id"]),
    invalid(
        "module-level array push",
        "app.js",
        "const express = require('express');
const app = express();
const messages = [];
app.post('/messages', (req, res) => {
  messages.push(req.body);
  res.json(messages);
});",
        &[(5, 3, 5, 26)],
    )
    .state(StateKind::Collection, "messages"),
    invalid(
        "module-level array unshift",
        "app.js",
        "const express = require('express');
const app = express();
const recent = [];
app.post('/recent', (req, res) => {
  recent.unshift(req.body.id);
  res.json({ count: recent.length });
});",
        &[(5, 3, 5, 30)],
    ),
    invalid(
        "module-level array splice",
        "app.js",
        "const express = require('express');
const app = express();
const queue = [];
app.delete('/queue/:i', (req, res) => {
  queue.splice(Number(req.params.i), 1);
  res.sendStatus(204);
});",
        &[(5, 3, 5, 40)],
        // Removing by index has no one-command Redis equivalent (LREM removes by value).
    )
    .no_rewrite("splice has no Redis equivalent"),
    invalid(
        "module-level Map set",
        "app.js",
        "const express = require('express');
const app = express();
const sessions = new Map();
app.post('/login', (req, res) => {
  sessions.set(req.body.user, Date.now());
  res.json({ active: sessions.size });
});",
        &[(5, 3, 5, 42)],
    )
    .state(StateKind::Cache, "sessions"),
    invalid(
        "module-level Map delete",
        "app.js",
        "const express = require('express');
const app = express();
const sessions = new Map();
app.post('/logout', (req, res) => {
  sessions.delete(req.body.user);
  res.end();
});",
        &[(5, 3, 5, 33)],
    ),
    invalid(
        "module-level Map clear",
        "app.js",
        "const express = require('express');
const app = express();
const sessions = new Map();
app.post('/admin/flush', (req, res) => {
  sessions.clear();
  res.end();
});",
        &[(5, 3, 5, 19)],
    ),
    invalid(
        "module-level Set add",
        "app.js",
        "const express = require('express');
const app = express();
const online = new Set();
app.post('/ping', (req, res) => {
  online.add(req.body.user);
  res.json({ online: online.size });
});",
        &[(5, 3, 5, 28)],
    )
    .state(StateKind::Collection, "online"),
    invalid(
        "module-level Set delete and clear",
        "app.js",
        "const express = require('express');
const app = express();
const banned = new Set();
app.delete('/bans/:ip', (req, res) => {
  banned.delete(req.params.ip);
  res.end();
});
app.delete('/bans', (req, res) => {
  banned.clear();
  res.end();
});",
        &[(5, 3, 5, 31)],
    )
    .routes(&["DELETE /bans/:ip", "DELETE /bans"]),
    // ----- module-level `let` counters -----
    invalid(
        "let counter incremented",
        "app.js",
        "const express = require('express');
const app = express();
let hits = 0;
app.get('/', (req, res) => {
  hits++;
  res.send(`hits: ${hits}`);
});",
        &[(5, 3, 5, 9)],
    )
    .state(StateKind::Counter, "hits")
    .routes(&["GET /"]),
    invalid(
        "let counter decremented",
        "app.js",
        "const express = require('express');
const app = express();
let balance = 0;
app.post('/withdraw', (req, res) => {
  --balance;
  res.json({ balance: balance });
});",
        &[(5, 3, 5, 12)],
    ),
    invalid(
        "let counter with a start value",
        "app.js",
        "const express = require('express');
const app = express();
let slots = 10;
app.post('/book', (req, res) => {
  slots--;
  res.json({ left: slots });
});",
        &[(5, 3, 5, 10)],
        // Redis starts from nothing: the counter keeps its difference from 10.
    ),
    invalid(
        "let string reassigned keeps no rewrite (its start value would be lost)",
        "app.js",
        "const express = require('express');
const app = express();
let motto = 'hello';
app.put('/motto', (req, res) => {
  motto = String(req.body.motto);
  res.json({ motto });
});",
        &[(5, 3, 5, 33)],
        // Redis starts from nothing: the first reader would get null, not 'hello'.
    )
    .no_rewrite("start value"),
    invalid(
        "counter also read outside the handlers",
        "app.js",
        "const express = require('express');
const app = express();
let hits = 0;
setInterval(() => console.log(hits), 1000);
app.get('/', (req, res) => {
  hits++;
  res.end();
});",
        &[(6, 3, 6, 9)],
        // The timer's read is outside every handler and would need its own rewrite.
    )
    .no_rewrite("an access outside the handlers"),
    invalid(
        "counter read through a shorthand property",
        "app.js",
        "const express = require('express');
const app = express();
let visits = 0;
app.get('/', (req, res) => {
  visits = visits + 1;
  res.json({ visits });
});",
        &[(5, 3, 5, 22)],
    ),
    invalid(
        "let counter compound assignment",
        "app.js",
        "const express = require('express');
const app = express();
let bytes = 0;
app.post('/upload', (req, res) => {
  bytes += Number(req.headers['content-length']);
  res.end();
});",
        &[(5, 3, 5, 49)],
    ),
    invalid(
        "let number reassigned",
        "app.js",
        "const express = require('express');
const app = express();
let lastUpdate = 0;
app.put('/data', (req, res) => {
  lastUpdate = Date.now();
  res.json({ lastUpdate });
});",
        &[(5, 3, 5, 26)],
    ),
    // ----- app.locals, process.env -----
    invalid(
        "req.app.locals written in a handler",
        "app.js",
        "const express = require('express');
const app = express();
app.post('/settings', (req, res) => {
  req.app.locals.theme = req.body.theme;
  res.end();
});",
        &[(4, 3, 4, 40)],
        // app.locals is Express's own object: what replaces it (res.locals or a store)
        // depends on who reads it, which a person must decide.
    )
    .no_rewrite("app.locals")
    .state(StateKind::Cache, "app.locals.theme"),
    invalid(
        "app.locals written in a handler",
        "app.js",
        "const express = require('express');
const app = express();
app.get('/count', (req, res) => {
  app.locals.requests = (app.locals.requests || 0) + 1;
  res.end();
});",
        &[(4, 3, 4, 55)],
    )
    .no_rewrite("app.locals"),
    invalid(
        "process.env written in a handler",
        "app.js",
        "const express = require('express');
const app = express();
app.post('/debug', (req, res) => {
  process.env.DEBUG = req.query.on;
  res.end();
});",
        &[(4, 3, 4, 35)],
        // Configuration belongs to the deployment; there is no mechanical replacement.
    )
    .no_rewrite("process.env")
    .warning()
    .state(StateKind::Configuration, "process.env.DEBUG"),
    // ----- request context -----
    invalid(
        "module variable holding the current user",
        "app.js",
        "const express = require('express');
const app = express();
let currentUser;
app.use((req, res, next) => {
  currentUser = req.user;
  next();
});",
        &[(5, 3, 5, 25)],
    )
    .state(StateKind::RequestContext, "currentUser")
    .routes(&["USE /"]),
    invalid(
        "request context read in another handler",
        "app.js",
        "const express = require('express');
const app = express();
let currentUser = null;
app.use((req, res, next) => {
  currentUser = req.user;
  next();
});
app.get('/me', (req, res) => res.json({ currentUser }));",
        &[(5, 3, 5, 25)],
    )
    .state(StateKind::RequestContext, "currentUser"),
    // ----- where handlers come from -----
    invalid(
        "state in a router factory closure",
        "routes.js",
        "const express = require('express');
function makeRouter() {
  const router = express.Router();
  const cache = {};
  router.get('/items/:k', (req, res) => {
    cache[req.params.k] = req.query.v;
    res.end();
  });
  return router;
}
module.exports = makeRouter;",
        &[(6, 5, 6, 38)],
    )
    .routes(&["GET /items/:k"]),
    invalid(
        "handler passed by reference",
        "app.js",
        "const express = require('express');
const app = express();
const items = [];
function add(req, res) {
  items.push(req.body);
  res.sendStatus(201);
}
app.post('/items', add);",
        &[(5, 3, 5, 23)],
    )
    .routes(&["POST /items"]),
    invalid(
        "exported controller with (req, res)",
        "controllers/items.js",
        "const items = new Map();
exports.create = (req, res) => {
  items.set(req.body.id, req.body);
  res.sendStatus(201);
};",
        &[(3, 3, 3, 35)],
    ),
    invalid(
        "helper called from a handler",
        "app.js",
        "const express = require('express');
const app = express();
let served = 0;
function countRequest() {
  served += 1;
}
app.use((req, res, next) => {
  countRequest();
  next();
});",
        &[(5, 3, 5, 14)],
    )
    .routes(&["USE /"]),
    invalid(
        "helper whose result a handler uses",
        "app.js",
        "const express = require('express');
const app = express();
let hits = 0;
function track() {
  hits++;
  return hits;
}
app.get('/', (req, res) => res.json({ n: track() }));",
        &[(5, 3, 5, 9)],
    )
    .state(StateKind::Counter, "hits")
    .routes(&["GET /"]),
    invalid(
        "handler wrapped in asyncHandler",
        "app.js",
        "const express = require('express');
const asyncHandler = require('express-async-handler');
const app = express();
const seen = new Set();
app.post('/x', asyncHandler(async (req, res) => {
  seen.add(req.ip);
  res.end();
}));",
        &[(6, 3, 6, 19)],
    )
    .routes(&["POST /x"]),
    invalid(
        "router.route('/x').post(...)",
        "app.js",
        "const express = require('express');
const router = express.Router();
const todos = [];
router.route('/todos').post((req, res) => {
  todos.push(req.body);
  res.sendStatus(201);
});",
        &[(5, 3, 5, 23)],
    )
    .routes(&["POST /todos"]),
    invalid(
        "socket.io connection callback",
        "server.js",
        "const { Server } = require('socket.io');
const io = new Server(3000);
const online = new Set();
io.on('connection', (socket) => {
  online.add(socket.id);
  socket.on('disconnect', () => {
    online.delete(socket.id);
  });
});",
        &[(5, 3, 5, 24)],
    ),
    // ----- TypeScript -----
    invalid(
        "TypeScript typed Record",
        "app.ts",
        "import express, { Request, Response } from 'express';
const app = express();
const cache: Record<string, number> = {};
app.post('/t', (req: Request, res: Response) => {
  cache[req.body.key] = Number(req.body.value);
  res.sendStatus(204);
});",
        &[(5, 3, 5, 47)],
    )
    .state(StateKind::Cache, "cache")
    .routes(&["POST /t"]),
    invalid(
        "TypeScript typed Map",
        "app.ts",
        "import express from 'express';
const app = express();
const scores = new Map<string, number>();
app.post('/scores', (req, res) => {
  scores.set(req.body.name as string, req.body.score as number);
  res.json({ n: scores.size });
});",
        &[(5, 3, 5, 64)],
    ),
    invalid(
        "TypeScript let counter",
        "app.ts",
        "import express from 'express';
const app = express();
let hits: number = 0;
app.get('/', (req, res) => {
  hits++;
  res.end();
});",
        &[(5, 3, 5, 9)],
    )
    .state(StateKind::Counter, "hits"),
    // ----- more counters and containers -----
    invalid(
        "object field counted with (x || 0) + 1",
        "app.js",
        "const express = require('express');
const app = express();
const counts = {};
app.post('/uploads/:kind', (req, res) => {
  counts[req.params.kind] = (counts[req.params.kind] || 0) + 1;
  res.json({ count: counts[req.params.kind] });
});",
        &[(5, 3, 5, 63)],
    )
    .state(StateKind::Cache, "counts"),
    invalid(
        "object of objects counted per poll",
        "app.js",
        "const express = require('express');
const app = express();
const votes = {};
app.post('/polls/:id', (req, res) => {
  votes[req.params.id] ??= {};
  votes[req.params.id][req.body.option] = (votes[req.params.id][req.body.option] ?? 0) + 1;
  res.sendStatus(201);
});
app.get('/polls/:id', (req, res) => res.json(votes[req.params.id] ?? {}));",
        &[(5, 3, 5, 30)],
    ),
    invalid(
        "Map counter",
        "app.js",
        "const express = require('express');
const app = express();
const perUser = new Map();
app.post('/hit', (req, res) => {
  perUser.set(req.body.user, (perUser.get(req.body.user) || 0) + 1);
  res.json({ users: perUser.size });
});",
        &[(5, 3, 5, 68)],
    ),
    invalid(
        "bounded list: push, then shift past the limit",
        "app.js",
        "const express = require('express');
const app = express();
const recentVisits = [];
app.get('/visit', (req, res) => {
  recentVisits.push({ path: req.path, at: Date.now() });
  if (recentVisits.length > 5) recentVisits.shift();
  res.json(recentVisits);
});",
        &[(5, 3, 5, 56)],
    )
    .state(StateKind::Collection, "recentVisits"),
    invalid(
        "bounded list: slice to the last items",
        "app.js",
        "const express = require('express');
const app = express();
let latest = [];
app.post('/latest', (req, res) => {
  latest.push(req.body.id);
  latest = latest.slice(-10);
  res.json({ latest });
});",
        &[(5, 3, 5, 27)],
    ),
    // ----- read-modify-write of state already in Redis -----
    invalid(
        "get, add one, set back",
        "app.js",
        "const express = require('express');
const { createClient } = require('redis');
const redis = createClient({ url: process.env.REDIS_URL });
redis.on('error', console.error);
redis.connect().catch(console.error);
const app = express();
app.get('/', async (req, res) => {
  const visits = Number(await redis.get('visits')) + 1;
  await redis.set('visits', visits);
  res.send(`visitor ${visits}`);
});",
        &[(9, 9, 9, 36)],
    )
    .warning()
    .state(StateKind::Counter, "visits")
    .routes(&["GET /"])
    .message("one of their updates is lost"),
    invalid(
        "get into a variable, set it plus one inline",
        "app.js",
        "import express from 'express';
import { createClient } from 'redis';
const client = createClient();
client.on('error', console.error);
await client.connect();
const app = express();
app.post('/jobs', async (req, res) => {
  const n = await client.get('jobs:count');
  await client.set('jobs:count', (parseInt(n, 10) || 0) + 1);
  res.sendStatus(202);
});",
        &[(9, 9, 9, 61)],
    )
    .warning()
    .state(StateKind::Counter, "jobs:count"),
    invalid(
        "hGet then hSet of the same field",
        "app.js",
        "const express = require('express');
const { createClient } = require('redis');
const redis = createClient();
redis.on('error', console.error);
redis.connect().catch(console.error);
const app = express();
app.post('/likes/:id', async (req, res) => {
  const likes = await redis.hGet('likes', req.params.id);
  await redis.hSet('likes', req.params.id, Number(likes) + 1);
  res.json({ ok: true });
});",
        &[(9, 9, 9, 62)],
    )
    .warning()
    .state(StateKind::Counter, "likes")
    .routes(&["POST /likes/:id"]),
    invalid(
        "the value read is also answered (ioredis)",
        "app.js",
        "const express = require('express');
const Redis = require('ioredis');
const redis = new Redis(process.env.REDIS_URL);
const app = express();
app.post('/tickets', async (req, res) => {
  const before = Number(await redis.get('tickets'));
  await redis.set('tickets', before - 1);
  res.json({ before });
});",
        &[(7, 9, 7, 41)],
    )
    .warning()
    .state(StateKind::Counter, "tickets"),
    invalid(
        "a JSON list read, appended to and written back",
        "app.js",
        "const express = require('express');
const { createClient } = require('redis');
const redis = createClient();
redis.on('error', console.error);
redis.connect().catch(console.error);
const app = express();
app.post('/items', async (req, res) => {
  const raw = await redis.get('items');
  await redis.set('items', JSON.stringify([...JSON.parse(raw || '[]'), req.body]));
  res.sendStatus(201);
});",
        &[(9, 9, 9, 83)],
        // Appending has its own command (RPUSH), but the data's shape changes with it:
        // the help says so, a person rewrites the readers.
    )
    .no_rewrite("a whole value rewritten")
    .warning()
    .state(StateKind::Collection, "items"),
    // ----- state set by a call or an IIFE -----
    invalid(
        "a let set by an IIFE and counted in a handler",
        "app.js",
        "const express = require('express');
const app = express();
let visits = (() => loadInitial())();
app.get('/', (req, res) => {
  visits++;
  res.send(`visit ${visits}`);
});",
        &[(5, 3, 5, 11)],
    )
    .state(StateKind::Counter, "visits")
    .routes(&["GET /"])
    .labels(&["set from a call once"])
    .no_rewrite("its start value comes from a call Redis cannot repeat"),
    invalid(
        "a Map returned by a local function, set in a handler",
        "app.js",
        "const express = require('express');
const app = express();
function createCache() {
  return new Map();
}
const cache = createCache();
app.post('/cache', (req, res) => {
  cache.set(req.body.key, req.body.value);
  res.sendStatus(204);
});",
        &[(8, 3, 8, 42)],
    )
    .state(StateKind::Cache, "cache")
    .no_rewrite("its first content comes from a call"),
    invalid(
        "an object parsed from JSON and written by key",
        "app.js",
        "const express = require('express');
const fs = require('fs');
const app = express();
const settings = JSON.parse(fs.readFileSync('settings.json', 'utf8'));
app.put('/settings/:key', (req, res) => {
  settings[req.params.key] = req.body.value;
  res.json(settings);
});",
        &[(6, 3, 6, 44)],
    )
    .state(StateKind::Cache, "settings")
    .no_rewrite("its first content comes from a file read at start-up"),
    invalid(
        "a relative module's call result pushed to",
        "app.js",
        "const express = require('express');
const { createQueue } = require('./queue');
const app = express();
const jobs = createQueue();
app.post('/jobs', (req, res) => {
  jobs.push(req.body);
  res.sendStatus(202);
});",
        &[(6, 3, 6, 22)],
    )
    .state(StateKind::Collection, "jobs")
    .no_rewrite("its first content comes from a call"),
    invalid(
        "an array returned by a function IIFE",
        "app.js",
        "const express = require('express');
const app = express();
const recent = (function () {
  return [];
})();
app.post('/events', (req, res) => {
  recent.unshift(req.body);
  res.end();
});",
        &[(7, 3, 7, 27)],
    )
    .state(StateKind::Collection, "recent")
    .no_rewrite("its first content comes from a call"),
    invalid(
        "a call's result used as a Map: set and size",
        "app.js",
        "const express = require('express');
const makeStore = require('./store');
const app = express();
const sessions = makeStore();
app.post('/sessions', (req, res) => {
  sessions.set(req.body.id, req.body);
  res.json({ open: sessions.size });
});",
        &[(6, 3, 6, 38)],
    )
    .no_rewrite("its first content comes from a call"),
    invalid(
        "a let set from Date.now() and reassigned in a handler",
        "app.js",
        "const express = require('express');
const app = express();
let lastDeploy = Date.now();
app.post('/deploy', (req, res) => {
  lastDeploy = Date.now();
  res.json({ lastDeploy });
});",
        &[(5, 3, 5, 26)],
    )
    .state(StateKind::Cache, "lastDeploy")
    .no_rewrite("its start value comes from a call"),
    invalid(
        "a let from an awaited call counted in a handler",
        "app.mjs",
        "import express from 'express';
import { loadCount } from './count.js';
const app = express();
let downloads = await loadCount();
app.get('/download', (req, res) => {
  downloads += 1;
  res.json({ downloads });
});",
        &[(6, 3, 6, 17)],
    )
    .state(StateKind::Counter, "downloads")
    .no_rewrite("its start value comes from a call Redis cannot repeat"),
    // ----- writes into values stored inside a container -----
    invalid(
        "nested Maps reached through get() in socket.io handlers",
        "app.js",
        "const { Server } = require('socket.io');
const io = new Server(3000);
const lobbies = new Map();
io.on('connection', (socket) => {
  socket.on('join', (id, name) => {
    lobbies.get(id).get('players').set(socket.id, name);
  });
  socket.on('disconnect', () => {
    lobbies.forEach((lobby) => {
      lobby.get('players').delete(socket.id);
    });
  });
});",
        &[(6, 5, 6, 56)],
    )
    .state(StateKind::Cache, "lobbies")
    .labels(&["changes a value kept inside `lobbies`", "also written here"])
    // Redis keeps flat values: the Map inside the Map has no key of its own.
    .no_rewrite("a write into a value stored inside the container"),
    invalid(
        "a forEach callback's element changed in a handler",
        "app.js",
        "const express = require('express');
const app = express();
const rooms = new Map();
app.delete('/members/:id', (req, res) => {
  rooms.forEach((room) => {
    room.members.delete(req.params.id);
  });
  res.sendStatus(204);
});",
        &[(6, 5, 6, 39)],
    )
    .routes(&["DELETE /members/:id"])
    .no_rewrite("a write into a value stored inside the container"),
    invalid(
        "an element found in a module-level array and changed",
        "app.js",
        "const express = require('express');
const app = express();
const users = [{ id: 1, name: 'ada' }];
app.patch('/users/:id', (req, res) => {
  const user = users.find((u) => u.id === Number(req.params.id));
  user.name = req.body.name;
  res.json(user);
});",
        &[(6, 3, 6, 28)],
    )
    .state(StateKind::Collection, "users")
    .labels(&["changes a value kept inside `users`"])
    .no_rewrite("a write into a value stored inside the container"),
    invalid(
        "a stored object reached by key through a local name",
        "app.js",
        "const express = require('express');
const app = express();
const rooms = {};
app.post('/rooms/:id/messages', (req, res) => {
  const room = rooms[req.params.id];
  room.messages.push(req.body);
  res.sendStatus(201);
});",
        &[(6, 3, 6, 31)],
    )
    .routes(&["POST /rooms/:id/messages"])
    .no_rewrite("a write into a value stored inside the container"),
    invalid(
        "for…of over a Map's values in a socket.io handler",
        "app.js",
        "const { Server } = require('socket.io');
const io = new Server(3000);
const lobbies = new Map();
io.on('connection', (socket) => {
  socket.on('disconnect', () => {
    for (const lobby of lobbies.values()) {
      lobby.players.delete(socket.id);
    }
  });
});",
        &[(7, 7, 7, 38)],
    )
    .no_rewrite("a write into a value stored inside the container"),
    invalid(
        "a part destructured in a forEach callback and changed",
        "app.js",
        "const { Server } = require('socket.io');
const io = new Server(3000);
const lobbies = new Map();
io.on('connection', (socket) => {
  socket.on('disconnect', () => {
    lobbies.forEach(({ players }) => players.delete(socket.id));
  });
});",
        &[(6, 38, 6, 63)],
    )
    .no_rewrite("a write into a value stored inside the container"),
    invalid(
        "a part destructured in for…of over a Map's values",
        "app.js",
        "const express = require('express');
const app = express();
const lobbies = new Map();
app.post('/leave', (req, res) => {
  for (const { players } of lobbies.values()) players.delete(req.body.name);
  res.end();
});",
        &[(5, 47, 5, 76)],
    )
    .no_rewrite("a write into a value stored inside the container"),
    invalid(
        "a part destructured from get() and changed",
        "app.js",
        "const express = require('express');
const app = express();
const lobbies = new Map();
app.post('/lobbies/:id/players', (req, res) => {
  const { players } = lobbies.get(req.params.id);
  players.add(req.body.name);
  res.sendStatus(201);
});",
        &[(6, 3, 6, 29)],
    )
    .routes(&["POST /lobbies/:id/players"])
    .no_rewrite("a write into a value stored inside the container"),
    invalid(
        "Object.values(…).forEach changing each stored object",
        "app.js",
        "const express = require('express');
const app = express();
const rooms = {};
app.post('/leave', (req, res) => {
  Object.values(rooms).forEach((room) => room.members.delete(req.body.user));
  res.end();
});",
        &[(5, 42, 5, 76)],
    )
    .no_rewrite("a write into a value stored inside the container"),
    invalid(
        "a Map's value reached with get() and pushed to",
        "app.js",
        "const express = require('express');
const app = express();
const carts = new Map();
app.post('/cart/:user/items', (req, res) => {
  carts.get(req.params.user).items.push(req.body);
  res.sendStatus(201);
});",
        &[(5, 3, 5, 50)],
    )
    .routes(&["POST /cart/:user/items"])
    .no_rewrite("a write into a value stored inside the container"),
    // ----- state in a setup function's scope -----
    invalid(
        "a Map in an exported socket.io setup function",
        "app.js",
        "module.exports = (io) => {
  const online = new Map();
  io.on('connection', (socket) => {
    online.set(socket.id, socket.handshake.auth.name);
    socket.on('disconnect', () => online.delete(socket.id));
  });
};",
        &[(4, 5, 4, 54)],
    )
    .message("in the scope of the setup function exported as `module.exports`, not the module's")
    .labels(&["declared in the setup function", "also written here"])
    ,
    invalid(
        "an object in an exported Express setup function",
        "app.js",
        "module.exports = function (app) {
  const cache = {};
  app.get('/items/:id', (req, res) => {
    cache[req.params.id] = req.query.v;
    res.json(cache);
  });
};",
        &[(4, 5, 4, 39)],
    )
    .state(StateKind::Cache, "cache")
    .routes(&["GET /items/:id"])
    .message("in the scope of the setup function"),
    invalid(
        "a counter in a local setup function called once",
        "app.js",
        "const express = require('express');
function createApp() {
  const app = express();
  let hits = 0;
  app.get('/', (req, res) => {
    hits++;
    res.send(String(hits));
  });
  return app;
}
createApp().listen(3000);",
        &[(6, 5, 6, 11)],
    )
    .state(StateKind::Counter, "hits")
    .message("`hits` is a counter in the scope of the setup function `createApp`"),
    invalid(
        "an array in a default-exported socket.io setup function",
        "app.mjs",
        "export default function chat(io) {
  const messages = [];
  io.on('connection', (socket) => {
    socket.on('message', (text) => {
      messages.push({ from: socket.id, text });
      io.emit('message', text);
    });
  });
}",
        &[(5, 7, 5, 47)],
    )
    .state(StateKind::Collection, "messages")
    .message("the setup function `chat`"),
    invalid(
        "a middleware factory's Map, exported",
        "app.js",
        "function rateLimit(limit) {
  const hits = new Map();
  return (req, res, next) => {
    hits.set(req.ip, (hits.get(req.ip) || 0) + 1);
    if (hits.get(req.ip) > limit) return res.sendStatus(429);
    next();
  };
}
module.exports = { rateLimit };",
        &[(4, 5, 4, 50)],
    )
    .message("the setup function `rateLimit`")
    // Each use of the factory has its own Map (`rateLimit(5)` on one route, `rateLimit(100)`
    // on another): one Redis key would merge their counts.
    .no_rewrite("a factory returning its handler makes a copy per use"),
    invalid(
        "an object in a named setup function exported later",
        "app.js",
        "function setupRoutes(router) {
  const votes = {};
  router.post('/vote/:option', (req, res) => {
    votes[req.params.option] = (votes[req.params.option] || 0) + 1;
    res.json(votes);
  });
}
exports.setupRoutes = setupRoutes;",
        &[(4, 5, 4, 67)],
    )
    .routes(&["POST /vote/:option"]),
    invalid(
        "a counter in a setup function this file calls twice",
        "app.js",
        "const express = require('express');
const app = express();
function mountCounter(path) {
  let count = 0;
  app.get(path, (req, res) => {
    count++;
    res.json({ count });
  });
}
mountCounter('/a');
mountCounter('/b');",
        &[(6, 5, 6, 12)],
    )
    .state(StateKind::Counter, "count")
    // Each call has its own counter, one per path: one Redis key would merge them.
    .no_rewrite("the setup function makes a copy per call"),
    // ----- data another module exports -----
    invalid(
        "a local module's array pushed to in a handler, the module not seen",
        "app.js",
        "const express = require('express');
const store = require('./store');
const app = express();
app.post('/items', (req, res) => {
  store.items.push(req.body);
  res.sendStatus(201);
});",
        &[(5, 3, 5, 29)],
    )
    .state(StateKind::Collection, "store.items")
    .routes(&["POST /items"])
    .message("a module is loaded once per process")
    .labels(&["required here"])
    .no_rewrite("the data is declared in another file"),
    invalid(
        "a destructured export written by key in a handler, the module not seen",
        "routes/counts.js",
        "const router = require('express').Router();
const { counts } = require('../data/counts');
router.get('/:id', (req, res) => {
  counts[req.params.id] = (counts[req.params.id] || 0) + 1;
  res.json({ count: counts[req.params.id] });
});
module.exports = router;",
        &[(4, 3, 4, 59)],
    )
    .state(StateKind::Cache, "counts")
    .message("`../data/counts`")
    .no_rewrite("the data is declared in another file"),
    invalid(
        "an imported object's field counted in a handler, the module not seen",
        "app.mjs",
        "import express from 'express';
import stats from './stats.js';
const app = express();
app.get('/', (req, res) => {
  stats.hits++;
  res.send('hi');
});",
        &[(5, 3, 5, 15)],
    )
    .state(StateKind::Cache, "stats.hits")
    .no_rewrite("the data is declared in another file"),
    invalid(
        "a Map the project's model exports, set in a handler",
        "controllers/cart.js",
        CART_CONTROLLER,
        &[(3, 3, 3, 38)],
    )
    .beside(&[(
        "models/cart.js",
        "const carts = new Map();\nmodule.exports = { carts };\n",
    )])
    .state(StateKind::Cache, "carts")
    .message("`carts` is a Map exported by `models/cart.js`")
    .labels(&["declared in models/cart.js"]),
    invalid(
        "a counter on an exported object, incremented from another file",
        "app.js",
        "const app = require('express')();
const stats = require('./lib/stats');
app.get('/', (req, res) => {
  stats.visits += 1;
  res.end();
});",
        &[(4, 3, 4, 20)],
    )
    .beside(&[("lib/stats.js", "module.exports = { visits: 0, since: null };\n")])
    .state(StateKind::Counter, "stats.visits")
    .routes(&["GET /"])
    .message("a counter exported by `lib/stats.js`")
    .no_rewrite("through the module's value"),
    invalid(
        "an ES module's exported Set, added to by a handler another file registers",
        "handlers/seen.mjs",
        "import { visitors } from '../state.mjs';
export function track(req, res) {
  visitors.add(req.ip);
  res.json({ count: visitors.size });
}",
        &[(3, 3, 3, 23)],
    )
    .beside(&[
        ("state.mjs", "export const visitors = new Set();\n"),
        (
            "app.mjs",
            "import express from 'express';
import { track } from './handlers/seen.mjs';
const app = express();
const api = express.Router();
api.get('/seen', track);
app.use('/api', api);
",
        ),
    ])
    .state(StateKind::Collection, "visitors")
    .message("a Set exported by `state.mjs`")
    .labels(&["registered on GET /seen", "declared in state.mjs"]),
    invalid(
        "a model's array changed by a controller that a mounted router registers",
        "controllers/orders.js",
        "const orders = require('../models/orders');
module.exports = {
  create(req, res) {
    orders.push({ ...req.body, at: Date.now() });
    res.status(201).json({ id: orders.length });
  },
};",
        &[(4, 5, 4, 49)],
    )
    .beside(&[
        ("models/orders.js", "module.exports = [];\n"),
        (
            "routes/orders.js",
            "const router = require('express').Router();
const orders = require('../controllers/orders');
router.post('/', orders.create);
module.exports = router;
",
        ),
        (
            "app.js",
            "const app = require('express')();
app.use('/api/orders', require('./routes/orders'));
",
        ),
    ])
    .state(StateKind::Collection, "orders")
    .routes(&["POST /api/orders"])
    .labels(&["registered on POST /api/orders", "declared in models/orders.js"])
    .no_rewrite("through the module's value"),
    invalid(
        "the shop's controller: a Map of carts grown by appending, and an orders array",
        "controllers/cart.js",
        SHOP_CONTROLLER,
        &[(5, 3, 5, 50), (11, 3, 11, 41)],
    )
    .beside(&[("models/cart.js", SHOP_MODEL)])
    .state(StateKind::Cache, "carts"),
    invalid(
        "an export assigned to `exports.name`, moved out of its module",
        "routes/hits.js",
        "const router = require('express').Router();
const { seen } = require('../store');
router.get('/', (req, res) => {
  seen.push(req.ip);
  res.json({ count: seen.length });
});
module.exports = router;",
        &[(4, 3, 4, 20)],
    )
    .beside(&[("store.js", "exports.seen = [];\nexports.limit = () => 10;\n")])
    .state(StateKind::Collection, "seen"),
    invalid(
        "a model's Map another file changes too: moving it for one file would split it",
        "controllers/cart.js",
        CART_CONTROLLER,
        &[(3, 3, 3, 38)],
    )
    .beside(&[
        ("models/cart.js", "const carts = new Map();\nmodule.exports = { carts };\n"),
        (
            "controllers/admin.js",
            "const { carts } = require('../models/cart');
exports.count = (req, res) => res.json({ carts: carts.size });
",
        ),
    ])
    .no_rewrite("`models/cart.js` is also required by `controllers/admin.js`"),
    invalid(
        "a model's Map that starts with entries Redis would not have",
        "controllers/cart.js",
        CART_CONTROLLER,
        &[(3, 3, 3, 38)],
    )
    .beside(&[(
        "models/cart.js",
        "module.exports = { carts: new Map([['demo', []]]) };\n",
    )])
    .no_rewrite("its first value is not empty"),
    invalid(
        "a model's Map its own module reads too",
        "controllers/cart.js",
        CART_CONTROLLER,
        &[(3, 3, 3, 38)],
    )
    .beside(&[(
        "models/cart.js",
        "const carts = new Map();\nconst count = () => carts.size;\nmodule.exports = { carts, count };\n",
    )])
    .no_rewrite("the module that declares it uses it too"),
];

/// A controller that sets an entry of a Map a model module exports.
const CART_CONTROLLER: &str = "const { carts } = require('../models/cart');
exports.add = (req, res) => {
  carts.set(req.session.id, req.body);
  res.sendStatus(201);
};";

/// The shop example's controller and model (content/examples/shop).
const SHOP_CONTROLLER: &str = include_str!("../../../../content/examples/shop/controllers/cart.js");
const SHOP_MODEL: &str = include_str!("../../../../content/examples/shop/models/cart.js");

/// Code the rule must leave alone.
const VALID: &[Valid] = &[
    (
        "constants and frozen config read in a handler",
        "app.js",
        "const express = require('express');
const app = express();
const LIMIT = 10;
const config = Object.freeze({ greeting: 'hi' });
app.get('/', (req, res) => {
  res.json({ limit: LIMIT, greeting: config.greeting });
});",
    ),
    (
        "start-up registration loop",
        "app.js",
        "const express = require('express');
const app = express();
const routes = {};
const names = [];
for (const name of ['a', 'b']) {
  routes[name] = true;
  names.push(name);
}
app.get('/:name', (req, res) => {
  res.json({ known: Boolean(routes[req.params.name]), names });
});",
    ),
    (
        "variables declared inside the handler",
        "app.js",
        "const express = require('express');
const app = express();
app.post('/sum', (req, res) => {
  let total = 0;
  const seen = {};
  const list = [];
  for (const n of req.body) {
    total += n;
    seen[n] = true;
    list.push(n);
  }
  [1, 2].forEach((x) => {
    total += x;
  });
  res.json({ total, seen, list });
});",
    ),
    (
        "a Map declared in the handler",
        "app.js",
        "const express = require('express');
const app = express();
app.post('/group', (req, res) => {
  const groups = new Map();
  for (const item of req.body) groups.set(item.kind, item);
  res.json([...groups.values()]);
});",
    ),
    (
        "locals and parameters named global / globalThis",
        "app.js",
        "const express = require('express');
const app = express();
function configure(global) {
  global.cache = {};
}
app.get('/', (req, res) => {
  const globalThis = { hits: 0 };
  globalThis.hits++;
  const global = {};
  global.cache = {};
  res.json(global);
});",
    ),
    (
        "a handler local shadowing a module-level name",
        "app.js",
        "const express = require('express');
const app = express();
const cache = { version: 1 };
app.get('/', (req, res) => {
  const cache = {};
  cache[req.query.k] = 1;
  res.json(cache);
});",
    ),
    (
        "method calls on clients",
        "app.js",
        "const express = require('express');
const { createClient } = require('redis');
const { Pool } = require('pg');
const app = express();
const redis = createClient();
const cache = createClient();
const pool = new Pool();
app.post('/x', async (req, res) => {
  await redis.set('k', req.body.v);
  await cache.set('k', 'v');
  const hit = await cache.get('k');
  await pool.query('insert into t values ($1)', [hit]);
  res.end();
});",
    ),
    (
        "reads of global.Promise and globalThis.fetch",
        "app.js",
        "const express = require('express');
const app = express();
app.get('/', (req, res) => {
  const P = global.Promise;
  res.json({ fetch: typeof globalThis.fetch, p: typeof P });
});",
    ),
    (
        "polyfill global.fetch at start-up",
        "app.js",
        "const express = require('express');
global.fetch = require('node-fetch');
globalThis.crypto = require('crypto').webcrypto;
const app = express();
app.get('/', async (req, res) => res.json(await (await fetch('http://x')).json()));",
    ),
    (
        "res.locals in middleware",
        "app.js",
        "const express = require('express');
const app = express();
app.use((req, res, next) => {
  res.locals.user = req.user;
  res.locals.count = (res.locals.count || 0) + 1;
  next();
});",
    ),
    (
        "app.locals set at start-up and read in a handler",
        "app.js",
        "const express = require('express');
const app = express();
app.locals.title = 'Shop';
app.get('/', (req, res) => {
  res.render('index', { title: req.app.locals.title });
});",
    ),
    (
        "module-level state only read in handlers",
        "app.js",
        "const express = require('express');
const app = express();
const users = [{ id: 1, name: 'a' }];
const byId = new Map(users.map((u) => [u.id, u]));
let version = 3;
app.get('/users/:id', (req, res) => {
  const user = users.find((u) => u.id === Number(req.params.id));
  res.json({ user, other: byId.get(2), n: users.length, version });
});",
    ),
    (
        "process.env written at start-up",
        "app.js",
        "require('dotenv').config();
process.env.NODE_ENV = process.env.NODE_ENV || 'development';
const express = require('express');
const app = express();
app.get('/', (req, res) => res.send(process.env.NODE_ENV));",
    ),
    (
        "ESM module: no implicit globals (it would throw instead)",
        "app.mjs",
        "import express from 'express';
const app = express();
rooms = [];
app.get('/', (req, res) => {
  lastSeen = Date.now();
  res.send('ok');
});
export default app;",
    ),
    (
        "'use strict' script: an undeclared write throws, it is no global",
        "app.js",
        "'use strict';
const express = require('express');
const app = express();
rooms = [];
app.get('/', (req, res) => {
  lastSeen = Date.now();
  res.send('ok');
});",
    ),
    (
        "exports = module.exports = …",
        "app.js",
        "const express = require('express');
exports = module.exports = createApp;
function createApp() {
  const app = express();
  app.get('/', (req, res) => res.send('ok'));
  return app;
}",
    ),
    (
        "writes in a seed function never called from a handler",
        "app.js",
        "const express = require('express');
const app = express();
const users = [];
function seed() {
  users.push({ id: 1 });
}
seed();
app.get('/users', (req, res) => res.json(users));",
    ),
    (
        "a module-level Map written by a plain function",
        "plugins.js",
        "const registry = new Map();
function register(name, plugin) {
  registry.set(name, plugin);
}
register('a', {});
module.exports = { register, registry };",
    ),
    (
        "a let changed in a start-up callback",
        "app.js",
        "const express = require('express');
const app = express();
let started = false;
let port = 3000;
if (process.env.PORT) port = Number(process.env.PORT);
app.get('/health', (req, res) => res.json({ started }));
app.listen(port, () => {
  started = true;
});",
    ),
    (
        "per-connection state in a socket.io callback",
        "server.js",
        "const { Server } = require('socket.io');
const io = new Server(3000);
io.on('connection', (socket) => {
  const joined = new Set();
  socket.on('join', (room) => joined.add(room));
});",
    ),
    (
        "TypeScript frozen config",
        "app.ts",
        "import express from 'express';
const app = express();
const LIMITS: Readonly<Record<string, number>> = Object.freeze({ free: 10 });
app.get('/', (req, res) => {
  res.json(LIMITS);
});",
    ),
    (
        "a lazily created client in a module-level let",
        "app.js",
        "const express = require('express');
const { Pool } = require('pg');
const app = express();
let pool;
function getPool() {
  if (!pool) pool = new Pool();
  return pool;
}
app.get('/', async (req, res) => {
  const result = await getPool().query('select 1');
  res.json(result.rows);
});",
    ),
    (
        "a client in a module-level variable made with new",
        "app.js",
        "const express = require('express');
const Redis = require('ioredis');
const app = express();
const cache = new Redis();
app.get('/', async (req, res) => {
  await cache.set('k', 'v');
  res.end();
});",
    ),
    (
        "Redis: get of one key, set of another",
        "app.js",
        "const express = require('express');
const { createClient } = require('redis');
const redis = createClient();
redis.on('error', console.error);
redis.connect().catch(console.error);
const app = express();
app.post('/copy', async (req, res) => {
  const n = Number(await redis.get('a'));
  await redis.set('b', n + 1);
  res.end();
});",
    ),
    (
        "Redis: set without a prior get, get only to read",
        "app.js",
        "const express = require('express');
const { createClient } = require('redis');
const redis = createClient();
redis.on('error', console.error);
redis.connect().catch(console.error);
const app = express();
app.post('/seen', async (req, res) => {
  await redis.set('last-seen', Date.now());
  res.end();
});
app.get('/seen', async (req, res) => {
  const at = Number(await redis.get('last-seen'));
  res.json({ at, next: at + 1000 });
});",
    ),
    (
        "Redis: the atomic command and its answer",
        "app.js",
        "const express = require('express');
const { createClient } = require('redis');
const redis = createClient();
redis.on('error', console.error);
redis.connect().catch(console.error);
const app = express();
app.get('/', async (req, res) => {
  const visits = await redis.incr('visits');
  await redis.hIncrBy('pages', String(req.path), 1);
  res.send(`visitor ${visits}`);
});",
    ),
    (
        "a Map's get and set on a plain Map inside the handler",
        "app.js",
        "const express = require('express');
const app = express();
app.post('/tally', (req, res) => {
  const tally = new Map();
  for (const w of req.body.words) tally.set(w, (tally.get(w) || 0) + 1);
  res.json([...tally]);
});",
    ),
    (
        "package calls returning handles: a logger, multer, a router",
        "app.js",
        "const express = require('express');
const pino = require('pino');
const multer = require('multer');
const app = express();
const logger = pino();
const upload = multer();
const router = express.Router();
app.post('/level', upload.none(), (req, res) => {
  logger.level = req.body.level;
  router.stack.push(req.body.layer);
  res.end();
});",
    ),
    (
        "a relative module's object used through awaited set and delete",
        "app.js",
        "const express = require('express');
const { createCache } = require('./cache');
const app = express();
const cache = createCache();
app.post('/k', async (req, res) => {
  await cache.set(req.body.key, req.body.value);
  await cache.delete(req.body.old);
  res.end();
});",
    ),
    (
        "a let from a call reassigned to a new client",
        "app.js",
        "const express = require('express');
const { Pool } = require('pg');
const app = express();
let db = connect();
app.post('/reconnect', async (req, res) => {
  db = new Pool();
  res.end();
});",
    ),
    (
        "values from calls changed only at start-up, read in a handler",
        "app.js",
        "const express = require('express');
const app = express();
let port = Number(process.env.PORT);
if (!port) port = 3000;
const data = JSON.parse(require('fs').readFileSync('data.json', 'utf8'));
app.get('/', (req, res) => res.json(data[req.query.k]));
app.listen(port);",
    ),
    (
        "a module that only exports functions over a call result",
        "app.js",
        "const helpers = makeHelpers();
exports.format = (value) => helpers.format(value);
exports.parse = function (text) {
  return helpers.parse(text);
};",
    ),
    (
        "a package client reconnected in a handler",
        "app.js",
        "const express = require('express');
const { createClient } = require('redis');
const app = express();
let client = createClient();
app.post('/reset', async (req, res) => {
  await client.quit();
  client = createClient();
  await client.connect();
  res.end();
});",
    ),
    (
        "nested Maps filled at start-up and only read in a handler",
        "app.js",
        "const express = require('express');
const app = express();
const lobbies = new Map([['main', new Map([['players', new Map()]])]]);
lobbies.get('main').get('players').set('bot', 'Bot');
app.get('/lobbies/:id', (req, res) => {
  const lobby = lobbies.get(req.params.id);
  res.json({ players: [...lobby.get('players').values()] });
});",
    ),
    (
        "a part destructured from a stored value and only read",
        "app.js",
        "const express = require('express');
const app = express();
const lobbies = new Map();
app.get('/lobbies/:id', (req, res) => {
  const { players } = lobbies.get(req.params.id);
  res.json([...players].map((name) => name.trim()));
});",
    ),
    (
        "a per-request copy of a module-level object changed",
        "app.js",
        "const express = require('express');
const app = express();
const defaults = { theme: 'light', tags: [] };
app.get('/prefs', (req, res) => {
  const prefs = { ...defaults, tags: [...defaults.tags] };
  prefs.theme = req.query.theme;
  prefs.tags.push('mine');
  res.json(prefs);
});",
    ),
    (
        "forEach and find over a module-level array, reading only",
        "app.js",
        "const express = require('express');
const app = express();
const users = [{ id: 1, age: 30 }];
app.get('/ages', (req, res) => {
  let total = 0;
  users.forEach((user) => {
    total += user.age;
  });
  const found = users.find((u) => u.id === 1);
  res.json({ total, name: found.name });
});",
    ),
    (
        "a local name reassigned before it is written",
        "app.js",
        "const express = require('express');
const app = express();
const rooms = new Map();
app.post('/rooms/:id', (req, res) => {
  let room = rooms.get(req.params.id);
  room = { ...room, at: Date.now() };
  room.seen = true;
  res.json(room);
});",
    ),
    (
        "a setup function's locals used only during setup",
        "app.js",
        "module.exports = function registerRoutes(app) {
  const routes = [];
  routes.push('/a', '/b');
  const names = {};
  names.a = 'A';
  app.get('/routes', (req, res) => res.json({ routes, names }));
};",
    ),
    (
        "per-connection state in an exported socket.io setup function",
        "app.js",
        "module.exports = (io) => {
  io.on('connection', (socket) => {
    const joined = new Set();
    socket.on('join', (room) => {
      joined.add(room);
      socket.join(room);
    });
  });
};",
    ),
    (
        "per-request objects in an exported setup function",
        "app.js",
        "module.exports = function (app) {
  app.post('/sum', (req, res) => {
    const totals = {};
    for (const item of req.body) totals[item.kind] = (totals[item.kind] || 0) + item.n;
    res.json(totals);
  });
};",
    ),
    (
        "a setup function's Set written at start-up only",
        "app.js",
        "const net = require('net');
module.exports = (server) => {
  const clients = new Set();
  server.on('connection', (conn) => {
    conn.write('hello');
  });
  clients.add('startup');
};",
    ),
    (
        "numbers and copies taken from a Map's values",
        "app.js",
        "const express = require('express');
const app = express();
const counts = new Map();
app.get('/count/:k', (req, res) => {
  let n = counts.get(req.params.k) || 0;
  n++;
  const copy = Object.assign({}, counts.get('meta'));
  copy.read = true;
  res.json({ n, copy });
});",
    ),
    (
        "a local data module read in a handler",
        "app.js",
        "const app = require('express')();
const products = require('./data/products');
app.get('/products', (req, res) => {
  res.json(products.items.filter((p) => p.price < req.query.max));
});",
    ),
    (
        "a local module's data written at start-up",
        "app.js",
        "const app = require('express')();
const config = require('./config');
config.startedAt = Date.now();
config.routes.push('/health');
app.get('/health', (req, res) => res.json(config));",
    ),
    (
        "a per-request object made from a local module's class",
        "app.js",
        "const app = require('express')();
const Cart = require('./models/cart');
app.post('/cart', (req, res) => {
  const cart = new Cart();
  cart.items.push(req.body);
  res.json(cart);
});",
    ),
    (
        "a local module's Map-like method in a handler, the module not seen (a client's, perhaps)",
        "app.js",
        "const app = require('express')();
const cache = require('./cache');
app.put('/k/:key', async (req, res) => {
  await cache.set(req.params.key, req.body);
  res.sendStatus(204);
});",
    ),
];

#[test]
fn flags_every_invalid_case() {
    TESTER.test_invalid(INVALID);
}

#[test]
fn leaves_every_valid_case() {
    TESTER.test_valid(VALID);
    TESTER.test_valid_beside(VALID_BESIDE);
}

/// Request context must not count as lost on replace: it is wrong even on one server.
#[test]
fn request_context_only_diverges() {
    let code = case("module variable holding the current user");
    let found = TESTER.findings(code.code, code.file);
    assert_eq!(found[0].failures, vec![crate::Failure::DivergesOnScale]);
}

/// The one rewrite of the invalid case called `name`, applied.
fn rewritten_case(name: &str) -> String {
    let case = case(name);
    TESTER.only_rewrite(case.code, case.file)
}

/// The invalid case called `name`.
fn case(name: &str) -> &'static Invalid {
    INVALID
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no case `{name}`"))
}

#[test]
fn counter_moves_to_redis_in_a_commonjs_file() {
    let before = "const express = require('express');
const app = express();
let hits = 0;
app.get('/', (req, res) => {
  hits++;
  res.send('ok');
});
";
    let after = "const express = require('express');
const { createClient } = require('redis');
const redisClient = createClient({ url: process.env.REDIS_URL });
redisClient.on('error', (err) => console.error('Redis:', err.message));
redisClient.connect().catch(console.error);
const app = express();
app.get('/', async (req, res) => {
  await redisClient.incr('hits');
  res.send('ok');
});
";
    assert_eq!(TESTER.only_rewrite(before, "app.js"), after);
    assert!(TESTER.findings(after, "app.js").is_empty());
}

#[test]
fn counter_moves_to_redis_in_an_esm_file() {
    let before = "import express from 'express';
const app = express();
let hits = 0;
app.get('/', (req, res) => {
  hits++;
  res.json({ hits });
});
";
    let after = "import express from 'express';
import { createClient } from 'redis';
const redisClient = createClient({ url: process.env.REDIS_URL });
redisClient.on('error', (err) => console.error('Redis:', err.message));
redisClient.connect().catch(console.error);
const app = express();
app.get('/', async (req, res) => {
  const hits = await redisClient.incr('hits');
  res.json({ hits });
});
";
    assert_eq!(TESTER.only_rewrite(before, "app.mjs"), after);
    assert!(TESTER.findings(after, "app.mjs").is_empty());
}

#[test]
fn current_user_moves_to_res_locals() {
    let before = "const express = require('express');
const app = express();
let currentUser;
app.use((req, res, next) => {
  currentUser = req.user;
  next();
});
app.get('/me', (req, res) => res.json(currentUser));
";
    let after = "const express = require('express');
const app = express();

app.use((req, res, next) => {
  res.locals.currentUser = req.user;
  next();
});
app.get('/me', (req, res) => res.json(res.locals.currentUser));
";
    assert_eq!(TESTER.only_rewrite(before, "app.js"), after);
    assert!(TESTER.findings(after, "app.js").is_empty());
}

/// A helper made async returns a promise: the handler calling it must await it.
#[test]
fn helper_calls_are_awaited() {
    let after = rewritten_case("helper whose result a handler uses");
    assert!(
            after.contains("async function track() {\n  const hits = await redisClient.incr('hits');\n  return hits;")
                && after
                    .contains("app.get('/', async (req, res) => res.json({ n: await track() }));"),
            "{after}"
        );
}

/// `(await f()).x`: an awaited call used as an object keeps its parentheses.
#[test]
fn awaited_helper_call_keeps_precedence() {
    let code = "const express = require('express');
const app = express();
const names = [];
function remember(name) {
  names.push(name);
  return { count: names.length };
}
app.post('/n', (req, res) => res.json(remember(req.body.name).count));
";
    let after = TESTER.only_rewrite(code, "app.js");
    assert!(
        after.contains("res.json((await remember(req.body.name)).count)"),
        "{after}"
    );
    TESTER.assert_rewrites_fix(code, "app.js");
}

/// Every finding of the rule in `code` has a rewrite, and Apply all leaves none.
fn moves_everything(code: &str, file: &str) -> String {
    let found = TESTER.findings(code, file);
    assert!(!found.is_empty());
    assert!(
        found.iter().all(|d| !d.rewrites.is_empty()),
        "a finding without a rewrite:\n{}",
        describe(&found, code)
    );
    let after = apply_all(code, file);
    let left = TESTER.findings(&after, file);
    assert!(
        left.is_empty(),
        "{after}\nleft:\n{}",
        describe(&left, &after)
    );
    after
}

/// The URL shortener: `nextId` moves with `links`, so two instances never hand out
/// the same id, and the id is INCR's own answer.
#[test]
fn url_shortener_moves_links_and_next_id() {
    let code = include_str!("../../../../content/examples/global-state.js");
    let after = moves_everything(code, "global-state.js");
    assert!(
        after.contains("const id = (await redisClient.incr('nextId')).toString(36);"),
        "{after}"
    );
    assert!(
        after
            .contains("await redisClient.hSet('links', String(id), JSON.stringify(req.body.url));"),
        "{after}"
    );
    assert!(
        !after.contains("nextId++") && !after.contains("let nextId"),
        "{after}"
    );
}

/// The photo app: the counter's answer is INCR's return value, never a second read.
#[test]
fn photo_app_counter_uses_the_answer_of_incr() {
    let code = include_str!("../../../../content/examples/all-three.js");
    let after = moves_everything(code, "all-three.js");
    assert!(
        after.contains("const hits = await redisClient.incr('hits');"),
        "{after}"
    );
    assert!(!after.contains("redisClient.get('hits')"), "{after}");
    assert!(after.contains("res.json({ photo: JSON.parse(await redisClient.hGet('cache', String(req.params.id))), hits });"), "{after}");
}

/// Each state exercise's starter: Apply all moves all of its state.
#[test]
fn exercise_starters_move_all_their_state() {
    for exercise in crate::exercise::exercises() {
        if !exercise.rules.contains(&RULE) {
            continue;
        }
        let after = moves_everything(&exercise.starter, "app.js");
        let lost: Vec<_> = crate::lint(&after, &crate::LintOptions::for_file("app.js"))
            .diagnostics
            .into_iter()
            .filter(|d| d.failures.contains(&crate::Failure::LostUpdate))
            .collect();
        assert!(lost.is_empty(), "{}: {after}", exercise.id);
    }
}

/// `counts[k] = (counts[k] ?? 0) + 1` is one HINCRBY, and the handler answers with what
/// HINCRBY answered, not with a fresh HGET.
#[test]
fn object_field_counter_is_one_hincrby() {
    let code = "const express = require('express');
const app = express();
const downloads = {};
app.get('/files/:name', (req, res) => {
  downloads[req.params.name] = (downloads[req.params.name] ?? 0) + 1;
  res.json({ name: req.params.name, downloads: downloads[req.params.name] });
});
";
    let after = TESTER.only_rewrite(code, "app.js");
    assert!(
            after.contains("  const updatedDownloads = await redisClient.hIncrBy('downloads', String(req.params.name), 1);\n  res.json({ name: req.params.name, downloads: updatedDownloads });"),
            "{after}"
        );
    assert!(
        !after.contains("hGet") && !after.contains("hSet"),
        "{after}"
    );
}

/// What the rewrite of an invalid case must say, case by case.
const REWRITTEN: &[(&str, &[&str])] = &[
    // Hash fields are text for node-redis: a computed key goes through `String()`.
    (
        "module-level object written by key",
        &[
            "await redisClient.hSet('cache', String(req.params.id), JSON.stringify(req.query.v));",
            "JSON.parse(await redisClient.hGet('cache', String(req.params.id)))",
        ],
    ),
    // An object of objects: one hash per outer key, the inner counter one HINCRBY.
    (
        "object of objects counted per poll",
        &[
            "app.post('/polls/:id', async (req, res) => {\n  await redisClient.hIncrBy(`votes:${req.params.id}`, String(req.body.option), 1);",
            "redisClient.hGetAll(`votes:${req.params.id}`)",
        ],
    ),
    // `m.set(k, (m.get(k) || 0) + 1)` is one HINCRBY.
    (
        "Map counter",
        &["await redisClient.hIncrBy('perUser', String(req.body.user), 1);"],
    ),
    // A list the original keeps short stays short: RPUSH, then LTRIM to the same length.
    (
        "bounded list: push, then shift past the limit",
        &[
            "  await redisClient.rPush('recentVisits', JSON.stringify({ path: req.path, at: Date.now() }));\n  await redisClient.lTrim('recentVisits', -5, -1);\n",
        ],
    ),
    (
        "bounded list: slice to the last items",
        &["  await redisClient.lTrim('latest', -10, -1);\n"],
    ),
    // Redis keys start from nothing: a counter keeps its difference from the start value.
    (
        "let counter with a start value",
        &["  const slots = (await redisClient.decr('slots')) + 10;\n  res.json({ left: slots });"],
    ),
    // `visits = visits + 1` is an increment too, not a GET and a SET.
    (
        "counter read through a shorthand property",
        &["  const visits = await redisClient.incr('visits');\n  res.json({ visits });"],
    ),
];

#[test]
fn rewrites_use_the_atomic_commands_and_their_answers() {
    for (name, expected) in REWRITTEN {
        let after = rewritten_case(name);
        for text in *expected {
            assert!(
                after.contains(text),
                "case `{name}` lacks\n{text}\nin\n{after}"
            );
        }
    }
}

/// node-redis answers SISMEMBER with 1 or 0: the rewrite compares.
#[test]
fn set_membership_is_compared_with_one() {
    let code = "const express = require('express');
const app = express();
const banned = new Set();
app.post('/ban', (req, res) => {
  banned.add(req.body.ip);
  res.end();
});
app.use((req, res, next) => {
  if (banned.has(req.ip)) return res.sendStatus(403);
  next();
});
";
    let after = TESTER.only_rewrite(code, "app.js");
    assert!(
            after.contains("if (((await redisClient.sIsMember('banned', String(req.ip))) === 1)) return res.sendStatus(403);"),
            "{after}"
        );
}

/// `list.push(x)` then `list.length`: the length RPUSH answered, not a later LLEN
/// that other requests' pushes may already have changed.
#[test]
fn list_length_is_the_answer_of_rpush() {
    let code = "const express = require('express');
const app = express();
// Every entry so far, in this process's memory.
const entries = [];
app.post('/entries', (req, res) => {
  entries.push({ text: String(req.body.text) });
  res.status(201).json({ count: entries.length });
});
";
    let after = TESTER.only_rewrite(code, "app.js");
    assert!(
            after.contains("  const entriesLength = await redisClient.rPush('entries', JSON.stringify({ text: String(req.body.text) }));\n  res.status(201).json({ count: entriesLength });"),
            "{after}"
        );
    // The comment describing the removed variable goes with it.
    assert!(!after.contains("in this process's memory"), "{after}");
}

/// A callback that reads the answer already held stays synchronous.
#[test]
fn callbacks_reading_the_answer_stay_synchronous() {
    let code = "const express = require('express');
const app = express();
let served = 0;
app.post('/batch', (req, res) => {
  served += req.body.items.length;
  res.json(req.body.items.map((item) => ({ item, served })));
});
";
    let after = TESTER.only_rewrite(code, "app.js");
    assert!(
            after.contains("  const served = await redisClient.incrBy('served', req.body.items.length);\n  res.json(req.body.items.map((item) => ({ item, served })));"),
            "{after}"
        );
}

/// No rewrite of in-memory state leaves a read-modify-write of Redis behind.
#[test]
fn rewrites_never_read_modify_write() {
    for case in INVALID {
        for finding in TESTER.findings(case.code, case.file) {
            if finding.failures.contains(&crate::Failure::LostUpdate) {
                continue;
            }
            for rewrite in &finding.rewrites {
                let after = rewrite.apply(case.code);
                let lost: Vec<_> = TESTER
                    .findings(&after, case.file)
                    .into_iter()
                    .filter(|d| d.failures.contains(&crate::Failure::LostUpdate))
                    .collect();
                assert!(lost.is_empty(), "case `{}`:\n{after}", case.name);
            }
        }
    }
}

/// The shape the drill relies on: a warning about state in a backing service, lost
/// under concurrency, named by its key and tied to its routes.
#[test]
fn lost_update_finding_shape() {
    let case = case("get, add one, set back");
    let found = TESTER.findings(case.code, case.file);
    assert_eq!(found.len(), 1);
    let finding = &found[0];
    assert_eq!(finding.severity, crate::Severity::Warning);
    assert_eq!(finding.failures, vec![crate::Failure::LostUpdate]);
    let state = finding.state.as_ref().expect("state");
    assert_eq!(state.location, crate::StateLocation::BackingService);
    assert_eq!(
        (state.kind, state.name.as_str()),
        (StateKind::Counter, "visits")
    );
    assert_eq!(
        state
            .routes
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["GET /"]
    );
}

#[test]
fn lost_update_becomes_incr_and_uses_its_answer() {
    let after = rewritten_case("get, add one, set back");
    assert!(
            after.contains("app.get('/', async (req, res) => {\n  const visits = await redis.incr('visits');\n  res.send(`visitor ${visits}`);\n});"),
            "{after}"
        );
    let after = rewritten_case("get into a variable, set it plus one inline");
    assert!(
            after.contains("app.post('/jobs', async (req, res) => {\n  await client.incr('jobs:count');\n  res.sendStatus(202);"),
            "{after}"
        );
    let after = rewritten_case("hGet then hSet of the same field");
    assert!(
        after.contains(
            "  await redis.hIncrBy('likes', String(req.params.id), 1);\n  res.json({ ok: true });"
        ),
        "{after}"
    );
    // The value read is answered too: it becomes the value just before this update.
    let after = rewritten_case("the value read is also answered (ioredis)");
    assert!(
        after.contains(
            "  const before = Number((await redis.decr('tickets')) + 1);\n  res.json({ before });"
        ),
        "{after}"
    );
}

/// A setup function's state moves to Redis like module state; an ES module that only
/// exports (no `import` yet) gets an `import`, since `require` is not defined there.
#[test]
fn setup_function_state_in_an_export_only_module_is_imported() {
    let case = case("an array in a default-exported socket.io setup function");
    let after = TESTER.only_rewrite(case.code, case.file);
    assert!(
        after.starts_with("import { createClient } from 'redis';"),
        "{after}"
    );
    assert!(!after.contains("require("), "{after}");
    assert!(after.contains("await redisClient.rPush('messages'"), "{after}");
}

/// Shapes the rule follows into values stored inside a container: the state named is the
/// container declared outside the handlers, whatever name the write goes through.
#[test]
fn writes_through_stored_values_name_the_container() {
    for name in [
        "nested Maps reached through get() in socket.io handlers",
        "a stored object reached by key through a local name",
        "for…of over a Map's values in a socket.io handler",
        "Object.values(…).forEach changing each stored object",
    ] {
        let case = case(name);
        let found = TESTER.findings(case.code, case.file);
        let state = found[0].state.as_ref().expect("a state");
        assert!(
            ["lobbies", "rooms"].contains(&state.name.as_str()),
            "{name}: {}",
            describe(&found, case.code)
        );
    }
}

/// A Map of lists grown by appending becomes one Redis list per key: two appends at the
/// same moment both land, where a hash of whole arrays read and written back loses one.
#[test]
fn appending_to_a_list_in_a_map_is_one_rpush() {
    let code = "const app = require('express')();
const carts = new Map();
app.post('/cart', (req, res) => {
  const items = carts.get(req.session.id) || [];
  carts.set(req.session.id, [...items, req.body]);
  res.status(201).json(carts.get(req.session.id));
});
app.delete('/cart', (req, res) => {
  carts.delete(req.session.id);
  res.sendStatus(204);
});";
    let (after, _) = TESTER.first_rewrite(code, "app.js");
    assert!(
        after.contains("  await redisClient.rPush(`carts:${req.session.id}`, JSON.stringify(req.body));\n"),
        "{after}"
    );
    assert!(after.contains("await redisClient.del(`carts:${req.session.id}`)"), "{after}");
    assert!(!after.contains("hSet") && !after.contains("hGet"), "{after}");
}

/// A list read and then dropped by the same handler is taken in one MULTI: an item
/// appended between a separate read and drop would be dropped unread. A drop with no read
/// before it, or with another use of the key in between, stays a plain DEL.
#[test]
fn reading_then_dropping_a_list_takes_it_in_one_multi() {
    let code = "const app = require('express')();
const carts = new Map();
app.post('/cart', (req, res) => {
  carts.set(req.session.id, [...(carts.get(req.session.id) || []), req.body]);
  res.sendStatus(201);
});
app.post('/checkout', (req, res) => {
  const items = carts.get(req.session.id) || [];
  carts.delete(req.session.id);
  res.json({ items });
});
app.delete('/cart', (req, res) => {
  carts.delete(req.session.id);
  res.sendStatus(204);
});
app.post('/reset', (req, res) => {
  const had = carts.get(req.session.id) || [];
  carts.set(req.session.id, [...(carts.get(req.session.id) || []), 'reset']);
  carts.delete(req.session.id);
  res.json({ had });
});";
    let (after, _) = TESTER.first_rewrite(code, "app.js");
    let key = "`carts:${req.session.id}`";
    assert!(
        after.contains(&format!(
            "const items = (await redisClient.multi().lRange({key}, 0, -1).del({key}).exec())[0]"
        )),
        "{after}"
    );
    assert_eq!(after.matches("Dropped where it was read above").count(), 1, "{after}");
    // DELETE /cart and /reset keep their plain DEL.
    assert_eq!(after.matches(&format!("await redisClient.del({key})")).count(), 2, "{after}");
}
