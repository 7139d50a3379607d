// MicroShort's service worker, served at /sw.js by microshort/api/pwa (scope /). The server
// fills VERSION (a hash of this build), PRECACHE (the app shell) and NEVER_CACHE (paths this
// worker leaves to the network, untouched); a new deploy is a new script, so the browser
// installs it, it takes over at once and drops the old build's caches.
const VERSION = "__VERSION__";
const PRECACHE = __PRECACHE__;
const NEVER_CACHE = __NEVER_CACHE__;
const OFFLINE_PAGE = "/offline.html";
const SHELL = `ms-shell-${VERSION}`; // the precached app shell
const PAGES = `ms-pages-${VERSION}`; // HTML of pages visited, for an offline reload
const STATIC = `ms-static-${VERSION}`; // hashed /assets/ files, as this build loads them
const OFFLINE_VIDEOS = "ms-offline"; // episodes saved for offline (pwa/offline-store.js)
const KEEP = new Set([SHELL, PAGES, STATIC, OFFLINE_VIDEOS]);
// Responses vary on Origin (CORS), which module scripts send and the precache requests did not:
// matching by address alone is right for this origin's own files.
const ANY_VARY = { ignoreVary: true };

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((n) => n.startsWith("ms-") && !KEEP.has(n)).map((n) => caches.delete(n))),
      )
      .then(() => self.clients.claim()),
  );
});

function neverCached(path) {
  return NEVER_CACHE.some(
    (prefix) => path === prefix.replace(/\/$/, "") || path.startsWith(prefix.endsWith("/") ? prefix : `${prefix}/`) || path.startsWith(`${prefix}.`),
  );
}

async function offlinePage() {
  return (await caches.match(OFFLINE_PAGE, { ...ANY_VARY, cacheName: SHELL })) || Response.error();
}

// Pages: the network first (a release shows at once); offline, the copy kept from the last
// visit, else the offline page. Private pages (sign-in, checkout, account ...) are never kept.
async function page(request, keep) {
  try {
    const response = await fetch(request);
    if (keep && response.ok && response.type === "basic") {
      const cache = await caches.open(PAGES);
      await cache.put(request, response.clone());
    }
    return response;
  } catch (error) {
    const kept = keep && (await caches.match(request, { ...ANY_VARY, cacheName: PAGES, ignoreSearch: true }));
    return kept || offlinePage();
  }
}

async function cacheFirst(request, cacheName) {
  const cached = await caches.match(request, ANY_VARY);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") {
    const cache = await caches.open(cacheName);
    await cache.put(request, response.clone());
  }
  return response;
}

async function networkThenShell(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const cached = await caches.match(request, { ...ANY_VARY, cacheName: SHELL });
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const private_ = neverCached(url.pathname);
  if (request.mode === "navigate") {
    event.respondWith(page(request, !private_));
  } else if (private_) {
    return;
  } else if (url.pathname.startsWith("/assets/")) {
    event.respondWith(cacheFirst(request, STATIC));
  } else if (PRECACHE.includes(url.pathname)) {
    event.respondWith(networkThenShell(request));
  } else if (url.pathname.startsWith("/media/public/")) {
    // Public pictures: the network; offline, the poster of a saved episode if it is one.
    event.respondWith(fetch(request).catch(() => caches.match(request, { ...ANY_VARY, cacheName: OFFLINE_VIDEOS }).then((r) => r || Response.error())));
  }
  // Everything else (media, pictures, the event socket) goes to the network as if there were
  // no worker: nothing private or entitlement-bound ever lands in a cache here.
});
