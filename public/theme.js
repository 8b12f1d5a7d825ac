// Applies the colour theme chosen with the header's switch before the first paint, so a
// returning visitor never sees the other theme flash while the app loads. The app itself
// (src/ui/header.rs) writes the choice; without one the theme follows the system setting.
try {
  var theme = localStorage.getItem('atlas-theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.setAttribute('data-theme', theme);
} catch (e) {
  // Storage refused (private browsing, blocked cookies): keep the system theme.
}

// The page holds its first screen drawn at build time (xtask/src/prerender.rs), and the
// app replaces it when it starts (src/boot.rs). Two things for that, kept here because
// this script runs before the page is painted:
// - `atlasPainted` settles once the browser has recorded the page's largest paint, so that
//   the prerendered screen, not the app's copy of it, counts as the page's paint; after
//   3 s at most (0.5 s where the browser cannot say), since a page loaded in a background
//   tab records none.
// - `atlasClicks` keeps where the visitor clicked on the first screen before the app was
//   ready (it is inert); the app replays the last click at the same place, where the same
//   control then is. Meanwhile the page says it is starting (`html.is-starting`).
(function () {
  var done;
  window.atlasPainted = new Promise(function (resolve) { done = resolve; });
  // Settled once the page has loaded (every stylesheet, in the shadow root too) and the
  // browser has reported a largest paint, then two frames later: a paint still under way
  // when the first entry came is recorded too, and the app never takes the prerendered
  // screen's place as the page's largest paint.
  var painted = false;
  var loaded = false;
  var settle = function () {
    if (!painted || !loaded) return;
    requestAnimationFrame(function () { requestAnimationFrame(function () { done(); }); });
  };
  addEventListener('load', function () { loaded = true; settle(); });
  var types = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];
  if (types.indexOf('largest-contentful-paint') >= 0) {
    new PerformanceObserver(function () {
      painted = true;
      settle();
    }).observe({ type: 'largest-contentful-paint', buffered: true });
    setTimeout(done, 3000);
  } else {
    painted = true;
    setTimeout(done, 500);
  }
  window.atlasClicks = [];
  document.addEventListener('click', function (event) {
    if (!document.getElementById('boot')) return;
    window.atlasClicks.push([event.clientX, event.clientY]);
    document.documentElement.classList.add('is-starting');
  }, true);
})();

// A dataset given by address (?data=) starts loading in its worker now, while the page and
// the app's wasm download, instead of once the app runs: the worker's own start (its
// script, glue and wasm) then costs the visitor nothing. The app picks `atlasDataset` up
// when it asks for the same address (src/ui/custom_data.rs) and starts its own otherwise;
// the worker's name carries the absolute address, then the address as given.
(function () {
  try {
    var address = new URLSearchParams(location.search).get('data');
    if (!address || !window.Worker) return;
    var worker = new Worker('/dataset-worker_loader.js', { name: new URL(address, location.href).href + '\n' + address });
    window.atlasDataset = {
      address: address,
      worker: worker,
      answer: new Promise(function (resolve) {
        worker.onmessage = function (event) { resolve(event.data); };
        worker.onerror = function () { resolve(null); };
      }),
    };
  } catch (e) {
    // No worker here (a bad address, a refused script): the app tries, and says why.
  }
})();
