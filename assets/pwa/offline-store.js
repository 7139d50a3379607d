// Episodes saved for offline viewing, kept in Cache Storage ("ms-offline"): each episode's
// lowest rendition (init segment + media segments) under its token-free address, its poster,
// and a JSON record under /offline-meta/<id>. The server decides what may be kept
// (POST /api/offline/check, microshort/api/offline.py); this file only stores what it allows.
// Used by the watch page's Save button, the Library's list and /offline.html's player.
const CACHE = "ms-offline";
const META = "/offline-meta/";
export const MAX_SAVED = 10; // shown before the server is asked; its answer says the same

const metaKey = (id) => `${META}${id}`;

async function check(episodeId) {
  const response = await fetch("/api/offline/check", {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ episode_id: episodeId }),
  });
  let data = {};
  try {
    data = await response.json();
  } catch (error) {
    // An answer without JSON (a proxy's error page): the status says enough.
  }
  return { status: response.status, data };
}

export async function listSaved() {
  if (!("caches" in self)) return [];
  const cache = await caches.open(CACHE);
  const keys = (await cache.keys()).filter((r) => new URL(r.url).pathname.startsWith(META));
  const items = await Promise.all(keys.map(async (key) => (await cache.match(key)).json()));
  return items.sort((a, b) => b.saved_at - a.saved_at);
}

export async function isSaved(episodeId) {
  if (!("caches" in self)) return false;
  return Boolean(await (await caches.open(CACHE)).match(metaKey(episodeId)));
}

export async function removeEpisode(episodeId) {
  const cache = await caches.open(CACHE);
  const meta = await cache.match(metaKey(episodeId));
  if (meta) {
    const item = await meta.json();
    await Promise.all([...item.files.map((f) => cache.delete(f.key)), item.poster && cache.delete(item.poster)]);
  }
  await cache.delete(metaKey(episodeId));
}

// { ok: true, item } or { ok: false, message } (what to tell the viewer, as it is).
export async function saveEpisode(episodeId) {
  if (!("caches" in self) || !window.MediaSource) {
    return { ok: false, message: "This browser cannot keep episodes for offline." };
  }
  let answer;
  try {
    answer = await check(episodeId);
  } catch (error) {
    return { ok: false, message: "You are offline. Save it when you are back online." };
  }
  if (answer.status !== 200) {
    return { ok: false, message: answer.data.error || "This episode cannot be saved right now." };
  }
  const info = answer.data;
  const limit = info.max_saved || MAX_SAVED; // the server's number (microshort/content/offline.py)
  const saved = await listSaved();
  if (!saved.some((item) => item.episode_id === episodeId) && saved.length >= limit) {
    return {
      ok: false,
      message: `You have ${limit} episodes saved, the most this device keeps. Remove one in your Library first.`,
    };
  }
  const cache = await caches.open(CACHE);
  try {
    for (const file of info.files) {
      const response = await fetch(file.url, { credentials: "same-origin" });
      if (!response.ok) throw new Error(String(response.status));
      await cache.put(file.key, response);
    }
    if (info.poster) {
      const poster = await fetch(info.poster);
      if (poster.ok) await cache.put(info.poster, poster);
    }
  } catch (error) {
    await Promise.all(info.files.map((f) => cache.delete(f.key)));
    return { ok: false, message: "Saving stopped: the connection dropped. Try again." };
  }
  const item = {
    episode_id: info.episode_id,
    title: info.title,
    series_title: info.series_title,
    series_slug: info.series_slug,
    position: info.position,
    poster: info.poster,
    codecs: info.codecs,
    height: info.height,
    bytes: info.bytes,
    files: info.files.map((f) => ({ key: f.key, bytes: f.bytes })),
    saved_at: Date.now(),
  };
  await cache.put(metaKey(episodeId), new Response(JSON.stringify(item), { headers: { "Content-Type": "application/json" } }));
  if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(() => {});
  return { ok: true, item };
}

// Online again: ask about every saved episode; the ones refused now (a refund, a series taken
// down, a signed-out viewer) are removed. Returns the ids removed. Offline: nothing changes.
export async function recheck() {
  const removed = [];
  for (const item of await listSaved()) {
    let answer;
    try {
      answer = await check(item.episode_id);
    } catch (error) {
      return removed;
    }
    if ([401, 403, 404].includes(answer.status)) {
      await removeEpisode(item.episode_id);
      removed.push(item.episode_id);
    }
  }
  return removed;
}

export function formatBytes(bytes) {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

// Plays a saved episode in `video` straight from the cache through Media Source Extensions
// (no network, no player library): the init segment, then each media segment in order.
export async function playSaved(video, episodeId) {
  const cache = await caches.open(CACHE);
  const meta = await cache.match(metaKey(episodeId));
  if (!meta) throw new Error("not saved");
  const item = await meta.json();
  const type = `video/mp4; codecs="${item.codecs || "avc1.64001f,mp4a.40.2"}"`;
  const source = new MediaSource();
  video.src = URL.createObjectURL(source);
  await new Promise((resolve) => source.addEventListener("sourceopen", resolve, { once: true }));
  const buffer = source.addSourceBuffer(type);
  for (const file of item.files) {
    const response = await cache.match(file.key);
    if (!response) throw new Error(`missing ${file.key}`);
    buffer.appendBuffer(await response.arrayBuffer());
    await new Promise((resolve) => buffer.addEventListener("updateend", resolve, { once: true }));
  }
  source.endOfStream();
  return item;
}
