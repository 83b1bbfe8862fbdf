// Screenshots of the memory-model views (issue 5): the done-flag race with -race at its race
// step (clocks, happens-before graph, explanation, fixes) and the explorer on store
// buffering, desktop + phone, zh + en, light + dark. `node tests/e2e/hb-shots.mjs OUTDIR`
// with NODE_PATH and GOSCOPE_DIST as for e2e.mjs.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { base, serveDist } from './serve.mjs';

const require = createRequire(path.join(process.env.NODE_PATH || '.', 'noop.js'));
const { chromium } = require('playwright-core');
const out = path.resolve(process.argv[2] || 'docs/screenshots');
const dist = process.env.GOSCOPE_DIST || path.resolve('dist');
fs.mkdirSync(out, { recursive: true });
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const race = fs.readFileSync(path.join(root, 'crates/app/src/examples/done_flag_race.go'), 'utf8');
const sb = fs.readFileSync(path.join(root, 'tests/litmus/store_buffer.go'), 'utf8');

const server = await serveDist(dist, {});
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const errors = [];
try {
  for (const [name, viewport] of [['desktop', { width: 1440, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
    for (const locale of ['zh-CN', 'en-US']) {
      for (const colorScheme of ['light', 'dark']) {
        const context = await browser.newContext({ viewport, locale, colorScheme });
        const page = await context.newPage();
        page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(origin + base);
        await page.waitForSelector('[data-testid=editor]');
        await page.fill('[data-testid=editor]', race);
        await page.check('[data-testid=race]');
        await page.check('[data-testid=view-clocks]');
        await page.click('[data-testid=run]');
        await page.waitForSelector('[data-testid=race-item]', { timeout: 60000 });
        await page.click('[data-testid=jump-race]');
        await page.waitForTimeout(600);
        const tag = `${name}-${locale.slice(0, 2)}-${colorScheme}`;
        await (await page.$('[data-testid=clocks]')).screenshot({ path: path.join(out, `clocks-${tag}.png`) });
        await (await page.$('[data-testid=hb]')).screenshot({ path: path.join(out, `hb-${tag}.png`) });
        await (await page.$('[data-testid=race-panel]')).screenshot({ path: path.join(out, `race-${tag}.png`) });
        await page.fill('[data-testid=editor]', sb);
        await page.click('[data-testid=explore-start]');
        await page.waitForSelector('[data-testid=explorer-status]', { timeout: 120000 });
        await (await page.$('[data-testid=explorer]')).screenshot({ path: path.join(out, `explorer-${tag}.png`) });
        console.log(`wrote ${tag}`);
        await context.close();
      }
    }
  }
  const context = await browser.newContext({ viewport: { width: 800, height: 900 }, colorScheme: 'light' });
  const page = await context.newPage();
  await page.goto(origin + base + '#/embed/race?program=seed-done-flag-race&seed=3&step=1018&lang=zh');
  await page.waitForSelector('[data-testid=race-item]', { timeout: 60000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(out, 'embed-race.png'), fullPage: true });
  await context.close();
} finally {
  await browser.close();
  server.close();
}
console.log(errors.length ? `console errors: ${errors.join('\n')}` : 'no console errors');
