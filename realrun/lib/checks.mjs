//! The run-time checks, one per kind of state, driven by an app's scenario
//! (realrun/scenarios/<id>.mjs). Each check answers { ok, detail }; a failure's detail says
//! what was sent where and what came back, so a rule owner can act on it.

import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { errorLines, lastLines } from './pair.mjs';

const REQUEST_TIMEOUT_MS = 20000;
export const COUNTER_HITS = 100;
export const CONCURRENT_ADDS = 50;
export const REDIS_RECOVERY_MS = 10000;

/**
 * The file every upload sends: a PNG signature and header (so that content sniffing, as
 * multer-s3's AUTO_CONTENT_TYPE does, sees a PNG) followed by random bytes, so that a
 * byte-for-byte comparison means something.
 */
export function makeTestFile() {
  const header = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  return { name: 'photo.png', type: 'image/png', bytes: Buffer.concat([header, randomBytes(4096)]) };
}

class CookieJar {
  cookies = new Map();

  take(response) {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1));
    }
  }

  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** The scenario's state of one run: the cookie jar, the test file and what was stored. */
export class RunContext {
  constructor({ pair, redis, store, scenario }) {
    Object.assign(this, { pair, redis, store, scenario });
    this.jar = new CookieJar();
    this.file = makeTestFile();
    this.stored = {};
  }
}

// ---------------------------------------------------------------------------------------
// Requests

/**
 * Sends a scenario request ({ method, path, json, headers, file: 'field', fields,
 * anonymous }) to an instance, with the run's cookies (none with `anonymous`). Never
 * throws: a failed connection becomes status 0.
 */
export async function send(ctx, instance, spec) {
  const headers = { ...spec.headers };
  let body;
  if (spec.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(spec.json);
  }
  if (spec.file) {
    body = new FormData();
    for (const [name, value] of Object.entries(spec.fields ?? {})) body.append(name, value);
    body.append(spec.file, new Blob([ctx.file.bytes], { type: ctx.file.type }), ctx.file.name);
  }
  // `anonymous`: a visitor of its own, without the run's cookies (and not keeping any).
  const cookie = spec.anonymous ? '' : ctx.jar.header();
  if (cookie) headers.cookie = cookie;
  const what = `${spec.method ?? 'GET'} ${spec.path} on ${instance.name}`;
  try {
    const response = await fetch(instance.base + spec.path, {
      method: spec.method ?? 'GET', headers, body, redirect: 'manual', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (!spec.anonymous) ctx.jar.take(response);
    const answer = await answerOf(what, response);
    // A 5xx page says little in production; the error the app logged says why.
    if (answer.status >= 500) answer.logged = `${instance.name} logged: ${errorLines(instance.child.output(), { latest: true })}`;
    return answer;
  } catch (err) {
    const death = instance.death?.();
    return { what, status: 0, ok: false, text: death ?? `${err.cause?.code ?? err.name}: ${err.message}`, headers: new Headers() };
  }
}

async function answerOf(what, response) {
  const bytes = Buffer.from(await response.arrayBuffer());
  const text = bytes.toString('utf8');
  let json;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  const ok = response.status >= 200 && response.status < 300;
  return { what, status: response.status, ok, headers: response.headers, bytes, text, json };
}

/** `{ json: 'a.b' }`, `{ text: /…(\d+)/ }` (a number) or `{ header: 'location' }`. */
export function read(answer, reader) {
  if (reader.json !== undefined) {
    return reader.json.split('.').filter(Boolean).reduce((value, key) => value?.[key], answer.json);
  }
  if (reader.text) {
    const match = answer.text?.match(reader.text);
    return match ? Number(match[1]) : undefined;
  }
  if (reader.header) return answer.headers.get(reader.header);
  throw new Error(`unknown reader ${JSON.stringify(reader)}`);
}

function describe(answer) {
  const body = lastLines(answer.text ?? '', 3).slice(0, 200);
  return `${answer.what} answered ${answer.status || 'no response'}: ${body}${answer.logged ? ` [${answer.logged}]` : ''}`;
}

/** Compares what `expect` reads from the answer ({ ...reader, equals, status }). */
function expectAnswer(answer, expect) {
  if (expect.status !== undefined ? answer.status !== expect.status : !answer.ok) {
    return `${describe(answer)} (expected ${expect.status ?? 'a 2xx status'})`;
  }
  if (expect.equals === undefined) return null;
  const actual = read(answer, expect);
  // JSON numbers and the strings Redis hashes hand back compare as the same count.
  const same = typeof expect.equals === 'number' ? Number(actual) === expect.equals : actual === expect.equals;
  if (same) return null;
  return `${answer.what} answered ${answer.status}, ${readerName(expect)} = ${JSON.stringify(actual)}, expected ${JSON.stringify(expect.equals)}`;
}

function readerName(reader) {
  return reader.json !== undefined ? `"${reader.json}"` : reader.header ? `header ${reader.header}` : `text ${reader.text}`;
}

const pass = (detail) => ({ ok: true, detail });
const fail = (detail) => ({ ok: false, detail });
/** For checks that look again at what earlier checks stored, when none of them could. */
const notRun = { skip: 'not run: no earlier check of this app got its state stored' };

/** Instance A for even items, B for odd ones. */
const spread = (ctx, i) => (i % 2 === 0 ? ctx.pair.a : ctx.pair.b);

// ---------------------------------------------------------------------------------------
// Sessions: log in on A, B knows the session.

export async function session(ctx) {
  const { login, probe } = ctx.scenario.session;
  const answer = await send(ctx, ctx.pair.a, login);
  if (!answer.ok) return fail(`log-in: ${describe(answer)}`);
  const problem = expectAnswer(await send(ctx, ctx.pair.b, probe.request), probe.expect);
  if (problem) return fail(problem);
  ctx.stored.session = true;
  return pass(`logged in on A, ${probe.request.method ?? 'GET'} ${probe.request.path} on B sees it`);
}

// ---------------------------------------------------------------------------------------
// Uploads: the file comes back byte for byte, with its Content-Type.

/**
 * Uploads the test file through an instance. With `presign` in the scenario the app is
 * first asked for an upload URL (the direct-to-bucket design); if it hands one out, the
 * file is PUT there; otherwise it is posted as multipart form data.
 */
async function uploadThrough(ctx, instance) {
  const { request, presign } = ctx.scenario.upload;
  if (presign) {
    const answer = await send(ctx, instance, presign.request);
    const url = answer.ok ? read(answer, { json: presign.url }) : undefined;
    if (typeof url === 'string') {
      const target = ctx.store.pathStyle(url) ?? url;
      const what = `PUT to the presigned URL from ${answer.what}`;
      const mismatch = checksumMismatch(url, ctx.file.bytes);
      if (mismatch) return { what, status: 400, ok: false, text: mismatch };
      try {
        const put = await fetch(target, {
          method: 'PUT', body: ctx.file.bytes, headers: { 'content-type': ctx.file.type }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        const putAnswer = await answerOf(what, put);
        return putAnswer.ok ? answer : putAnswer;
      } catch (err) {
        return { what, status: 0, ok: false, text: `${err.cause?.code ?? err.name}: ${err.message}` };
      }
    }
  }
  return send(ctx, instance, request);
}

/**
 * A presigned URL can carry a signed checksum of the body (recent SDK 3 releases sign the
 * CRC32 of an empty body unless the client says `requestChecksumCalculation:
 * 'WHEN_REQUIRED'`). Object stores that check it (Cloudflare R2 and SeaweedFS, per
 * their reports) refuse a PUT whose body does not match; s3rver does not check, so the
 * suite does.
 */
export function checksumMismatch(url, bytes) {
  const signed = new URLSearchParams(url.split('?')[1] ?? '').get('x-amz-checksum-crc32');
  if (!signed) return null;
  const actual = Buffer.alloc(4);
  actual.writeUInt32BE(crc32(bytes));
  if (signed === actual.toString('base64')) return null;
  return `BadDigest: the presigned URL carries x-amz-checksum-crc32=${signed}, the file's CRC32 is ${actual.toString('base64')}; stores that check it refuse this PUT (s3rver does not, the suite does)`;
}

/** Reads back a stored file by what the app answered: a URL, a path on the app, or a key. */
async function fetchStored(ctx, locator, through) {
  if (/^https?:\/\//.test(locator)) {
    const url = ctx.store.pathStyle(locator) ?? locator;
    try {
      return await answerOf(`GET ${locator}`, await fetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }));
    } catch (err) {
      return { what: `GET ${locator}`, status: 0, ok: false, text: err.message };
    }
  }
  if (locator.startsWith('/')) return send(ctx, through, { method: 'GET', path: locator });
  const what = `bucket object '${locator}'`;
  try {
    const object = await ctx.store.getObject(locator);
    return { what, status: 200, ok: true, bytes: object.body, headers: new Headers({ 'content-type': object.contentType ?? '' }), text: '' };
  } catch (err) {
    return { what, status: err.$metadata?.httpStatusCode ?? 0, ok: false, text: err.name };
  }
}

function compareStored(ctx, answer) {
  if (!answer.ok) return `${describe(answer)}`;
  if (!answer.bytes.equals(ctx.file.bytes)) return `${answer.what}: ${answer.bytes.length} bytes that differ from the ${ctx.file.bytes.length} uploaded`;
  const type = (answer.headers.get('content-type') ?? '').split(';')[0].trim();
  if (type !== ctx.file.type) return `${answer.what}: Content-Type ${JSON.stringify(type)}, uploaded as ${ctx.file.type}`;
  return null;
}

function locatorOf(ctx, answer) {
  const field = ctx.scenario.upload.locate.find((name) => typeof answer.json?.[name] === 'string' && answer.json[name]);
  return field ? answer.json[field] : undefined;
}

export async function upload(ctx) {
  const answer = await uploadThrough(ctx, ctx.pair.a);
  if (!answer.ok) return fail(`upload: ${describe(answer)}`);
  const locator = locatorOf(ctx, answer);
  if (!locator) return fail(`${answer.what} answered ${answer.status} without any of ${ctx.scenario.upload.locate.join(', ')}: ${answer.text.slice(0, 200)}`);
  const problem = compareStored(ctx, await fetchStored(ctx, locator, ctx.pair.b));
  if (problem) return fail(problem);
  ctx.stored.upload = locator;
  return pass(`uploaded on A, read back ${locator.startsWith('/') ? 'through B' : 'from the bucket'}: ${locator}`);
}

// ---------------------------------------------------------------------------------------
// Counters and adds under concurrency.

/** Problems with numbers that should be `count` distinct values in a row. */
function inARow(values, count, what) {
  if (values.some((v) => !Number.isFinite(v))) return `${what}: not all answers carried a number (${JSON.stringify(values.slice(0, 5))}…)`;
  const distinct = new Set(values).size;
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (distinct === count && max - min + 1 === count) return null;
  return `${what} gave ${distinct} distinct values between ${min} and ${max}; expected ${count} in a row`;
}

export async function counter(ctx) {
  const { hit, value, runningTotal } = ctx.scenario.counter;
  if (runningTotal) return counterRunningTotal(ctx);
  const answers = await Promise.all(Array.from({ length: COUNTER_HITS }, (_, i) => send(ctx, spread(ctx, i), hit)));
  const failed = answers.find((a) => !a.ok);
  if (failed) return fail(`${answers.filter((a) => !a.ok).length} of ${COUNTER_HITS} hits failed, e.g. ${describe(failed)}`);
  const values = answers.map((a) => Number(read(a, value)));
  const problem = inARow(values, COUNTER_HITS, `${COUNTER_HITS} concurrent ${hit.method ?? 'GET'} ${hit.path} over A and B`);
  if (problem) return fail(problem);
  ctx.stored.counter = Math.max(...values);
  return pass(`${COUNTER_HITS} concurrent hits: ${Math.min(...values)}..${ctx.stored.counter}, all distinct`);
}

/**
 * A counter whose answer is the total at the time the handler reads it, not the request's
 * own increment (the increment happens in an earlier middleware, and other requests run
 * between the two even in one process): concurrent answers may repeat, but no update may
 * be lost, so a hit after the burst must answer exactly one more than every hit so far.
 */
async function counterRunningTotal(ctx) {
  const { hit, value } = ctx.scenario.counter;
  const before = await send(ctx, ctx.pair.a, hit);
  if (!before.ok) return fail(`first hit: ${describe(before)}`);
  const start = Number(read(before, value));
  const answers = await Promise.all(Array.from({ length: COUNTER_HITS }, (_, i) => send(ctx, spread(ctx, i), hit)));
  const failed = answers.find((a) => !a.ok);
  if (failed) return fail(`${answers.filter((a) => !a.ok).length} of ${COUNTER_HITS} hits failed, e.g. ${describe(failed)}`);
  const after = await send(ctx, ctx.pair.b, hit);
  if (!after.ok) return fail(`last hit: ${describe(after)}`);
  const total = Number(read(after, value));
  const expected = start + COUNTER_HITS + 1;
  const what = `a hit on A, ${COUNTER_HITS} concurrent ${hit.method ?? 'GET'} ${hit.path} over A and B, a hit on B`;
  if (total !== expected) return fail(`${what}: the last answered ${total}, expected ${expected} (updates lost or kept apart)`);
  ctx.stored.counter = total;
  return pass(`${what}: running total ${start}..${total}, no update lost`);
}

/** Checks every add (`ids`, one per add) is visible: per item (`verify`) and/or as a total. */
async function verifyAdds(ctx, ids, instanceFor) {
  const { verify, total } = ctx.scenario.adds;
  const problems = [];
  if (verify) {
    const results = await Promise.all(ids.map(async (id, i) => {
      const { request, expect } = verify(id, i);
      return expectAnswer(await send(ctx, instanceFor(i), request), expect);
    }));
    const failed = results.filter(Boolean);
    if (failed.length) problems.push(`${failed.length} of ${results.length} adds not found, e.g. ${failed[0]}`);
  }
  if (total) {
    for (const instance of [ctx.pair.a, ctx.pair.b]) {
      const problem = expectAnswer(await send(ctx, instance, total.request), total.expect);
      if (problem) problems.push(problem);
    }
  }
  return problems.length ? problems.join('; ') : null;
}

export async function adds(ctx) {
  const { add, id, value } = ctx.scenario.adds;
  const answers = await Promise.all(Array.from({ length: CONCURRENT_ADDS }, (_, i) => send(ctx, spread(ctx, i), add(i))));
  const failed = answers.find((a) => !a.ok);
  if (failed) return fail(`${answers.filter((a) => !a.ok).length} of ${CONCURRENT_ADDS} adds failed, e.g. ${describe(failed)}`);
  const what = `${CONCURRENT_ADDS} concurrent adds over A and B`;
  const ids = answers.map((a) => (id ? read(a, id) : undefined));
  if (id) {
    const distinct = new Set(ids.map(String)).size;
    if (distinct !== ids.length) return fail(`${what} returned ${distinct} distinct ids (${[...new Set(ids)].slice(0, 6).join(', ')}…)`);
  }
  if (value) {
    const problem = inARow(answers.map((a) => Number(read(a, value))), CONCURRENT_ADDS, what);
    if (problem) return fail(problem);
  }
  // Each add is looked for on the instance that did not receive it.
  const problem = await verifyAdds(ctx, ids, (i) => spread(ctx, i + 1));
  if (problem) return fail(problem);
  ctx.stored.adds = ids;
  return pass(`${what}: ${id ? 'ids distinct, ' : ''}every one visible on both`);
}

// ---------------------------------------------------------------------------------------
// Takes: items added from one session while others take them out (a cart checked out
// while items are put in it). Every item must be taken exactly once.

export async function takes(ctx) {
  const { add, take, items, id } = ctx.scenario.takes;
  const sent = [];
  for (let i = 0; i < CONCURRENT_ADDS; i += 1) {
    sent.push(send(ctx, spread(ctx, i), add(i)).then((answer) => ({ take: false, answer })));
    // A take after every fifth add, sent at the same moment, on the other instance.
    if (i % 5 === 4) sent.push(send(ctx, spread(ctx, i + 1), take).then((answer) => ({ take: true, answer })));
  }
  const answers = await Promise.all(sent);
  const failed = answers.find(({ answer }) => !answer.ok);
  if (failed) return fail(`${answers.filter(({ answer }) => !answer.ok).length} of ${answers.length} requests failed, e.g. ${describe(failed.answer)}`);
  // What is left is taken last.
  const last = await send(ctx, ctx.pair.a, take);
  if (!last.ok) return fail(`the last take: ${describe(last)}`);
  const taken = [...answers.filter((x) => x.take).map((x) => x.answer), last]
    .flatMap((answer) => read(answer, items) ?? [])
    .map(id);
  const added = Array.from({ length: CONCURRENT_ADDS }, (_, i) => id(add(i).json));
  const lost = added.filter((item) => !taken.includes(item));
  const twice = added.filter((item) => taken.filter((t) => t === item).length > 1);
  const what = `${CONCURRENT_ADDS} items added over A and B while ${answers.length - CONCURRENT_ADDS} takes ran`;
  if (lost.length || twice.length) {
    return fail(`${what}: ${lost.length} never taken (${lost.slice(0, 4).join(', ')}${lost.length > 4 ? '…' : ''}), ${twice.length} taken twice`);
  }
  return pass(`${what}: each taken exactly once`);
}

// ---------------------------------------------------------------------------------------
// Replacing an instance

/** Kills A, starts a fresh A in a new empty folder, and looks for what the checks stored. */
export async function replace(ctx) {
  const kinds = Object.keys(ctx.stored);
  if (kinds.length === 0) return notRun;
  await ctx.pair.replaceA();
  const a = ctx.pair.a;
  const problems = [];
  // The counter first: other probes (a log-in check that posts) may count as hits.
  if (ctx.stored.counter !== undefined) {
    const answer = await send(ctx, a, ctx.scenario.counter.hit);
    const next = Number(read(answer, ctx.scenario.counter.value));
    if (!answer.ok) problems.push(`counter: ${describe(answer)}`);
    else if (next !== ctx.stored.counter + 1) problems.push(`counter: the next hit on the fresh A gave ${next}, expected ${ctx.stored.counter + 1}`);
  }
  if (ctx.stored.adds) {
    const problem = await verifyAdds(ctx, ctx.stored.adds, () => a);
    if (problem) problems.push(`adds: ${problem}`);
  }
  if (ctx.stored.upload) {
    const problem = compareStored(ctx, await fetchStored(ctx, ctx.stored.upload, a));
    if (problem) problems.push(`upload: ${problem}`);
  }
  if (ctx.stored.session) {
    const problem = expectAnswer(await send(ctx, a, ctx.scenario.session.probe.request), ctx.scenario.session.probe.expect);
    if (problem) problems.push(`session: ${problem}`);
  }
  return problems.length ? fail(problems.join('; ')) : pass(`fresh A still has: ${kinds.join(', ')}`);
}

// ---------------------------------------------------------------------------------------
// Restarting Redis

/**
 * One small round of every kind of state that worked before: Redis restarted without
 * persistence, so what counts is that both instances work again, not the old values.
 */
async function smallRound(ctx) {
  const { scenario, pair, stored } = ctx;
  if (stored.session) {
    ctx.jar = new CookieJar();
    const login = await send(ctx, pair.a, scenario.session.login);
    if (!login.ok) return `log-in: ${describe(login)}`;
    const problem = expectAnswer(await send(ctx, pair.b, scenario.session.probe.request), scenario.session.probe.expect);
    if (problem) return problem;
  }
  if (stored.counter !== undefined) {
    const first = await send(ctx, pair.a, scenario.counter.hit);
    const second = await send(ctx, pair.b, scenario.counter.hit);
    for (const answer of [first, second]) if (!answer.ok) return describe(answer);
    const [x, y] = [first, second].map((a) => Number(read(a, scenario.counter.value)));
    if (y !== x + 1) return `counter: a hit on A gave ${x}, the next on B ${y}`;
  }
  if (stored.adds) {
    const answer = await send(ctx, pair.a, scenario.adds.add(CONCURRENT_ADDS));
    if (!answer.ok) return describe(answer);
    if (scenario.adds.verify) {
      const { request, expect } = scenario.adds.verify(scenario.adds.id ? read(answer, scenario.adds.id) : undefined, CONCURRENT_ADDS);
      const problem = expectAnswer(await send(ctx, pair.b, request), expect);
      if (problem) return problem;
    }
  }
  if (stored.upload) {
    const answer = await uploadThrough(ctx, pair.a);
    if (!answer.ok) return `upload: ${describe(answer)}`;
    const locator = locatorOf(ctx, answer);
    const problem = locator ? compareStored(ctx, await fetchStored(ctx, locator, pair.b)) : 'upload answered no locator';
    if (problem) return problem;
  }
  return null;
}

export async function redisRestart(ctx) {
  if (Object.keys(ctx.stored).length === 0) return notRun;
  await ctx.redis.restart();
  const started = Date.now();
  let problem = 'not tried';
  while (Date.now() - started < REDIS_RECOVERY_MS) {
    const death = ctx.pair.a.death() ?? ctx.pair.b.death();
    if (death) return fail(death);
    problem = await smallRound(ctx);
    if (!problem) {
      const death = ctx.pair.a.death() ?? ctx.pair.b.death();
      if (death) return fail(death);
      return pass(`both instances answered correctly ${((Date.now() - started) / 1000).toFixed(1)} s after the restart`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return fail(`still wrong ${REDIS_RECOVERY_MS / 1000} s after the restart: ${problem}`);
}

// ---------------------------------------------------------------------------------------
// The object store down

export async function storeDown(ctx) {
  await ctx.store.stop();
  const answer = await uploadThrough(ctx, ctx.pair.a);
  const death = ctx.pair.a.death();
  if (death) return fail(`with the object store down: ${death}`);
  if (answer.ok) return fail(`with the object store down, ${answer.what} answered ${answer.status}: ${answer.text.slice(0, 200)}`);
  return pass(`with the object store down the upload answered ${answer.status || 'a failed connection'}`);
}

/** The run-time checks in the order they run; each applies when its scenario part exists. */
export const RUNTIME_CHECKS = [
  { name: 'session', applies: (s) => Boolean(s.session), run: session },
  { name: 'upload', applies: (s) => Boolean(s.upload), run: upload },
  { name: 'counter', applies: (s) => Boolean(s.counter), run: counter },
  { name: 'adds', applies: (s) => Boolean(s.adds), run: adds },
  { name: 'replace', applies: () => true, run: replace },
  { name: 'redis-restart', applies: () => true, run: redisRestart },
  { name: 'store-down', applies: (s) => Boolean(s.upload), run: storeDown },
  // Last: it empties what the counter and replace checks count.
  { name: 'takes', applies: (s) => Boolean(s.takes), run: takes },
];
