// How much of an episode the player fetches ahead, which rendition it starts with, and the
// next episode's first segment fetched instead of more of this one.
//
// A viewer who swipes away after 3 s should not have paid for the whole episode: the forward
// buffer is capped at about 10-14 s (10 s, plus the segment in flight), and grows once the viewer
// has watched past the first quarter (they are likely to finish). Meanwhile the next episode's
// playlists, init segment and first media segment are fetched once, at low priority, into the
// HTTP cache (the stream's responses are cacheable), so a swipe starts it at once.

export const START_BUFFER = { maxBufferLength: 10, maxMaxBufferLength: 12, maxBufferSize: 8e6 };
export const LATER_BUFFER = { maxBufferLength: 30, maxMaxBufferLength: 60, maxBufferSize: 60e6 };
const ENGAGED_FRACTION = 0.25;

// The rendition to start with: the largest one no wider than the stage at (at most) 1.5 device
// pixels per CSS pixel, so a phone starts with 480p/720p rather than 1080p; ABR (capped to the
// player's size) moves from there.
export function startLevelFor(levels, video) {
  const target = Math.max(video.clientWidth || 360, 240) * Math.min(window.devicePixelRatio || 1, 1.5);
  let best = -1;
  levels.forEach((level, index) => {
    const width = level.width || 0;
    if (width && width <= target && (best < 0 || width > levels[best].width)) best = index;
  });
  if (best >= 0) return best;
  // All wider than the stage: the narrowest.
  return levels.reduce((low, level, index) => (level.width < levels[low].width ? index : low), 0);
}

// Widen the buffer once the viewer has watched past the first quarter.
export function widenWhenEngaged(hls, video) {
  let widened = false;
  const onTime = () => {
    if (widened || !Number.isFinite(video.duration) || video.duration <= 0) return;
    if (video.currentTime >= video.duration * ENGAGED_FRACTION) {
      widened = true;
      Object.assign(hls.config, LATER_BUFFER);
    }
  };
  video.addEventListener("timeupdate", onTime);
  return () => video.removeEventListener("timeupdate", onTime);
}

const lines = (text) => text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
const resolve = (uri, base) => new URL(uri, base).toString();
const get = (url, signal) =>
  fetch(url, { credentials: "same-origin", priority: "low", signal }).then((response) => {
    if (!response.ok) throw new Error(`${response.status} ${url}`);
    return response;
  });

// The media playlist in `master` closest to `height` (the rendition playing now).
function pickVariant(master, base, height) {
  const rows = lines(master);
  let best = null;
  rows.forEach((line, index) => {
    if (!line.startsWith("#EXT-X-STREAM-INF")) return;
    const uri = rows[index + 1];
    const match = /RESOLUTION=\d+x(\d+)/.exec(line);
    const h = match ? Number(match[1]) : 0;
    if (uri && (!best || Math.abs(h - height) < Math.abs(best.h - height))) best = { h, uri };
  });
  return best ? resolve(best.uri, base) : null;
}

// Fetches the next episode's master and media playlists, init segment and first segment.
// Returns a function that cancels what is still in flight.
export function preloadFirstSegment(masterUrl, height) {
  const abort = new AbortController();
  const base = new URL(masterUrl, window.location.href).toString();
  (async () => {
    const master = await (await get(base, abort.signal)).text();
    const mediaUrl = pickVariant(master, base, height) || base;
    const media = mediaUrl === base ? master : await (await get(mediaUrl, abort.signal)).text();
    const rows = lines(media);
    const map = rows.find((line) => line.startsWith("#EXT-X-MAP"));
    const mapUri = map && /URI="([^"]+)"/.exec(map);
    const first = rows.find((line) => !line.startsWith("#"));
    const wanted = [mapUri && mapUri[1], first].filter(Boolean).map((uri) => resolve(uri, mediaUrl));
    // Read the bodies to the end, so the cache keeps them whole.
    await Promise.all(wanted.map((url) => get(url, abort.signal).then((r) => r.arrayBuffer())));
  })().catch(() => {}); // a failed preload costs nothing: the next episode loads as usual
  return () => abort.abort();
}
