// End-to-end check of the built site (dist/), run by `cargo xtask test`.
//
// Serves dist/ on loopback under a sub-path (the site must work from any static host, under
// any sub-path, without rewrites), drives it with playwright-core in Debian's Chromium, and
// fails on any console error, page error or failed request.
//
//   node tests/e2e/e2e.mjs check        assertions (the default)
//   node tests/e2e/e2e.mjs screenshots  PNGs into docs/screenshots/ (desktop + phone, zh + en, light + dark;
//                                       GOSCOPE_SHOTS=playground|embed|operator|api|modules|gc|values for one page only)
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { base, serveDist } from './serve.mjs';

const require = createRequire(path.join(process.env.NODE_PATH || '.', 'noop.js'));
const { chromium } = require('playwright-core');

const mode = process.argv[2] || 'check';
const dist = process.env.GOSCOPE_DIST || path.resolve('dist');
// What a strict host sends (see xtask/src/release.rs, which also puts it in index.html).
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

const failures = [];
function fail(msg) { failures.push(msg); console.error(`  FAIL ${msg}`); }
function pass(msg) { console.log(`  ok   ${msg}`); }

async function openPage(browser, origin, opts = {}) {
  const context = await browser.newContext({
    viewport: opts.viewport || { width: 1280, height: 800 },
    locale: opts.locale || 'en-US',
    colorScheme: opts.colorScheme || 'light',
  });
  const page = await context.newPage();
  const problems = [];
  // Console messages and errors of every frame (widgets are iframes) arrive here.
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.goto(origin + base + (opts.path || '') + (opts.hash || ''));
  if (!opts.path) await page.waitForSelector('[data-testid=editor]', { timeout: 30000 }).catch(() => {});
  return { context, page, problems };
}

async function editorRun(page, program) {
  await page.fill('[data-testid=editor]', program);
  await page.click('[data-testid=run]');
  await page.waitForFunction(
    () => !document.querySelector('[data-testid=stop]'),
    null, { timeout: 30000 },
  );
  return (await page.textContent('[data-testid=output]')) || '';
}

async function check(browser, origin) {
  // Desktop, English.
  {
    const { context, page, problems } = await openPage(browser, origin, { locale: 'en-US' });
    const out = await editorRun(page, 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("hello, 世界")\n}\n');
    out.includes('hello, 世界') ? pass('hello program prints hello, 世界') : fail(`hello output was ${JSON.stringify(out)}`);
    const bad = await editorRun(page, 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("hi"\n}\n');
    /prog\.go:6:\d+: syntax error/.test(bad) ? pass('syntax error shown as prog.go:L:C') : fail(`syntax error output was ${JSON.stringify(bad)}`);
    const unused = await editorRun(page, 'package main\n\nfunc main() {\n\tx := 1\n}\n');
    unused.includes('prog.go:4:2: declared and not used: x') ? pass('checker diagnostic shown') : fail(`unused output was ${JSON.stringify(unused)}`);
    // Autosave survives a reload.
    await page.fill('[data-testid=editor]', 'package main\n\nfunc main() {\n\tprintln("kept")\n}\n');
    await page.waitForTimeout(1200);
    await page.reload();
    await page.waitForSelector('[data-testid=editor]');
    const kept = await page.inputValue('[data-testid=editor]');
    kept.includes('println("kept")') ? pass('program text survives reload') : fail('autosave lost the program');
    // A lab is its own wasm module, fetched when its route opens; it follows the page's language.
    await page.goto(origin + base + '#/labs/saga');
    const labLoaded = await page.waitForSelector('[data-testid=saga-run]', { timeout: 30000 }).then(() => true, () => false);
    labLoaded ? pass('saga lab module loads on #/labs/saga') : fail('saga lab module did not render');
    if (labLoaded) {
      const before = (await page.textContent('[data-testid=saga-run]')) || '';
      await page.click('[data-testid=lang-switch]');
      await page.waitForTimeout(300);
      const after = (await page.textContent('[data-testid=saga-run]')) || '';
      before !== after ? pass(`lab follows the language switch (${before.trim()} → ${after.trim()})`) : fail('lab did not follow the language switch');
      await page.click('[data-testid=lang-switch]');
    }
    // The API lab: its module (with protox) loads, and a request goes through the chain.
    await page.goto(origin + base + '#/labs/api');
    const apiLoaded = await page.waitForSelector('[data-testid=api-send]', { timeout: 30000 }).then(() => true, () => false);
    apiLoaded ? pass('api lab module loads on #/labs/api') : fail('api lab module did not render');
    if (apiLoaded) {
      await page.click('[data-testid=api-send]');
      const status = await page.waitForSelector('[data-testid=api-status]', { timeout: 10000 }).then((e) => e.textContent(), () => '');
      (status || '').includes('HTTP 200') ? pass(`api lab answers (${status.trim()})`) : fail(`api lab status was ${status}`);
    }
    // The operator lab: its own module; the seed's CRD and a Database converge on the built site.
    await page.goto(origin + base + '#/labs/operator');
    const opLoaded = await page.waitForSelector('[data-testid=op-apply-crd]', { timeout: 30000 }).then(() => true, () => false);
    opLoaded ? pass('operator lab module loads on #/labs/operator') : fail('operator lab module did not render');
    if (opLoaded) {
      await page.click('[data-testid=op-apply-crd]');
      await page.click('[data-testid=op-apply-db]');
      await page.waitForTimeout(300);
      await page.click('[data-testid=step-last]');
      const ok = await page.waitForSelector('[data-testid=op-converged][data-ok=true]', { timeout: 10000 }).then(() => true, () => false);
      ok ? pass('operator lab: a Database converges') : fail('operator lab: no convergence');
      // Two yew runtimes share the document: a click in the lab must not reach the page's
      // own listeners (it once switched the theme or opened #/embed).
      const theme = await page.getAttribute('html', 'data-theme');
      for (const id of ['play', 'play', 'step-back', 'op-file-1', 'op-file-0']) {
        await page.click(`[data-testid=${id}]`);
        await page.waitForTimeout(100);
      }
      const stayed = page.url().endsWith('#/labs/operator') && (await page.getAttribute('html', 'data-theme')) === theme;
      stayed ? pass('clicks inside a lab stay inside the lab') : fail(`a lab click leaked to the page: ${page.url()}`);
    }
    // The Go modules lab: its own module; go get -u=patch, then the MVS walk to its end.
    await page.goto(origin + base + '#/labs/modules');
    const modLoaded = await page.waitForSelector('[data-testid=mod-q-patch]', { timeout: 30000 }).then(() => true, () => false);
    modLoaded ? pass('modules lab module loads on #/labs/modules') : fail('modules lab module did not render');
    if (modLoaded) {
      await page.click('[data-testid=mod-q-patch]');
      await page.click('[data-testid=step-last]');
      const list = await page.waitForSelector('[data-testid=mod-build-list][data-done=true]', { timeout: 10000 }).then((e) => e.textContent(), () => '');
      (list || '').includes('github.com/spf13/cobra v1.7.1') ? pass('modules lab: go get -u=patch selects cobra v1.7.1')
        : fail(`modules lab: build list was ${list}`);
    }
    for (const hash of ['#/gallery', '#/labs', '#/labs/saga', '#/labs/api', '#/labs/operator', '#/labs/modules', '#/embed', '#/no-such-page', '#/']) {
      await page.goto(origin + base + hash);
      await page.waitForTimeout(300);
    }
    problems.length ? problems.forEach(fail) : pass('desktop: no console errors');
    await context.close();
  }
  // Phone, Chinese, dark: every visible string switches language; nothing overflows.
  {
    const { context, page, problems } = await openPage(browser, origin, {
      locale: 'zh-CN', viewport: { width: 390, height: 844 }, colorScheme: 'dark',
    });
    const lang = await page.getAttribute('html', 'lang');
    lang && lang.startsWith('zh') ? pass('zh browser gets the Chinese UI') : fail(`html lang was ${lang}`);
    const runLabel = (await page.textContent('[data-testid=run]')) || '';
    /[\u4e00-\u9fff]/.test(runLabel) ? pass(`Run button in Chinese (${runLabel.trim()})`) : fail(`Run button label ${runLabel}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    overflow <= 0 ? pass('phone width: no horizontal overflow') : fail(`phone width overflows by ${overflow}px`);
    await page.click('[data-testid=lang-switch]');
    const after = (await page.textContent('[data-testid=run]')) || '';
    /[\u4e00-\u9fff]/.test(after) ? fail(`after switching, Run is still ${after}`) : pass(`language switch → ${after.trim()}`);
    problems.length ? problems.forEach(fail) : pass('phone: no console errors');
    await context.close();
  }
  await checkShareLinks(browser, origin);
  await checkDemoCourse(browser, origin);
  await checkOffline(browser, origin);
}

// The demo course page: every widget loads (lazily, as it scrolls into view) with no console
// error under the CSP, shows its requested step (or the "not in this build" notice), is resized
// by the loader to its content, and obeys the postMessage API.
const WIDGETS = [
  { id: 'w-race', step: 1018, text: 'WARNING: DATA RACE' },
  { id: 'w-steal', step: 26, text: 'stole half' },
  { id: 'w-chan', step: 44, text: 'sends 2 on c1' },
  { id: 'w-gc', step: 960048, text: 'turned grey' },
  { id: 'w-api', step: 28, text: 'path {id} = "1" → id = "1"' },
  { id: 'w-saga', step: 6 },
  { id: 'w-operator', step: 8, text: 'StatefulSet default/my-db missing: create it' },
];

async function checkDemoCourse(browser, origin) {
  const { context, page, problems } = await openPage(browser, origin, { path: 'demo-course.html' });
  const before = await page.evaluate(() => document.querySelectorAll('iframe').length);
  before < WIDGETS.length ? pass(`widgets load lazily (${before} iframe(s) before scrolling)`) : fail(`all ${before} iframes created at once`);
  for (const w of WIDGETS) {
    await page.locator(`#${w.id}`).scrollIntoViewIfNeeded();
    await page.waitForSelector(`#${w.id} iframe`, { timeout: 10000 });
    const frame = page.frameLocator(`#${w.id} iframe`);
    if (w.unavailable) {
      const notice = frame.locator('[data-testid=embed-unavailable]');
      await notice.waitFor({ timeout: 30000 });
      const text = await notice.textContent();
      /not available in this build/.test(text) ? pass(`${w.id}: "${text.slice(0, 60)}…"`) : fail(`${w.id} notice: ${text}`);
    } else {
      const pos = frame.locator('[data-testid=step-pos]');
      await pos.waitFor({ timeout: 60000 });
      await page.waitForFunction(([id, step]) => {
        const f = document.querySelector(`#${id} iframe`);
        const el = f && f.contentDocument && f.contentDocument.querySelector('[data-testid=step-pos]');
        return el && new RegExp(`\\b${step}\\b`).test(el.textContent);
      }, [w.id, w.step], { timeout: 30000 }).catch(() => {});
      const text = (await pos.textContent()) || '';
      new RegExp(`\\b${w.step}\\b`).test(text) ? pass(`${w.id} opens at step ${w.step} (${text.trim()})`) : fail(`${w.id} shows ${text}, not step ${w.step}`);
      if (w.text) {
        const body = (await frame.locator('body').textContent()) || '';
        body.includes(w.text) ? pass(`${w.id} shows ${w.text}`) : fail(`${w.id} lacks ${w.text}`);
      }
    }
    // The loader set the iframe's height from the widget's report (not the data-height guess).
    await page.waitForTimeout(300);
    const sizes = await page.evaluate((id) => {
      const host = document.getElementById(id);
      const f = host.querySelector('iframe');
      const content = f.contentDocument.querySelector('.embed-frame');
      return { frame: f.getBoundingClientRect().height, content: content.getBoundingClientRect().height, guess: Number(host.getAttribute('data-height') || host.getAttribute('height')) };
    }, w.id);
    Math.abs(sizes.frame - sizes.content) <= 2 && sizes.frame !== sizes.guess
      ? pass(`${w.id}: iframe resized to its content (${sizes.guess} → ${Math.round(sizes.frame)} px)`)
      : fail(`${w.id}: iframe ${sizes.frame}px, content ${sizes.content}px, guess ${sizes.guess}px`);
  }
  // postMessage API: the course page's button moves the work-stealing widget; its step event comes back.
  await page.locator('#w-steal').scrollIntoViewIfNeeded();
  await page.click('#steal-next');
  await page.waitForFunction(() => /step 54 /.test(document.getElementById('steal-log').textContent), null, { timeout: 10000 }).catch(() => {});
  const log = await page.textContent('#steal-log');
  /step 54 /.test(log) ? pass(`host page drove the widget (goto 54) and got its step event: ${log}`) : fail(`steal log: ${log}`);
  const pos = await page.frameLocator('#w-steal iframe').locator('[data-testid=step-pos]').textContent();
  /\b54\b/.test(pos) ? pass('widget moved to step 54') : fail(`widget at ${pos}`);
  problems.length ? problems.forEach(fail) : pass(`demo course: no console errors (CSP header, ${WIDGETS.length} widgets)`);
  await context.close();
}

// A share link reproduces the state: program, seed, GOMAXPROCS, step; bad links say so.
// Issue 10: a visited site keeps working offline. The service worker (web/sw.js) precaches
// every file of dist/ on install and claims the page; with the network gone, a reload still
// boots the app, runs a program and loads a lab's module.
async function checkOffline(browser, origin) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(origin + base);
  await page.waitForSelector('[data-testid=editor]', { timeout: 30000 });
  const controlled = await page.waitForFunction(
    () => navigator.serviceWorker && navigator.serviceWorker.controller !== null,
    null, { timeout: 60000 },
  ).then(() => true, () => false);
  if (!controlled) {
    fail('offline: no service worker took control of the page');
    await context.close();
    return;
  }
  await context.setOffline(true);
  await page.reload();
  const booted = await page.waitForSelector('[data-testid=editor]', { timeout: 30000 }).then(() => true, () => false);
  booted ? pass('offline: the visited site reloads with the network gone') : fail('offline: the app did not boot from the cache');
  if (booted) {
    const out = await editorRun(page, 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("offline", 42)\n}\n');
    out.includes('offline 42') ? pass('offline: a program runs') : fail(`offline: output was ${JSON.stringify(out)}`);
    await page.goto(origin + base + '#/labs/saga');
    const lab = await page.waitForSelector('[data-testid=saga-run]', { timeout: 30000 }).then(() => true, () => false);
    lab ? pass('offline: a lab module loads from the cache') : fail('offline: the saga lab did not load');
  }
  problems.length ? problems.forEach((p) => fail(`offline: ${p}`)) : pass('offline: no console errors');
  await context.setOffline(false);
  await context.close();
}

async function checkShareLinks(browser, origin) {
  const program = 'package main\n\nimport "fmt"\n\nfunc main() {\n\tch := make(chan int, 3)\n\tgo func() {\n\t\tfor i := 0; i < 3; i++ {\n\t\t\tch <- i\n\t\t}\n\t\tclose(ch)\n\t}()\n\tfor v := range ch {\n\t\tfmt.Println("分享", v)\n\t}\n}\n';
  const { context, page, problems } = await openPage(browser, origin, {});
  await page.fill('[data-testid=seed]', '7');
  await page.dispatchEvent('[data-testid=seed]', 'change');
  await page.selectOption('[data-testid=gomaxprocs]', '2');
  await editorRun(page, program);
  await page.waitForSelector('[data-testid=player]');
  for (let i = 0; i < 4; i++) await page.click('[data-testid=event-forward]');
  const step = ((await page.textContent('[data-testid=step-pos]')) || '').trim();
  await page.click('[data-testid=share]');
  const link = await page.inputValue('[data-testid=share-link]');
  /#\/\?s=1\.[A-Za-z0-9_-]+$/.test(link) ? pass(`share link (${link.length} chars)`) : fail(`share link ${link}`);
  await page.click('[data-testid=embed-code]');
  const iframe = await page.inputValue('[data-testid=iframe-snippet]');
  const loader = await page.inputValue('[data-testid=loader-snippet]');
  iframe.includes('#/embed/scheduler?s=1.') && loader.includes('goscope-embed.js') && loader.includes('data-goscope="scheduler"')
    ? pass('embed snippets (iframe and loader) for the scheduler view') : fail(`snippets: ${iframe} / ${loader}`);
  problems.length ? problems.forEach(fail) : pass('share: no console errors');
  await context.close();

  // A fresh browser (no storage): the link alone brings everything back.
  const fresh = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const p2 = await fresh.newPage();
  const errs = [];
  p2.on('console', (m) => { if (m.type() === 'error') errs.push(m.text()); });
  await p2.goto(link);
  await p2.waitForSelector('[data-testid=player]', { timeout: 30000 }).catch(() => {});
  const same = {
    program: await p2.inputValue('[data-testid=editor]'),
    seed: await p2.inputValue('[data-testid=seed]'),
    procs: await p2.inputValue('[data-testid=gomaxprocs]'),
    step: ((await p2.textContent('[data-testid=step-pos]').catch(() => '')) || '').trim(),
  };
  same.program === program && same.seed === '7' && same.procs === '2' && same.step === step
    ? pass(`share link round-trips: program, seed 7, GOMAXPROCS 2, ${step}`)
    : fail(`share link reopened as ${JSON.stringify(same)}, expected ${step}`);
  for (const [hash, what] of [['#/?s=1.@@@', 'cannot be read'], ['#/?s=9.AAAA', 'newer goscope']]) {
    await p2.goto('about:blank');
    await p2.goto(origin + base + hash);
    const msg = await p2.waitForSelector('[data-testid=link-error]', { timeout: 15000 }).then((e) => e.textContent()).catch(() => '');
    msg.includes(what) ? pass(`bad link ${hash}: "${msg}"`) : fail(`bad link ${hash}: ${msg}`);
  }
  errs.length ? errs.forEach((e) => fail(`share reopen: ${e}`)) : pass('reopened link: no console errors');
  await fresh.close();

  // A widget by URL alone: no chrome, language and theme from the link.
  const { context: c3, page: p3, problems: pr3 } = await openPage(browser, origin, {
    hash: '#/embed/scheduler?program=seed-worker-pool&procs=2&step=26&lang=zh&theme=dark',
  });
  await p3.waitForSelector('[data-testid=step-pos]', { timeout: 30000 }).catch(() => {});
  const attrs = await p3.evaluate(() => [document.documentElement.lang, document.documentElement.dataset.theme, !!document.querySelector('.site-header')]);
  attrs[0] === 'zh-CN' && attrs[1] === 'dark' && !attrs[2] ? pass('widget: zh + dark from the link, no site header') : fail(`widget attrs ${attrs}`);
  pr3.length ? pr3.forEach(fail) : pass('widget: no console errors');
  await c3.close();
}

async function screenshots(browser, origin) {
  const dir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../docs/screenshots');
  fs.mkdirSync(dir, { recursive: true });
  // A worker pool: after Run, step to the first steal so the scheduler and channel views show it.
  const demo = 'package main\n\nimport (\n\t"fmt"\n\t"sync"\n)\n\nfunc worker(jobs <-chan int, results chan<- int, wg *sync.WaitGroup) {\n\tdefer wg.Done()\n\tfor j := range jobs {\n\t\tresults <- j * j\n\t}\n}\n\nfunc main() {\n\tjobs := make(chan int, 8)\n\tresults := make(chan int, 8)\n\tvar wg sync.WaitGroup\n\tfor w := 0; w < 3; w++ {\n\t\twg.Add(1)\n\t\tgo worker(jobs, results, &wg)\n\t}\n\tfor i := 1; i <= 6; i++ {\n\t\tjobs <- i\n\t}\n\tclose(jobs)\n\twg.Wait()\n\tclose(results)\n\tsum := 0\n\tfor r := range results {\n\t\tsum += r\n\t}\n\tfmt.Println("sum of squares:", sum)\n}\n';
  const only = process.env.GOSCOPE_SHOTS || '';
  for (const [name, viewport] of [['desktop', { width: 1440, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
    for (const locale of ['zh-CN', 'en-US']) {
      for (const colorScheme of ['light', 'dark']) {
        if (only && only !== 'playground') continue;
        const { context, page } = await openPage(browser, origin, { viewport, locale, colorScheme });
        await editorRun(page, demo);
        // Step to the first steal (the player's default "jump to" kind), if the player is there.
        const next = await page.$('[data-testid=kind-forward]');
        if (next) { await next.click(); await page.waitForTimeout(400); }
        const file = path.join(dir, `playground-${name}-${locale.slice(0, 2)}-${colorScheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(`  wrote ${path.relative(process.cwd(), file)}`);
        await context.close();
      }
    }
    // A widget alone, and the demo course page with every widget loaded.
    for (const colorScheme of ['light', 'dark']) {
      if (only && only !== 'embed') continue;
      const { context, page } = await openPage(browser, origin, {
        viewport, colorScheme, locale: 'zh-CN', hash: '#/embed/scheduler?program=seed-worker-pool&procs=2&step=26',
      });
      await page.waitForSelector('[data-testid=step-pos]', { timeout: 30000 });
      await page.waitForTimeout(500);
      let file = path.join(dir, `embed-scheduler-${name}-${colorScheme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`  wrote ${path.relative(process.cwd(), file)}`);
      await page.goto(origin + base + 'demo-course.html');
      for (const w of WIDGETS) {
        await page.locator(`#${w.id}`).scrollIntoViewIfNeeded();
        await page.waitForSelector(`#${w.id} iframe`);
        await page.frameLocator(`#${w.id} iframe`).locator(w.unavailable ? '[data-testid=embed-unavailable]' : '[data-testid=step-pos]').waitFor({ timeout: 60000 });
      }
      await page.waitForTimeout(800);
      file = path.join(dir, `demo-course-${name}-${colorScheme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`  wrote ${path.relative(process.cwd(), file)}`);
      await context.close();
    }
  }
  // The profile view (issue 12): the chapter 2.2 example, profiled, the view alone.
  const hot = fs.readFileSync(path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../crates/app/src/examples/pprof_hot.go'), 'utf8');
  for (const [name, viewport] of [['desktop', { width: 1440, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
    for (const locale of ['zh-CN', 'en-US']) {
      for (const colorScheme of ['light', 'dark']) {
        if (only && only !== 'profile') continue;
        const { context, page } = await openPage(browser, origin, { viewport, locale, colorScheme });
        await page.$eval('[data-testid=view-profile]', (e) => e.click());
        await editorRun(page, hot);
        await page.waitForSelector('[data-testid=profile-top]', { timeout: 30000 });
        const file = path.join(dir, `profile-${name}-${locale.slice(0, 2)}-${colorScheme}.png`);
        await page.locator('[data-testid=profile-view]').screenshot({ path: file });
        console.log(`  wrote ${path.relative(process.cwd(), file)}`);
        await context.close();
      }
    }
  }
  // The operator lab: the Database converged, then a pod deleted and the loop mid-way back.
  for (const [name, viewport] of [['desktop', { width: 1440, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
    for (const locale of ['zh-CN', 'en-US']) {
      for (const colorScheme of ['light', 'dark']) {
        if (only && only !== 'operator') continue;
        const { context, page } = await openPage(browser, origin, { viewport, locale, colorScheme, hash: '#/labs/operator' });
        await page.waitForSelector('[data-testid=op-apply-crd]', { timeout: 30000 });
        // DOM clicks, not pointer clicks: the page changes under a playing player, and a
        // pointer click could land on the sticky header instead.
        const tap = async (id) => { await page.$eval(`[data-testid=${id}]`, (e) => e.click()); await page.waitForTimeout(150); };
        await tap('op-apply-crd');
        await tap('op-apply-db');
        await tap('step-last');
        await tap('op-conflicts');
        await tap('op-delete-pod');
        // The command plays on by itself: let a few steps of the loop pass, then pause.
        await page.waitForTimeout(2400);
        await tap('play');
        await page.waitForTimeout(300);
        const file = path.join(dir, `operator-${name}-${locale.slice(0, 2)}-${colorScheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(`  wrote ${path.relative(process.cwd(), file)}`);
        await context.close();
      }
    }
  }
}

// The heap and GC views: the lost-object example at its first write-barrier shade.
async function gcScreenshots(browser, origin) {
  const only = process.env.GOSCOPE_SHOTS || '';
  if (only && only !== 'gc') return;
  const dir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../docs/screenshots');
  for (const [name, viewport] of [['desktop', { width: 1440, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
    for (const locale of ['zh-CN', 'en-US']) {
      for (const colorScheme of ['light', 'dark']) {
        const { context, page } = await openPage(browser, origin, { viewport, locale, colorScheme, hash: '#/?program=gc-lost-object&views=heap' });
        await page.waitForSelector('[data-testid=heap-view]', { timeout: 120000 });
        await page.selectOption('[data-testid=kind]', 'barrier');
        await page.$eval('[data-testid=kind-forward]', (e) => e.click());
        await page.waitForSelector('[data-testid=gc-shade]', { timeout: 30000 }).catch(() => {});
        await page.waitForTimeout(400);
        const file = path.join(dir, `gc-${name}-${locale.slice(0, 2)}-${colorScheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(`  wrote ${path.relative(process.cwd(), file)}`);
        await context.close();
      }
    }
  }
}

async function apiScreenshots(browser, origin) {
  const only = process.env.GOSCOPE_SHOTS || '';
  if (only && only !== 'api') return;
  const dir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../docs/screenshots');
  for (const [name, viewport] of [['desktop', { width: 1440, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
    for (const locale of ['zh-CN', 'en-US']) {
      for (const colorScheme of ['light', 'dark']) {
        const { context, page } = await openPage(browser, origin, { viewport, locale, colorScheme });
        await page.goto(origin + base + '#/labs/api');
        await page.waitForSelector('[data-testid=api-send]', { timeout: 30000 });
        // One REST request, then a chaos run, so every panel has something to show.
        await page.click('[data-testid=api-send]');
        await page.waitForSelector('[data-testid=api-status]');
        await page.click('[data-testid=api-run-load]');
        await page.waitForSelector('[data-testid=api-report]', { timeout: 30000 });
        const file = path.join(dir, `api-lab-${name}-${locale.slice(0, 2)}-${colorScheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(`  wrote ${path.relative(process.cwd(), file)}`);
        // The config centre (issue 12): a good PUT of the rate limit, let 5 s pass, then a bad one.
        await page.click('[data-testid=config-put]');
        await page.click('[data-testid=config-wait]');
        await page.fill('[data-testid=config-value]', 'fast');
        await page.click('[data-testid=config-put]');
        await page.waitForSelector('[data-testid=config-error]');
        const shot = path.join(dir, `api-config-${name}-${locale.slice(0, 2)}-${colorScheme}.png`);
        await page.locator('[data-testid=config-centre]').screenshot({ path: shot });
        console.log(`  wrote ${path.relative(process.cwd(), shot)}`);
        await context.close();
      }
    }
  }
}

async function modulesScreenshots(browser, origin) {
  const only = process.env.GOSCOPE_SHOTS || '';
  if (only && only !== 'modules') return;
  const dir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../docs/screenshots');
  for (const [name, viewport] of [['desktop', { width: 1440, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
    for (const locale of ['zh-CN', 'en-US']) {
      for (const colorScheme of ['light', 'dark']) {
        const { context, page } = await openPage(browser, origin, { viewport, locale, colorScheme, hash: '#/labs/modules' });
        await page.waitForSelector('[data-testid=mod-q-patch]', { timeout: 30000 });
        const tap = async (id) => { await page.$eval(`[data-testid=${id}]`, (e) => e.click()); await page.waitForTimeout(150); };
        // An exclusion and an upgrade, then the walk part-way: every panel has something.
        await tap('mod-q-exclude');
        await tap('mod-q-patch');
        await tap('mod-q-replace');
        for (let i = 0; i < 11; i++) await tap('step-forward');
        const file = path.join(dir, `modules-${name}-${locale.slice(0, 2)}-${colorScheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(`  wrote ${path.relative(process.cwd(), file)}`);
        await context.close();
      }
    }
  }
}

// The values view (issue 12, 2.4): the interface-costs example at its first call through an
// interface (step 3047: `s.Area()`, fun[0] highlighted), and the type-switch example at the
// step where a case matches after a failed getitab (136).
async function valuesScreenshots(browser, origin) {
  const only = process.env.GOSCOPE_SHOTS || '';
  if (only && only !== 'values') return;
  const dir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../docs/screenshots');
  const shots = [['values', 'seed-interface-costs', 3047], ['values-switch', 'type-switch', 136]];
  for (const [shot, program, step] of shots) {
    for (const [name, viewport] of [['desktop', { width: 1440, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
      for (const locale of ['zh-CN', 'en-US']) {
        for (const colorScheme of ['light', 'dark']) {
          if (shot === 'values-switch' && (locale !== 'en-US' || colorScheme !== 'light')) continue;
          const { context, page } = await openPage(browser, origin, {
            viewport, locale, colorScheme, hash: `#/?program=${program}&views=values&step=${step}`,
          });
          await page.waitForSelector('[data-testid=values-view]', { timeout: 60000 });
          await page.waitForTimeout(500);
          await page.locator('[data-testid=values-view]').scrollIntoViewIfNeeded();
          const file = path.join(dir, `${shot}-${name}-${locale.slice(0, 2)}-${colorScheme}.png`);
          await page.locator('[data-testid=values-view]').screenshot({ path: file });
          console.log(`  wrote ${path.relative(process.cwd(), file)}`);
          await context.close();
        }
      }
    }
  }
}

const server = await serveDist(dist, { 'content-security-policy': CSP });
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  console.log(`e2e: ${mode} on ${origin}${base}`);
  if (mode === 'screenshots') {
    await screenshots(browser, origin);
    await apiScreenshots(browser, origin);
    await modulesScreenshots(browser, origin);
    await gcScreenshots(browser, origin);
    await valuesScreenshots(browser, origin);
  } else await check(browser, origin);
} catch (e) {
  fail(`exception: ${e.stack || e}`);
} finally {
  await browser.close();
  server.close();
}
if (failures.length) { console.error(`e2e: ${failures.length} failure(s)`); process.exit(1); }
console.log('e2e: all checks passed');
