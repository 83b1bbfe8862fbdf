// The demo course reacting to a widget through the loader's API (see goscope-embed.js):
// buttons move the work-stealing widget, and its step events are shown beside them.
(function () {
  'use strict';
  function ready() {
    var steal = document.getElementById('w-steal');
    var log = document.getElementById('steal-log');
    document.getElementById('steal-prev').addEventListener('click', function () { steal.goto(26); });
    document.getElementById('steal-next').addEventListener('click', function () { steal.goto(54); });
    steal.addEventListener('goscope:step', function (e) {
      log.textContent = 'step ' + e.detail.step + ' / ' + e.detail.last;
    });
    steal.addEventListener('goscope:finished', function () { log.textContent += ' ✓'; });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready);
  else ready();
})();
