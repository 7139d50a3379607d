// The installable app's pieces in the UI, wrapped for Reflex by pwa.py:
// - InstallEntry: a discreet "Install app" button when the browser offers installation
//   (beforeinstallprompt, kept by /pwa/register.js), or the Add to Home Screen hint on iOS,
//   where that event does not exist; nothing when already running as the installed app.
// - SaveOffline: the watch rail's Save button (keeps the episode on this device).
// - OfflineShelf: the Library's list of saved episodes, their space, and Remove.
// Saved episodes live in Cache Storage through /pwa/offline-store.js (a static file, shared
// with /offline.html), loaded at run time rather than bundled.
import { useCallback, useEffect, useState } from "react";
import "./pwa.css";

function store() {
  return import(/* @vite-ignore */ "/pwa/offline-store.js");
}

function isStandalone() {
  return window.matchMedia("(display-mode: standalone)").matches || window.navigator.standalone === true;
}

function isIos() {
  const ua = window.navigator.userAgent;
  return /iPad|iPhone|iPod/.test(ua) || (ua.includes("Macintosh") && window.navigator.maxTouchPoints > 1);
}

const DownloadIcon = () => (
  <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
    <path d="M12 3v12" /><path d="m7 10 5 5 5-5" /><path d="M5 21h14" />
  </svg>
);

const DISMISSED_KEY = "ms-install-dismissed"; // the phone card's "Not now", for 30 days
const DISMISS_MS = 30 * 24 * 3600 * 1000;

function dismissedRecently() {
  try {
    return Date.now() - Number(window.localStorage.getItem(DISMISSED_KEY) || 0) < DISMISS_MS;
  } catch (error) {
    return false;
  }
}

// "prompt" when the browser offers installation, "ios" on iOS (no such event: the hint
// instead), null when there is nothing to offer or the app already runs installed.
function useInstallMode() {
  const [mode, setMode] = useState(null);
  useEffect(() => {
    const update = () => {
      if (isStandalone()) setMode(null);
      else if (window.__msInstallPrompt) setMode("prompt");
      else setMode(isIos() ? "ios" : null);
    };
    update();
    window.addEventListener("ms-install-change", update);
    return () => window.removeEventListener("ms-install-change", update);
  }, []);
  return [mode, setMode];
}

async function promptInstall(setMode) {
  const offer = window.__msInstallPrompt;
  if (!offer) return;
  window.__msInstallPrompt = null;
  await offer.prompt();
  await offer.userChoice.catch(() => null);
  setMode(null);
}

const IosHint = ({ onClose }) => (
  <div className="ms-install-hint" role="dialog" aria-label="Add MicroShort to your Home Screen" data-testid="install-hint">
    <p>
      Tap <strong>Share</strong> <ShareIcon /> in Safari, then <strong>Add to Home Screen</strong>.
    </p>
    <button type="button" className="ms-install-primary" onClick={onClose}>
      Got it
    </button>
  </div>
);

// `variant` "bar": a quiet button in the top bar (tablets and desktop); "card": a slim card
// above the bottom navigation (phones), with "Not now".
export function InstallEntry({ variant }) {
  const [mode, setMode] = useInstallMode();
  const [hint, setHint] = useState(false);
  const [dismissed, setDismissed] = useState(true);
  useEffect(() => setDismissed(dismissedRecently()), []);
  const install = useCallback(() => (mode === "ios" ? setHint((shown) => !shown) : promptInstall(setMode)), [mode, setMode]);
  if (!mode) return null;
  if (variant === "card") {
    if (dismissed) return null;
    const notNow = () => {
      try {
        window.localStorage.setItem(DISMISSED_KEY, String(Date.now()));
      } catch (error) {
        // Private mode without storage: hidden for this visit only.
      }
      setDismissed(true);
    };
    return (
      <aside className="ms-install-card" aria-label="Install the app" data-testid="install-card">
        <img src="/icons/icon-192.png" alt="" width="36" height="36" />
        <div className="ms-install-card-text">
          <strong>Install MicroShort</strong>
          <span>Full screen, one tap from your home screen.</span>
        </div>
        <button type="button" className="ms-install-primary" onClick={install} aria-expanded={mode === "ios" ? hint : undefined} data-testid="install-app">
          Install
        </button>
        <button type="button" className="ms-install-dismiss" onClick={notNow} aria-label="Not now">
          ×
        </button>
        {hint && <IosHint onClose={() => setHint(false)} />}
      </aside>
    );
  }
  return (
    <div className="ms-install">
      <button type="button" className="ms-install-button" onClick={install} aria-expanded={mode === "ios" ? hint : undefined} data-testid="install-app-bar">
        <DownloadIcon />
        <span>Install app</span>
      </button>
      {hint && <IosHint onClose={() => setHint(false)} />}
    </div>
  );
}

const ShareIcon = () => (
  <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" style={{ display: "inline", verticalAlign: "-2px" }}>
    <path d="M12 3v13" /><path d="m7 8 5-5 5 5" /><path d="M5 12v8h14v-8" />
  </svg>
);

const SaveIcon = ({ saved }) =>
  saved ? (
    <svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true"><path d="M20 6 9 17l-5-5" /></svg>
  ) : (
    <DownloadIcon />
  );

const NOTICE_MS = 4000;

export function SaveOffline({ episodeId }) {
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState("");
  useEffect(() => {
    let live = true;
    setMessage("");
    store().then((s) => s.isSaved(episodeId)).then((found) => live && setSaved(found)).catch(() => {});
    return () => {
      live = false;
    };
  }, [episodeId]);
  useEffect(() => {
    if (!message) return undefined;
    const timer = setTimeout(() => setMessage(""), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [message]);
  const toggle = useCallback(async (event) => {
    event.stopPropagation(); // not a tap on the picture (pause)
    if (busy) return;
    setBusy(true);
    try {
      const s = await store();
      if (saved) {
        await s.removeEpisode(episodeId);
        setSaved(false);
        setMessage("Removed from this device");
      } else {
        setMessage("Saving…");
        const result = await s.saveEpisode(episodeId);
        setSaved(result.ok);
        setMessage(result.ok ? `Saved for offline · ${s.formatBytes(result.item.bytes)}` : result.message);
      }
    } catch (error) {
      setMessage("This browser cannot keep episodes for offline.");
    } finally {
      setBusy(false);
    }
  }, [busy, saved, episodeId]);
  return (
    <div className="ms-save">
      <button type="button" className="ms-save-button" onClick={toggle} aria-busy={busy} aria-label={saved ? "Remove this episode from offline" : "Save this episode for offline"} data-testid="save-offline">
        <SaveIcon saved={saved} />
      </button>
      <span className="ms-save-label" aria-hidden="true">{saved ? "Saved" : "Save"}</span>
      <span className="ms-save-status" role="status" data-testid="save-offline-status" data-shown={message ? "true" : "false"}>
        {message}
      </span>
    </div>
  );
}

// The saved list with sizes formatted by the store (one formatter for the app and /offline.html).
async function readShelf(s) {
  const items = await s.listSaved();
  const bytes = items.reduce((sum, item) => sum + (item.bytes || 0), 0);
  return { items: items.map((item) => ({ ...item, size: s.formatBytes(item.bytes || 0) })), total: s.formatBytes(bytes), max: s.MAX_SAVED };
}

export function OfflineShelf() {
  const [shelf, setShelf] = useState(null);
  const [note, setNote] = useState("");
  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const s = await store();
        if (live) setShelf(await readShelf(s));
        // Online: anything no longer allowed (a refund, a series taken down) goes.
        const removed = await s.recheck();
        if (live && removed.length) {
          setNote(removed.length === 1 ? "1 saved episode was removed: it is no longer yours to watch." : `${removed.length} saved episodes were removed: they are no longer yours to watch.`);
          setShelf(await readShelf(s));
        }
      } catch (error) {
        if (live) setShelf({ items: [], total: "", max: 10 });
      }
    })();
    return () => {
      live = false;
    };
  }, []);
  const remove = useCallback(async (id) => {
    const s = await store();
    await s.removeEpisode(id);
    setShelf(await readShelf(s));
  }, []);
  if (shelf === null) return <p className="ms-shelf-note">Looking for saved episodes…</p>;
  return (
    <div className="ms-shelf" data-testid="offline-shelf">
      {note && <p className="ms-shelf-note" role="status">{note}</p>}
      {shelf.items.length === 0 ? (
        <p className="ms-shelf-note">Nothing saved yet. Tap Save on a free or unlocked episode to watch it here without a connection (up to {shelf.max}).</p>
      ) : (
        <>
          <p className="ms-shelf-note" data-testid="offline-usage">
            {shelf.items.length} of {shelf.max} saved · {shelf.total} on this device
          </p>
          <ul className="ms-shelf-list">
            {shelf.items.map((item) => (
              <li key={item.episode_id} className="ms-shelf-item" data-testid="offline-item">
                {item.poster ? <img src={item.poster} alt="" /> : <span className="ms-shelf-poster" />}
                <a href={`/watch/${item.episode_id}`}>
                  <strong>{item.title}</strong>
                  <small>{item.series_title} · Ep {item.position} · {item.size}</small>
                </a>
                <button type="button" onClick={() => remove(item.episode_id)} aria-label={`Remove ${item.title} from this device`}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
