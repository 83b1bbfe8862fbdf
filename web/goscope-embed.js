/*
 * goscope-embed.js — turns widget placeholders in a course page into goscope iframes.
 *
 *   <script src="https://HOST/goscope/goscope-embed.js" defer></script>
 *   <div data-goscope="scheduler" data-program="seed-worker-pool" data-step="42"></div>
 *   <goscope-widget view="channels" state="1.…" lang="en" theme="dark"></goscope-widget>
 *
 * Each placeholder becomes an iframe to the site this script was loaded from (its own src,
 * so a course page needs no configuration), at #/embed/VIEW?… built from the attributes:
 * state (a share payload), program (a Gallery id), lab, step, seed, procs, slice, race, gogc, memlimit,
 * wb (GOGC, GOMEMLIMIT, wb="off" turns the write barrier off), lang, theme,
 * data-p-KEY (a lab's own parameter);
 * height sets the size before the widget reports its own. Iframes are created only when a
 * widget scrolls near the viewport (IntersectionObserver), and each resizes itself from the
 * widget's `resize` messages.
 *
 * postMessage API (also in the site's guide, #/embed). Every message is {goscope: 1, type, …}.
 *   host → widget: {type: 'goto', step}, {type: 'play'}, {type: 'pause'}
 *   widget → host: {type: 'ready', view, last}, {type: 'step', step, last},
 *                  {type: 'finished', step}, {type: 'resize', height}
 * This script gives each placeholder element goto(step), play() and pause() (queued until
 * the widget is ready) and re-dispatches the widget's messages as bubbling DOM events on it:
 * goscope:ready, goscope:step, goscope:finished (event.detail is the message).
 *
 * No framework, no inline styles in markup (sizes are set through the CSSOM, which a strict
 * Content-Security-Policy allows), no user text as HTML.
 */
(function () {
  'use strict';
  if (window.goscopeEmbed) return; // included twice: one loader is enough

  var script = document.currentScript;
  var site = new URL('./', (script && script.src) || document.baseURI).href;
  var PARAMS = ['state:s', 'program', 'lab', 'step', 'seed', 'procs', 'slice', 'race', 'gogc', 'memlimit', 'wb', 'lang', 'theme'];
  var frames = []; // {el, iframe, ready, queue}

  function attr(el, name) {
    var v = el.getAttribute('data-' + name);
    return v === null ? el.getAttribute(name) : v;
  }

  /** The widget URL for a placeholder element. */
  function widgetUrl(el) {
    var view = el.getAttribute('data-goscope') || el.getAttribute('view') || 'player';
    var query = [];
    PARAMS.forEach(function (p) {
      var parts = p.split(':');
      var v = attr(el, parts[0]);
      if (v !== null && v !== '') query.push((parts[1] || parts[0]) + '=' + encodeURIComponent(v));
    });
    // data-p-KEY="v": a lab's own parameter (p.KEY=v), e.g. data-p-faults="none,fail,none,none".
    Array.prototype.forEach.call(el.attributes, function (a) {
      if (a.name.indexOf('data-p-') === 0) {
        query.push('p.' + encodeURIComponent(a.name.slice(7)) + '=' + encodeURIComponent(a.value));
      }
    });
    return site + '#/embed/' + encodeURIComponent(view) + (query.length ? '?' + query.join('&') : '');
  }

  function send(entry, msg) {
    msg.goscope = 1;
    if (entry.ready && entry.iframe) entry.iframe.contentWindow.postMessage(msg, '*');
    else entry.queue.push(msg);
  }

  function entryOf(el) {
    for (var i = 0; i < frames.length; i++) if (frames[i].el === el) return frames[i];
    return null;
  }

  function load(entry) {
    if (entry.iframe) return;
    var el = entry.el;
    var iframe = document.createElement('iframe');
    iframe.src = widgetUrl(el);
    iframe.title = 'goscope: ' + (el.getAttribute('data-goscope') || el.getAttribute('view') || 'player');
    iframe.setAttribute('loading', 'lazy');
    iframe.setAttribute('allow', 'clipboard-write');
    iframe.style.width = '100%';
    iframe.style.border = '0';
    iframe.style.display = 'block';
    iframe.style.height = (parseInt(attr(el, 'height'), 10) || 360) + 'px';
    entry.iframe = iframe;
    el.appendChild(iframe);
  }

  /** Sets up one placeholder (idempotent). */
  function mount(el) {
    if (entryOf(el)) return;
    var entry = { el: el, iframe: null, ready: false, queue: [] };
    frames.push(entry);
    el.goto = function (step) { send(entry, { type: 'goto', step: Number(step) }); };
    el.play = function () { send(entry, { type: 'play' }); };
    el.pause = function () { send(entry, { type: 'pause' }); };
    if (observer) observer.observe(el); else load(entry);
  }

  var observer = 'IntersectionObserver' in window
    ? new IntersectionObserver(function (seen) {
      seen.forEach(function (s) {
        if (!s.isIntersecting) return;
        observer.unobserve(s.target);
        var entry = entryOf(s.target);
        if (entry) load(entry);
      });
    }, { rootMargin: '300px 0px' })
    : null;

  window.addEventListener('message', function (e) {
    var msg = e.data;
    if (!msg || msg.goscope !== 1 || typeof msg.type !== 'string') return;
    var entry = null;
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].iframe && frames[i].iframe.contentWindow === e.source) entry = frames[i];
    }
    if (!entry) return;
    if (msg.type === 'resize' && msg.height > 0) {
      entry.iframe.style.height = Math.ceil(msg.height) + 'px';
      return;
    }
    if (msg.type === 'ready') {
      entry.ready = true;
      var queued = entry.queue.splice(0);
      queued.forEach(function (m) { entry.iframe.contentWindow.postMessage(m, '*'); });
    }
    entry.el.dispatchEvent(new CustomEvent('goscope:' + msg.type, { bubbles: true, detail: msg }));
  });

  if (window.customElements && !customElements.get('goscope-widget')) {
    customElements.define('goscope-widget', class extends HTMLElement {
      connectedCallback() { this.style.display = 'block'; mount(this); }
    });
  }

  function scan() {
    document.querySelectorAll('[data-goscope]').forEach(mount);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scan);
  else scan();

  window.goscopeEmbed = { site: site, scan: scan, url: widgetUrl };
})();
