// Pieces of the vertical player (vertical_player.jsx): icons, helpers, the scrubber with its heat
// strip, subtitles.
import { useEffect, useRef, useState } from "react";

const SPEAKER = <path d="M3 9h4l5-4v14l-5-4H3z" fill="currentColor" />;
const ICONS = {
  play: <path d="M8 5v14l11-7z" fill="currentColor" />,
  pause: <path d="M6 5h4v14H6zM14 5h4v14h-4z" fill="currentColor" />,
  sound: (
    <>
      {SPEAKER}
      <path d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12" fill="none" stroke="currentColor" strokeWidth="2" />
    </>
  ),
  muted: (
    <>
      {SPEAKER}
      <path d="M16 9.5l5 5M21 9.5l-5 5" fill="none" stroke="currentColor" strokeWidth="2" />
    </>
  ),
  cc: (
    <>
      <rect x="2.5" y="5.5" width="19" height="13" rx="2" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <text x="12" y="15.5" textAnchor="middle" fontSize="8" fontWeight="700" fill="currentColor">
        CC
      </text>
    </>
  ),
};
export const Icon = ({ name }) => (
  <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    {ICONS[name]}
  </svg>
);

export const finite = (n) => (Number.isFinite(n) ? n : 0);
export const round2 = (n) => Math.round(finite(n) * 100) / 100;
export const clamp = (n, lo, hi) => Math.min(hi, Math.max(lo, n));
export const clock = (s) => {
  const t = Math.floor(finite(s));
  return `${Math.floor(t / 60)}:${String(t % 60).padStart(2, "0")}`;
};

// Reaction density (numbers 0..1, evenly spread over the episode) as a filled area chart.
export function HeatStrip({ heat }) {
  if (!Array.isArray(heat) || heat.length === 0) return null;
  const n = heat.length;
  const points = heat.map((v, i) => `${i + 0.5},${(1 - clamp(Number(v) || 0, 0, 1)).toFixed(3)}`);
  return (
    <svg className="vp-heat" viewBox={`0 0 ${n} 1`} preserveAspectRatio="none" aria-hidden="true">
      <path d={`M0,1 L${points.join(" L")} L${n},1 Z`} />
    </svg>
  );
}

// The active subtitle text. The player draws it (above its controls) instead of the browser, whose
// cues sit at the very bottom of the element, under the controls; tracks stay "hidden" to load cues.
export function useCues(videoRef, subtitlesSrc) {
  const [cue, setCue] = useState("");
  useEffect(() => {
    const list = videoRef.current.textTracks;
    const subtitles = () => Array.from(list).filter((t) => t.kind === "subtitles" || t.kind === "captions");
    const update = () => {
      const active = subtitles().flatMap((t) => Array.from(t.activeCues || []));
      setCue(active.map((c) => c.text.replace(/<[^>]*>/g, "")).join("\n"));
    };
    const sync = () => {
      subtitles().forEach((t) => {
        t.mode = "hidden";
        t.oncuechange = update;
      });
      update();
    };
    sync();
    list.addEventListener("addtrack", sync);
    return () => list.removeEventListener("addtrack", sync);
  }, [videoRef, subtitlesSrc]);
  return cue;
}

const STEP_S = 5; // keyboard seek step

// The progress bar (role=slider, 44 px tall): click or drag seeks on release (one seek, one
// fetch), ArrowLeft/ArrowRight step 5 s, Home/End; ArrowUp/Down are left to next/previous.
// `scrub` is the dragged fraction (null when idle), owned by the player for its time label.
export function Scrubber({ videoRef, scrub, setScrub, time, duration, paused, heat, seekTo, poke }) {
  const barRef = useRef(null);
  // Smooth fill: a CSS variable written each frame while playing, without re-rendering.
  useEffect(() => {
    const v = videoRef.current;
    let frame = 0;
    const paint = () => {
      const p = scrub !== null ? scrub : finite(v.duration) ? clamp(v.currentTime / v.duration, 0, 1) : 0;
      barRef.current.style.setProperty("--p", String(p));
      if (!v.paused && scrub === null) frame = requestAnimationFrame(paint);
    };
    paint();
    return () => cancelAnimationFrame(frame);
  }, [videoRef, paused, scrub, time, duration]);

  const fractionAt = (e) => {
    const box = barRef.current.getBoundingClientRect();
    return clamp((e.clientX - box.left) / box.width, 0, 1);
  };
  const onPointerDown = (e) => {
    if (!duration) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    setScrub(fractionAt(e));
    poke();
  };
  const onPointerUp = (e) => {
    if (scrub === null) return;
    seekTo(fractionAt(e) * duration);
    setScrub(null);
  };
  const onKeyDown = (e) => {
    const moves = { ArrowLeft: -STEP_S, ArrowRight: STEP_S, Home: -Infinity, End: Infinity };
    if (!(e.key in moves)) return;
    e.preventDefault();
    const to = videoRef.current.currentTime + moves[e.key];
    seekTo(Number.isFinite(to) ? to : to > 0 ? duration : 0);
  };
  const shown = scrub !== null ? scrub * duration : time;
  return (
    <div ref={barRef} className="vp-bar" role="slider" tabIndex={0} aria-label="Seek" aria-valuemin={0}
      aria-valuemax={Math.round(duration)} aria-valuenow={Math.round(shown)}
      aria-valuetext={`${clock(shown)} of ${clock(duration)}`} data-drag={scrub !== null ? "" : undefined}
      onPointerDown={onPointerDown} onPointerMove={(e) => scrub !== null && setScrub(fractionAt(e))}
      onPointerUp={onPointerUp} onPointerCancel={() => setScrub(null)} onKeyDown={onKeyDown}>
      <HeatStrip heat={heat} />
      <div className="vp-track">
        <div className="vp-fill" />
        <div className="vp-thumb" />
      </div>
    </div>
  );
}
