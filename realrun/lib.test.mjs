//! Tests of the suite's own parts that decide a verdict without running an app: the package
//! check, the readers, the object-URL mapping and the app list.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checksumMismatch, read } from './lib/checks.mjs';
import { ObjectStore } from './lib/services.mjs';
import { importedPackages, listApps, packageProblems } from './lib/sources.mjs';

test('a package the suite does not install, or one at another major, is a problem', () => {
  const code = "const x = require('left-pad');\nimport { RedisStore } from 'connect-redis';\nconst fs = require('node:fs');";
  assert.deepEqual(importedPackages(code), ['connect-redis', 'left-pad']);
  assert.deepEqual(packageProblems(code, []), ['imports left-pad, which realrun/package.json does not list']);
  assert.deepEqual(packageProblems('', [{ name: 'connect-redis', major: '10' }]), ['needs connect-redis@10, realrun installs connect-redis@9']);
  assert.deepEqual(packageProblems('', [{ name: 'ioredis-mock', major: '8' }]), ['needs ioredis-mock@8, realrun installs nothing of that name']);
  assert.deepEqual(packageProblems("require('@aws-sdk/client-s3/dist')", [{ name: 'redis', major: '6' }]), []);
});

test('readers take JSON paths, numbers out of text, and headers', () => {
  const answer = { json: { cart: ['apple'], n: 3 }, text: 'You are visitor number 42.', headers: new Headers({ location: '/x' }) };
  assert.equal(read(answer, { json: 'cart.0' }), 'apple');
  assert.equal(read(answer, { json: 'cart.length' }), 1);
  assert.equal(read(answer, { json: 'missing.deep' }), undefined);
  assert.equal(read(answer, { text: /visitor number (\d+)/ }), 42);
  assert.equal(read(answer, { header: 'location' }), '/x');
});

test('object URLs of the test store map to path style; other URLs do not', () => {
  const store = new ObjectStore(4000, '/nonexistent', 'bucket');
  assert.equal(store.pathStyle('http://bucket.127.0.0.1:4000/avatars/a.png'), 'http://127.0.0.1:4000/bucket/avatars/a.png');
  assert.equal(store.pathStyle('http://127.0.0.1:4000/bucket/k?x=1'), 'http://127.0.0.1:4000/bucket/k?x=1');
  assert.equal(store.pathStyle('http://127.0.0.1:4001/bucket/k'), null);
  assert.equal(store.pathStyle('https://bucket.s3.amazonaws.com/k'), null);
});

test('every app has a scenario that names why its original fails', async () => {
  const apps = listApps();
  assert.equal(apps.filter((a) => a.source.startsWith('content/examples/')).length, 8);
  // The multi-file example is one app: its folder, started from app.js.
  const shop = apps.find((a) => a.id === 'shop');
  assert.equal(shop.entry, 'app.js');
  assert.ok(shop.variants.original['models/cart.js'].includes('new Map()'));
  for (const app of apps) {
    const { default: scenario } = await import(`./scenarios/${app.id}.mjs`);
    const kinds = ['session', 'upload', 'counter', 'adds', 'takes'].filter((k) => scenario[k]);
    assert.ok(kinds.length > 0, `${app.id}: the scenario checks no kind of state`);
    if (!scenario.control) {
      const reasons = Object.entries(scenario.original ?? {});
      assert.ok(reasons.length > 0, `${app.id}: no reason the original must fail`);
      for (const [check, reason] of reasons) {
        assert.ok(kinds.includes(check), `${app.id}: the original must fail ${check}, which the scenario does not check`);
        assert.ok(reason instanceof RegExp, `${app.id}: the reason for ${check} is not a pattern`);
      }
    }
  }
});

test('a presigned URL whose signed CRC32 does not match the file is refused, as checking stores do', () => {
  const bytes = Buffer.from('hello');
  const base = 'http://127.0.0.1:4000/bucket/k?X-Amz-Signature=abc';
  assert.match(checksumMismatch(`${base}&x-amz-checksum-crc32=AAAAAA%3D%3D`, bytes), /BadDigest/);
  // CRC32("hello") = 0x3610a686
  assert.equal(checksumMismatch(`${base}&x-amz-checksum-crc32=NhCmhg%3D%3D`, bytes), null);
  assert.equal(checksumMismatch(base, bytes), null);
});
