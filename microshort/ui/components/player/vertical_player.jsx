// MicroShort's vertical player: a 9:16 stage with tap/swipe/keyboard control, a scrubber with the
// reaction heat strip and an overlay slot for children. Wrapped for Reflex by player.py.
import { useCallback, useEffect, useRef, useState } from "react";
import { attachSource } from "./hls_source.js";
import { Icon, Scrubber, clamp, clock, finite, round2, useCues } from "./player_parts.jsx";
import "./vertical_player.css";

const IDLE_MS = 3000; // controls fade after this long without interaction
const TAP_MS = 250; // a second tap within this is a double-tap (left to reactions)
const PROGRESS_MS = 5000; // on_progress cadence while playing
const SWIPE_PX = 60; // a swipe travels this far (or 12 % of the stage height, if more)

// Keys pressed in these belong to them, not to the player.
const OWNS_KEYS =
  'input,textarea,select,[contenteditable=""],[contenteditable="true"],[role=dialog],' +
  "[role=radiogroup],[role=listbox],[role=menu],[role=tablist],[role=combobox]";
const CLICKABLE = "button,a,[role=button],[role=slider],summary";

export function VerticalPlayer(props) {
  // Handlers are named here only to keep them off the root <div>; they are read through `live`.
  const { src, poster, startAt = 0, autoplay = false, muted = false, subtitlesSrc, subtitlesLang = "en",
    heat, fit = "contain", engine: engineChoice = "auto", children, className, onProgress, onEnded,
    onRequestNext, onRequestPrevious, onFatalError, onDoubleTap, beaconUrl, preloadNext, ref: outerRef,
    ...rest } = props;
  const rootRef = useRef(null);
  const videoRef = useRef(null);
  const [isMuted, setMuted] = useState(!!muted);
  const [paused, setPaused] = useState(true);
  const [buffering, setBuffering] = useState(false);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(0);
  const [idle, setIdle] = useState(false);
  const [flash, setFlash] = useState(null); // the glyph shown briefly after a tap
  const [soundHint, setSoundHint] = useState(false);
  const [captions, setCaptions] = useState(true);
  const cue = useCues(videoRef, subtitlesSrc);
  const [scrub, setScrub] = useState(null); // fraction while the scrubber is dragged
  const [error, setError] = useState("");
  const [engine, setEngine] = useState("");
  const [reload, setReload] = useState(0);
  // Reflex passes new handler functions on every render; listeners read the latest props here.
  const live = useRef(props);
  live.current = props;
  const lastSent = useRef(null);
  const idleTimer = useRef(0);
  const tapTimer = useRef(0);
  const gesture = useRef(null);
  const lastNav = useRef(0);
  const failedAt = useRef(0); // where playback failed: "Try again" resumes there
  const retryAt = useRef(null);
  const setRoot = useCallback((node) => {
    rootRef.current = node; // and Reflex's ref (given with an id) gets the same root element
    if (typeof outerRef === "function") outerRef(node);
    else if (outerRef) outerRef.current = node;
  }, [outerRef]);

  // Sends on_progress(seconds, duration), once per position. Also a DOM listener (given an Event)
  // and the unmount report (given the element: the ref is gone by then). On pagehide Reflex has
  // already closed its socket, so beacon_url (if set) gets the position as JSON via sendBeacon.
  const report = useCallback((arg) => {
    const v = arg instanceof HTMLVideoElement ? arg : videoRef.current;
    const { onProgress: send, beaconUrl } = live.current;
    if (!v || v.readyState === 0 || (!send && !beaconUrl)) return;
    const [seconds, length] = [round2(v.currentTime), round2(v.duration)];
    if (seconds === lastSent.current) return;
    lastSent.current = seconds;
    if (arg && arg.type === "pagehide" && beaconUrl) {
      navigator.sendBeacon(beaconUrl, JSON.stringify({ seconds, duration: length }));
    }
    if (send) send(seconds, length);
  }, []);

  const poke = useCallback(() => {
    setIdle(false);
    clearTimeout(idleTimer.current);
    idleTimer.current = setTimeout(() => setIdle(true), IDLE_MS);
  }, []);

  const togglePlay = () => {
    const v = videoRef.current;
    if (!v || error) return;
    if (v.paused || v.ended) v.play().catch(() => {});
    else v.pause();
    setFlash({ icon: v.paused ? "pause" : "play", key: performance.now() });
    poke();
  };
  const toggleMute = () => {
    videoRef.current.muted = !videoRef.current.muted;
    setSoundHint(false);
    poke();
  };
  const navigate = (next) => {
    const now = performance.now();
    if (now - lastNav.current < 500) return; // one swipe or key press, one request
    lastNav.current = now;
    report();
    const fn = next ? live.current.onRequestNext : live.current.onRequestPrevious;
    if (fn) fn();
  };
  const seekTo = (seconds) => {
    const v = videoRef.current;
    if (!finite(v.duration)) return;
    v.currentTime = clamp(seconds, 0, Math.max(0, v.duration - 0.1));
    setTime(v.currentTime);
    poke();
  };
  const actions = useRef({});
  actions.current = { togglePlay, toggleMute, navigate };

  useEffect(() => {
    videoRef.current.muted = !!muted;
    setMuted(!!muted);
  }, [muted]);

  // Tab/app switch (visibilitychange), unload (pagehide) and leaving the page in-app (unmount) report
  // where the viewer stopped. Declared before the source effect, so that the unmount report still
  // sees the media. And the keyboard.
  useEffect(() => {
    const video = videoRef.current;
    const onVisibility = () => document.visibilityState === "hidden" && report();
    const onKey = (e) => {
      const t = e.target instanceof Element ? e.target : null;
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || (t && t.closest(OWNS_KEYS))) return;
      const a = actions.current;
      if (e.key === "ArrowDown") a.navigate(true);
      else if (e.key === "ArrowUp") a.navigate(false);
      else if ((e.key === " " || e.key === "k") && !(t && t.closest(CLICKABLE))) a.togglePlay();
      else if (e.key === "m") a.toggleMute();
      else return;
      e.preventDefault();
    };
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("pagehide", report);
    window.addEventListener("keydown", onKey);
    return () => {
      report(video);
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("pagehide", report);
      window.removeEventListener("keydown", onKey);
      clearTimeout(idleTimer.current);
      clearTimeout(tapTimer.current);
    };
  }, [report]);

  // A new src (or "Try again") loads from scratch; start_at and autoplay are read at that moment.
  useEffect(() => {
    const v = videoRef.current;
    if (!src) return undefined;
    lastSent.current = null;
    setError("");
    setTime(0);
    setDuration(0);
    setBuffering(!!live.current.autoplay);
    delete v.dataset.firstFrameMs;
    let current = true;
    if (v.requestVideoFrameCallback) {
      v.requestVideoFrameCallback(() => {
        if (current) v.dataset.firstFrameMs = String(Math.round(performance.now()));
      });
    }
    const source = attachSource(v, src, {
      engine: engineChoice,
      start: retryAt.current ?? live.current.startAt,
      autoplay: live.current.autoplay,
      preloadNext: live.current.preloadNext || "",
      onMutedAutoplay: () => setSoundHint(true),
      onAutoplayFailed: () => setBuffering(false),
      onFatal: (message, at) => {
        failedAt.current = at;
        setBuffering(false);
        setError(message);
        if (live.current.onFatalError) live.current.onFatalError(message);
      },
    });
    setEngine(source.engine);
    retryAt.current = null;
    return () => {
      current = false;
      source.detach();
    };
  }, [src, engineChoice, reload]);

  // Media element → React state and the Reflex events.
  useEffect(() => {
    const v = videoRef.current;
    const on = {
      play: () => {
        setPaused(false);
        poke(); // start the fade countdown
      },
      pause: () => {
        setPaused(true);
        report();
      },
      playing: () => setBuffering(false),
      waiting: () => setBuffering(true),
      seeked: () => {
        setBuffering(false);
        report();
      },
      timeupdate: () => setTime(v.currentTime),
      durationchange: () => setDuration(finite(v.duration)),
      volumechange: () => setMuted(v.muted),
      ended: () => live.current.onEnded && live.current.onEnded(),
    };
    Object.entries(on).forEach(([name, fn]) => v.addEventListener(name, fn));
    return () => Object.entries(on).forEach(([name, fn]) => v.removeEventListener(name, fn));
  }, [report, poke]);

  useEffect(() => {
    if (paused) return undefined;
    const timer = setInterval(report, PROGRESS_MS);
    return () => clearInterval(timer);
  }, [paused, report]);

  // Tap: play/pause after TAP_MS, so a double-tap stays free for reactions (on_double_tap with the
  // tap's position as fractions of the stage). Vertical swipe on touch: next/previous episode.
  const surface = {
    onPointerDown: (e) => {
      if (e.isPrimary) gesture.current = { x: e.clientX, y: e.clientY, t: performance.now(), type: e.pointerType };
      poke();
    },
    onPointerCancel: () => { gesture.current = null; },
    onPointerUp: (e) => {
      const g = gesture.current;
      gesture.current = null;
      if (!g) return;
      const dx = e.clientX - g.x;
      const dy = e.clientY - g.y;
      const far = Math.max(SWIPE_PX, rootRef.current.clientHeight * 0.12);
      if (g.type !== "mouse" && Math.abs(dy) > far && Math.abs(dy) > 1.5 * Math.abs(dx)) {
        navigate(dy < 0);
      } else if (Math.hypot(dx, dy) < 12 && performance.now() - g.t < 600) {
        if (tapTimer.current) {
          clearTimeout(tapTimer.current);
          tapTimer.current = 0;
          const box = rootRef.current.getBoundingClientRect();
          const x = round2((e.clientX - box.left) / box.width);
          const y = round2((e.clientY - box.top) / box.height);
          // Overlay components (the live room's heart reaction) listen for this on the root.
          rootRef.current.dispatchEvent(new CustomEvent("vp-doubletap", { detail: { x, y } }));
          const fn = live.current.onDoubleTap;
          if (fn) fn(x, y);
        } else {
          tapTimer.current = setTimeout(() => {
            tapTimer.current = 0;
            actions.current.togglePlay();
          }, TAP_MS);
        }
      }
    },
  };

  const retry = () => {
    retryAt.current = failedAt.current;
    setReload((n) => n + 1);
  };
  const shown = scrub !== null ? scrub * duration : time;
  const state = error ? "error" : buffering ? "buffering" : paused ? "paused" : "playing";
  const hideControls = idle && !paused && scrub === null && !error;
  return (
    <div {...rest} ref={setRoot} className={className ? `vp-root ${className}` : "vp-root"} data-fit={fit}
      data-state={state} data-engine={engine} data-idle={hideControls ? "" : undefined}
      onPointerMove={(e) => e.pointerType === "mouse" && poke()} onFocus={poke}>
      <video ref={videoRef} className="vp-video" data-testid="player-video" poster={poster || undefined}
        playsInline muted={isMuted} preload="auto">
        {subtitlesSrc ? (
          <track kind="subtitles" src={subtitlesSrc} srcLang={subtitlesLang} label="Subtitles" default />
        ) : null}
      </video>
      <div className="vp-surface" {...surface} />
      {captions && cue ? (
        <div className="vp-cue">
          <span>{cue}</span>
        </div>
      ) : null}
      <div className="vp-overlay">{children}</div>
      {flash || (paused && !buffering && !error) ? (
        <div key={flash ? flash.key : "still"} className={flash ? "vp-glyph" : "vp-glyph vp-still"}
          onAnimationEnd={() => setFlash(null)}>
          <Icon name={flash ? flash.icon : "play"} />
        </div>
      ) : null}
      {buffering && !error ? <div className="vp-spin" role="status" aria-label="Loading" /> : null}
      {error ? (
        <div className="vp-error" role="alert">
          <p>{error}</p>
          <button type="button" className="vp-btn" onClick={retry}>Try again</button>
        </div>
      ) : null}
      <div className="vp-controls">
        <Scrubber videoRef={videoRef} scrub={scrub} setScrub={setScrub} time={time} duration={duration}
          paused={paused} heat={heat} seekTo={seekTo} poke={poke} />
        <div className="vp-row">
          <button type="button" className="vp-btn" aria-label={paused ? "Play" : "Pause"} onClick={togglePlay}>
            <Icon name={paused ? "play" : "pause"} />
          </button>
          <span className="vp-time">{`${clock(shown)} / ${clock(duration)}`}</span>
          {subtitlesSrc ? (
            <button type="button" className="vp-btn" aria-label="Captions" aria-pressed={captions}
              onClick={() => setCaptions((c) => !c)}>
              <Icon name="cc" />
            </button>
          ) : null}
          {/* The accessible name holds the visible words ("Tap for sound") when they show. */}
          <button type="button" className="vp-btn"
            aria-label={isMuted ? (soundHint ? "Tap for sound" : "Unmute") : "Mute"} onClick={toggleMute}>
            <Icon name={isMuted ? "muted" : "sound"} />
            {soundHint && isMuted ? <span>Tap for sound</span> : null}
          </button>
        </div>
      </div>
    </div>
  );
}
