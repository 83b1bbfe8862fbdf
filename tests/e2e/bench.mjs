// The browser half of `cargo xtask bench` (issues 4 and 11): what a learner feels, measured
// on the built site (dist/) in headless Chromium.
//
// - page load: time to first render (the shell replaces the boot message) and to
//   interactive (the Run button enabled), for the Playground and the Labs page, with a cold
//   cache (new browser context) and a warm one (reload in the same context);
// - a 1,000-goroutine worker pool (~1,000,000 events), recorded, then played: frame times
//   (requestAnimationFrame deltas) over 4 s at the player's fastest speed, with the
//   scheduler view drawing every goroutine;
// - seeking from the scrubber, 120 targets spread over the run: the seek's work (input event →
//   the new step in the DOM with style and layout done), how many seeks were on screen at the
//   very next frame, and the time from the input to that frame.
//
// Prints `BENCH key=value ...` lines that xtask turns into tables.
// BENCH_NO_LOAD=1 skips the page-load part (to measure the player alone).
import { createRequire } from 'node:module';
import path from 'node:path';
import { base, serveDist } from './serve.mjs';

const require = createRequire(path.join(process.env.NODE_PATH || '.', 'noop.js'));
const { chromium } = require('playwright-core');
const dist = process.env.GOSCOPE_DIST || path.resolve('dist');

const POOL = `package main

import (
	"fmt"
	"sync"
)

func main() {
	const workers = 1000
	in := make(chan int, 64)
	out := make(chan int, 64)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range in {
				out <- n * n
			}
		}()
	}
	go func() {
		for j := 0; j < 94000; j++ {
			in <- j
		}
		close(in)
	}()
	go func() {
		wg.Wait()
		close(out)
	}()
	sum := 0
	for r := range out {
		sum += r
	}
	fmt.Println("checksum", sum)
}
`;

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const pct = (v, p) => [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.floor(v.length * p))];

async function load(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('#app .shell', { timeout: 60000 });
  const firstRender = await page.evaluate(() => performance.now());
  await page.waitForSelector('[data-testid=lang-switch]');
  const interactive = await page.evaluate(() => performance.now());
  return { page, firstRender, interactive };
}

async function pageLoad(browser, origin) {
  for (const [name, hash] of [['playground', ''], ['labs', '#/labs']]) {
    const cold = [], coldI = [], warm = [], warmI = [];
    for (let i = 0; i < 5; i++) {
      const context = await browser.newContext();
      const a = await load(context, origin + base + hash);
      cold.push(a.firstRender); coldI.push(a.interactive);
      await a.page.close();
      const b = await load(context, origin + base + hash);
      warm.push(b.firstRender); warmI.push(b.interactive);
      await context.close();
    }
    console.log(`BENCH load page=${name} cold_render_ms=${median(cold).toFixed(0)} cold_interactive_ms=${median(coldI).toFixed(0)} warm_render_ms=${median(warm).toFixed(0)} warm_interactive_ms=${median(warmI).toFixed(0)}`);
  }
}

async function player(browser, origin) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  // The module's linear memory (trunk's start event carries the wasm exports): what the
  // recording holds is its growth over the run.
  await page.addInitScript(() => addEventListener('TrunkApplicationStarted', (e) => { window.__wasmMemory = e.detail.wasm.memory; }));
  await page.goto(origin + base);
  await page.waitForSelector('[data-testid=editor]', { timeout: 60000 });
  await page.fill('[data-testid=editor]', POOL);
  const memBefore = await page.evaluate(() => window.__wasmMemory ? window.__wasmMemory.buffer.byteLength : 0);
  const t0 = Date.now();
  await page.click('[data-testid=run]');
  await page.waitForSelector('[data-testid=player]', { timeout: 300000 });
  await page.waitForFunction(() => !document.querySelector('[data-testid=stop]'), null, { timeout: 300000 });
  const recordMs = Date.now() - t0;
  const last = await page.evaluate(() => Number(document.querySelector('[data-testid=scrubber]').max));
  // "3,131,057 steps · 1,064,553 events"
  const events = await page.evaluate(() => Number((document.querySelector('[data-testid=run-status]').textContent.split('·')[1] || '').replace(/\D/g, '')));
  const memAfter = await page.evaluate(() => window.__wasmMemory ? window.__wasmMemory.buffer.byteLength : 0);
  const chips = await page.evaluate(() => document.querySelectorAll('[data-testid=sched-view] [data-g]').length);
  // Fastest speed, start in the middle of the run (all 1,000 workers exist), play for 4 s.
  await page.selectOption('[data-testid=speed]', '4');
  await page.evaluate((step) => {
    const s = document.querySelector('[data-testid=scrubber]');
    s.value = String(step); s.dispatchEvent(new Event('input', { bubbles: true }));
  }, Math.floor(last / 2));
  await page.click('[data-testid=play]');
  const frames = await page.evaluate(() => new Promise((done) => {
    const times = []; let prev = performance.now(); const end = prev + 4000;
    function tick(t) { times.push(t - prev); prev = t; if (t < end) requestAnimationFrame(tick); else done(times); }
    requestAnimationFrame(tick);
  }));
  await page.click('[data-testid=play]');
  console.log(`BENCH play goroutines=1002 chips=${chips} steps=${last} events=${events} record_ms=${recordMs} wasm_mb_before=${(memBefore / 1048576).toFixed(1)} wasm_mb_after=${(memAfter / 1048576).toFixed(1)} frames=${frames.length} frame_median_ms=${median(frames).toFixed(1)} frame_p95_ms=${pct(frames, 0.95).toFixed(1)} frame_max_ms=${Math.max(...frames).toFixed(1)}`);
  // Seek from the scrubber. Each seek starts just after a frame has been painted (a task
  // posted from a requestAnimationFrame callback runs after that frame's paint), so it has the
  // whole of the next frame interval, as a learner's input does on average.
  // - work: input event → the new step in the DOM, its style and layout computed (forced with
  //   a layout read). This is the seek's cost on the main thread; only painting is not in it.
  //   `dom` is the part before style and layout: the core's seek, the views' models and
  //   yew's diff applied to the DOM.
  // - next frame: whether the step was on screen at the first frame after the input, i.e.
  //   the seek with its paint fit in one frame interval.
  // - to frame: input → the start of the first frame that shows the step. A frame comes every
  //   16.7 ms at 60 Hz, so this cannot be less than the wait for the next frame.
  // The player at the top of the window and the views under it on screen, as a learner seeks.
  await page.evaluate(() => document.querySelector('[data-testid=player]').scrollIntoView());
  const seeks = await page.evaluate(async (lastStep) => {
    const s = document.querySelector('[data-testid=scrubber]');
    const pos = document.querySelector('[data-testid=step-pos]');
    const chan = new MessageChannel();
    const task = () => new Promise((r) => { chan.port1.onmessage = () => r(); chan.port2.postMessage(0); });
    const frame = () => new Promise((r) => requestAnimationFrame((t) => r(t)));
    const work = [], dom = [], toFrame = []; let nextFrame = 0;
    for (let i = 0; i < 120; i++) {
      const target = Math.floor(((i * 37) % 120) * lastStep / 120);
      await frame(); await task();
      const t0 = performance.now();
      let frameSeen = 0;
      const watch = frame().then((t) => { frameSeen = t; });
      s.value = String(target); s.dispatchEvent(new Event('input', { bubbles: true }));
      for (let k = 0; k < 1000 && !pos.textContent.includes(String(target)); k++) await task();
      dom.push(performance.now() - t0);
      document.body.getBoundingClientRect();
      const t1 = performance.now();
      work.push(t1 - t0);
      await watch;
      // The first frame after the input shows the step if the DOM was ready before it began.
      if (frameSeen >= t1) nextFrame++;
      toFrame.push((frameSeen >= t1 ? frameSeen : await frame()) - t0);
    }
    return { work, dom, toFrame, nextFrame };
  }, last);
  console.log(`BENCH uiseek steps=${last} events=${events} seeks=${seeks.work.length} seek_median_ms=${median(seeks.work).toFixed(1)} seek_p95_ms=${pct(seeks.work, 0.95).toFixed(1)} dom_median_ms=${median(seeks.dom).toFixed(1)} next_frame=${seeks.nextFrame} to_frame_median_ms=${median(seeks.toFrame).toFixed(1)}`);
  await context.close();
}

const server = await serveDist(dist);
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  if (!process.env.BENCH_NO_LOAD) await pageLoad(browser, origin);
  await player(browser, origin);
} finally {
  await browser.close();
  server.close();
}
