// On every page (microshort/app.py's head): registers the service worker (/sw.js), keeps the
// browser's install offer (beforeinstallprompt) for the "Install app" entry
// (microshort/ui/components/pwa), which may mount after the event fired; re-checks the saved
// episodes now and then; and says so plainly when the connection is gone: a page kept from an
// earlier visit cannot load its data offline, so it points to the saved episodes and reloads
// itself once the connection is back.
(function () {
  function register() {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
  }
  if ("serviceWorker" in navigator) {
    if (document.readyState === "complete") register();
    else window.addEventListener("load", register);
  }
  window.addEventListener("beforeinstallprompt", function (event) {
    event.preventDefault(); // no mini-infobar: the app offers it discreetly itself
    window.__msInstallPrompt = event;
    window.dispatchEvent(new Event("ms-install-change"));
  });
  window.addEventListener("appinstalled", function () {
    window.__msInstallPrompt = null;
    window.dispatchEvent(new Event("ms-install-change"));
  });

  var BANNER = "ms-offline-banner";
  var loadedOffline = !navigator.onLine;
  function showOffline() {
    if (document.getElementById(BANNER) || !document.body) return;
    document.documentElement.classList.add("ms-offline");
    var style = document.createElement("style");
    style.id = BANNER + "-style";
    // The event socket's "Cannot connect" toasts say nothing useful offline: this does.
    style.textContent =
      "html.ms-offline [data-sonner-toaster]{display:none!important}" +
      "#" + BANNER + "{position:fixed;left:12px;right:12px;z-index:30;margin:0 auto;max-width:480px;" +
      "bottom:calc(76px + env(safe-area-inset-bottom));padding:12px 16px;border-radius:12px;" +
      "background:var(--color-panel-solid,#1a191b);color:var(--gray-12,#eeeef0);border:1px solid var(--gray-a5,#3c393f);font:14px/1.4 system-ui,sans-serif;" +
      "box-shadow:0 8px 24px rgba(0,0,0,.35)}" +
      "#" + BANNER + " a{color:var(--accent-11,#ff949d);font-weight:600;text-decoration:underline}" +
      "@media (min-width:768px){#" + BANNER + "{bottom:16px}}";
    var banner = document.createElement("div");
    banner.id = BANNER;
    banner.setAttribute("role", "status");
    banner.setAttribute("data-testid", "offline-banner");
    banner.appendChild(
      document.createTextNode(
        loadedOffline ? "You are offline: this page loads when you are back. " : "You are offline. ",
      ),
    );
    var link = document.createElement("a");
    link.href = "/offline.html";
    link.textContent = "Watch saved episodes";
    banner.appendChild(link);
    document.head.appendChild(style);
    document.body.appendChild(banner);
  }
  function online() {
    if (loadedOffline) {
      window.location.reload();
      return;
    }
    document.documentElement.classList.remove("ms-offline");
    var banner = document.getElementById(BANNER);
    if (banner) banner.remove();
  }
  // Saved episodes are asked about again once an hour when online (the Library asks each time
  // it opens): a refunded or withdrawn one is removed from the device.
  var CHECKED = "ms-offline-checked";
  function recheckSaved() {
    if (!navigator.onLine || !("caches" in window)) return;
    try {
      if (Date.now() - Number(window.localStorage.getItem(CHECKED) || 0) < 3600 * 1000) return;
      window.localStorage.setItem(CHECKED, String(Date.now()));
    } catch (error) {
      return;
    }
    import("/pwa/offline-store.js").then(function (store) { return store.recheck(); }).catch(function () {});
  }
  window.addEventListener("load", function () { window.setTimeout(recheckSaved, 3000); });
  window.addEventListener("offline", showOffline);
  window.addEventListener("online", online);
  if (loadedOffline) window.addEventListener("load", showOffline);
})();
