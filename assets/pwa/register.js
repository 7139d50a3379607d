// On every page (microshort/app.py's head): registers the service worker (/sw.js) and keeps
// the browser's install offer (beforeinstallprompt) for the "Install app" entry
// (microshort/ui/components/install), which may mount after the event fired.
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
})();
