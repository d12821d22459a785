// Browser benchmark of the built playground on a slow link (not a test): Chromium's
// network emulation at 1.6 Mbps down with 40 ms of latency, every file gzipped at level 9
// as a static host would serve it, a fresh cache per load. For each build given, the
// time from navigation to the first findings on screen (`first-findings`: on the loading
// screen when the build marks them there) and to the findings in the editor
// (`editor-findings`, or `first-findings` for a build from before the loading screen
// showed any), median of N loads, the builds in turn.
// Usage: node e2e/bench-slow-link.mjs [loads=3] <dist> [<dist> …]   (release builds)
import { resolve } from 'node:path';
import { launchBrowser, serveDist } from './harness.mjs';

const LOADS = Number(process.argv[2] ?? 3);
const dists = process.argv.slice(3).map((d) => resolve(d));
if (dists.length === 0) throw new Error('usage: node e2e/bench-slow-link.mjs [loads=3] <dist> [<dist> …]');

const LINK = { offline: false, latency: 40, downloadThroughput: 1.6e6 / 8, uploadThroughput: 0.8e6 / 8 };

async function load(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', LINK);
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => performance.getEntriesByName('editor-findings').length > 0
    || (!document.getElementById('boot') && performance.getEntriesByName('first-findings').length > 0), null, { timeout: 120_000 });
  const times = await page.evaluate(() => {
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime;
    return { first: at('first-findings'), editor: at('editor-findings') ?? at('first-findings') };
  });
  await context.close();
  return times;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const browser = await launchBrowser();
const servers = await Promise.all(dists.map((dist) => serveDist({ dist, gzip: true })));
try {
  const results = dists.map(() => ({ first: [], editor: [] }));
  for (let i = 0; i < LOADS; i++) {
    for (const [d, server] of servers.entries()) {
      const t = await load(browser, server.url);
      results[d].first.push(t.first);
      results[d].editor.push(t.editor);
    }
  }
  console.log(`1.6 Mbps, 40 ms latency, gzip -9, ${LOADS} fresh loads each, medians:`);
  for (const [d, dist] of dists.entries()) {
    const { first, editor } = results[d];
    console.log(`  ${dist}: first findings ${(median(first) / 1000).toFixed(2)} s, in the editor ${(median(editor) / 1000).toFixed(2)} s` +
      ` (loads: ${first.map((t) => (t / 1000).toFixed(2)).join(', ')} / ${editor.map((t) => (t / 1000).toFixed(2)).join(', ')})`);
  }
} finally {
  await browser.close();
  await Promise.all(servers.map((s) => s.close()));
}
