// Puts an HLS source on a <video>: hls.js (ABR from the auto level, error recovery) or the
// browser's own HLS, then the resume point and autoplay with a muted fallback.
// The light build: no alternate audio, in-manifest subtitles or DRM, none of which MicroShort uses
// (subtitles come as a WebVTT <track>); about 40 % smaller.
import Hls from "hls.js/light";
import { START_BUFFER, preloadFirstSegment, startLevelFor, widenWhenEngaged } from "./buffer_policy.js";

// Native HLS where it is first-class (Safari/iOS, recognised by its AirPlay API) or where hls.js
// cannot run; hls.js everywhere else. Chromium now answers "maybe" for HLS too, so canPlayType
// alone would bypass hls.js (its ABR and recovery) there. `choice` "hls"/"native" forces one.
export function pickEngine(video, choice) {
  const native = video.canPlayType("application/vnd.apple.mpegurl") !== "";
  const mse = Hls.isSupported();
  if (choice === "native" || (choice === "hls" && !mse)) return native ? "native" : null;
  if (choice === "hls") return "hls";
  if (native && (!mse || "WebKitPlaybackTargetAvailabilityEvent" in window)) return "native";
  return mse ? "hls" : native ? "native" : null;
}

// A missing or failing segment: hls.js retries it 3 times (1 s, 2 s, 4 s; its default keeps trying
// for about 30 s), then this file restarts loading once, then it is fatal: about 15 s of spinner.
const FRAG_RETRY = { maxNumRetry: 3, retryDelayMs: 1000, maxRetryDelayMs: 4000 };
const sorry = (what) => `This episode could not be played: ${what}. Try again in a moment.`;

// opts: { engine, start, autoplay, preloadNext (the next episode's master playlist URL, or ""),
//   onFatal(message, atSeconds), onMutedAutoplay(), onAutoplayFailed() }.
// Returns { engine, detach }.
export function attachSource(video, src, opts) {
  const engine = pickEngine(video, opts.engine);
  const start = Math.max(0, Number(opts.start) || 0);
  let hls = null;
  let dead = false;
  let netRetries = 0;
  let mediaRetries = 0;
  let cancelPreload = null;
  let stopWidening = null;
  // Once this episode's capped buffer is full (or it is all loaded): the next one's first segment.
  const preloadWhenFull = (height) => {
    if (cancelPreload || !opts.preloadNext || dead) return;
    const buffered = video.buffered;
    const end = buffered.length ? buffered.end(buffered.length - 1) : 0;
    const whole = Number.isFinite(video.duration) && end >= video.duration - 0.5;
    if (whole || end - video.currentTime >= START_BUFFER.maxBufferLength - 2) {
      cancelPreload = preloadFirstSegment(opts.preloadNext, height);
    }
  };

  const fail = (message) => {
    if (dead) return;
    dead = true;
    const at = video.currentTime;
    if (hls) hls.destroy();
    hls = null;
    opts.onFatal(message, at);
  };
  const onMeta = () => {
    const target = start < (Number.isFinite(video.duration) ? video.duration : 0) - 1 ? start : 0;
    if (Math.abs(video.currentTime - target) > 0.5) video.currentTime = target; // finished: start over
  };
  const onNativeReady = () => preloadWhenFull(video.videoHeight || 854);
  const onNativeError = () => {
    fail(sorry(`media error ${video.error ? video.error.code : "unknown"}`));
  };
  const autoplay = async () => {
    if (!opts.autoplay || dead) return;
    try {
      await video.play();
    } catch (err) {
      const name = err && err.name;
      if (name === "NotAllowedError" && !video.muted && !dead) {
        video.muted = true; // the browser refused sound: start muted, the UI offers sound
        opts.onMutedAutoplay();
        await video.play().catch(() => opts.onAutoplayFailed());
      } else if (name !== "AbortError") opts.onAutoplayFailed();
    }
  };

  video.addEventListener("loadedmetadata", onMeta, { once: true });
  if (engine === "hls") {
    const fragLoadPolicy = { default: { ...Hls.DefaultConfig.fragLoadPolicy.default, errorRetry: FRAG_RETRY } };
    hls = new Hls({
      ...START_BUFFER,
      capLevelToPlayerSize: true,
      startPosition: start > 0 ? start : -1,
      backBufferLength: 30,
      fragLoadPolicy,
    });
    stopWidening = widenWhenEngaged(hls, video);
    hls.on(Hls.Events.MANIFEST_PARSED, (_event, data) => {
      hls.startLevel = startLevelFor(data.levels, video);
      autoplay();
    });
    hls.on(Hls.Events.FRAG_BUFFERED, (_event, data) => {
      netRetries = 0;
      const level = hls && hls.levels[data.frag.level];
      preloadWhenFull(level ? level.height : 854);
    });
    hls.on(Hls.Events.ERROR, (_event, data) => {
      if (!data.fatal || dead) return;
      const network = data.type === Hls.ErrorTypes.NETWORK_ERROR;
      // hls.js has already retried by itself; a playlist failure is final, segments get one restart.
      if (network && !String(data.details).startsWith("manifest") && netRetries < 1) {
        netRetries += 1;
        setTimeout(() => hls && !dead && hls.startLoad(), 1000 * netRetries);
      } else if (data.type === Hls.ErrorTypes.MEDIA_ERROR && mediaRetries < 2) {
        mediaRetries += 1;
        hls.recoverMediaError();
      } else {
        const what = network ? "the connection failed" : "the video could not be decoded";
        fail(sorry(`${what} (${data.details})`));
      }
    });
    hls.attachMedia(video);
    hls.loadSource(src);
  } else if (engine === "native") {
    video.addEventListener("error", onNativeError);
    video.addEventListener("canplaythrough", onNativeReady, { once: true });
    video.src = src;
    autoplay();
  } else {
    fail("This browser cannot play these videos. Try a current Chrome, Safari, Firefox or Edge.");
  }

  const detach = () => {
    dead = true;
    video.removeEventListener("loadedmetadata", onMeta);
    video.removeEventListener("error", onNativeError);
    video.removeEventListener("canplaythrough", onNativeReady);
    if (stopWidening) stopWidening();
    if (cancelPreload) cancelPreload();
    if (hls) hls.destroy();
    else if (engine === "native") {
      video.removeAttribute("src");
      video.load();
    }
  };
  return { engine: engine || "none", detach };
}
