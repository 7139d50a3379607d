// An episode's live room, drawn over the vertical player: a websocket to /ws/rooms/<episode>
// (protocol in microshort/api/rooms.py) that sends reactions, floats everyone's reactions up the
// right side, replays past viewers' reactions at their moments, shows "N watching" and
// reconnects with backoff. Wrapped for Reflex by live_room.py.
import { useCallback, useEffect, useRef, useState } from "react";
import "./live_room.css";

const EMOJIS = ["❤️", "🔥", "😂", "😮", "😭", "👏"];
const PING_MS = 20000; // the server closes a socket that is silent for a minute
const REPLAY_SPAN_MS = 10000; // past reactions are fetched this much timeline at a time
const REPLAY_LEAD_MS = 3000; // ...this long before the current window runs out
const REPLAY_LATE_MS = 1500; // a past reaction due longer ago than this is skipped
const JITTER_MS = 300; // past reactions appear within ± this of their moment
const TICK_MS = 100;
const MAX_FLOATERS = 30;
const FLOAT_MS = 2600;
const NOTICE_MS = 4000;
const UNAUTHORIZED = 4401;

function roomUrl(episodeId, ticket) {
  const scheme = window.location.protocol === "https:" ? "wss" : "ws";
  return `${scheme}://${window.location.host}/ws/rooms/${episodeId}?ticket=${encodeURIComponent(ticket)}`;
}

function backoff(attempt) {
  return Math.min(30000, 500 * 2 ** attempt) * (0.5 + Math.random() / 2);
}

export function LiveRoom({ episodeId, ticket, ticketSerial, onComment, onNeedTicket }) {
  const rootRef = useRef(null);
  const live = useRef({});
  live.current = { onComment, onNeedTicket };
  const socketRef = useRef(null);
  const youRef = useRef("");
  const replay = useRef({ pending: [], until: -1, asked: -1 });
  const seq = useRef(0);
  const noticeTimer = useRef(0);
  const [status, setStatus] = useState("connecting");
  const [watching, setWatching] = useState(0);
  const [paused, setPaused] = useState(false); // the server lost its fan-out (Redis)
  const [worker, setWorker] = useState("");
  const [floaters, setFloaters] = useState([]);
  const [trayOpen, setTrayOpen] = useState(false);
  const [notice, setNotice] = useState("");

  const stage = useCallback(() => rootRef.current?.closest(".vp-root") || null, []);
  const video = useCallback(() => stage()?.querySelector("video") || null, [stage]);

  const float = useCallback((emoji, n, source) => {
    const id = ++seq.current;
    const lane = Math.round(Math.random() * 100) / 100;
    setFloaters((list) => [...list.slice(-(MAX_FLOATERS - 1)), { id, emoji, n, source, lane }]);
    setTimeout(() => setFloaters((list) => list.filter((f) => f.id !== id)), FLOAT_MS);
  }, []);

  const say = useCallback((text) => {
    setNotice(text);
    clearTimeout(noticeTimer.current);
    noticeTimer.current = setTimeout(() => setNotice(""), NOTICE_MS);
  }, []);

  const send = useCallback((message) => {
    const socket = socketRef.current;
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(message));
    return true;
  }, []);

  const resetReplay = useCallback(() => {
    replay.current = { pending: [], until: -1, asked: -1 };
  }, []);

  const react = useCallback((emoji) => {
    const v = video();
    const t = v ? Math.max(0, Math.round(v.currentTime * 1000)) : 0;
    if (!send({ type: "reaction", emoji, t })) {
      say("Reconnecting to the room… try again in a moment.");
      return;
    }
    float(emoji, 1, "mine"); // at once; the room's echo carries our tag and is skipped
  }, [video, send, float, say]);

  // The socket: connect, route messages, reconnect with backoff; a rejected ticket asks for a
  // new one (the new `ticket`/`ticketSerial` props reconnect).
  useEffect(() => {
    if (!ticket || !episodeId) return undefined;
    let socket = null;
    let stopped = false;
    let attempt = 0;
    let retryTimer = 0;
    let pingTimer = 0;
    const handle = (m) => {
      if (m.type === "hello") {
        attempt = 0;
        youRef.current = m.you;
        setWatching(m.watching);
        setWorker(m.worker || "");
        setStatus("live");
        setPaused(m.live === false);
        resetReplay();
      } else if (m.type === "presence") {
        setWatching(m.watching);
      } else if (m.type === "live") {
        setPaused(!m.live);
      } else if (m.type === "reaction") {
        if (m.viewer !== youRef.current) float(m.emoji, 1, "live");
      } else if (m.type === "replay") {
        const r = replay.current;
        if (m.from !== r.asked) return; // asked before a seek: stale
        const due = m.items.map((item) => ({
          at: Math.max(m.from, item.t + Math.round((Math.random() * 2 - 1) * JITTER_MS)),
          emoji: item.emoji,
          n: item.n,
        }));
        r.pending = [...r.pending, ...due].sort((a, b) => a.at - b.at);
        r.until = m.to;
        r.asked = -1;
      } else if (m.type === "comment") {
        if (live.current.onComment) live.current.onComment(m.id);
      } else if (m.type === "error") {
        say(m.error);
      }
    };
    const connect = () => {
      setStatus("connecting");
      socket = new WebSocket(roomUrl(episodeId, ticket));
      socketRef.current = socket;
      socket.onopen = () => {
        pingTimer = setInterval(() => send({ type: "ping" }), PING_MS);
      };
      socket.onmessage = (event) => {
        let data;
        try {
          data = JSON.parse(event.data);
        } catch {
          return;
        }
        for (const message of Array.isArray(data) ? data : [data]) handle(message);
      };
      socket.onclose = (event) => {
        clearInterval(pingTimer);
        if (socketRef.current === socket) socketRef.current = null;
        if (stopped) return;
        setStatus("offline");
        if (event.code === UNAUTHORIZED) {
          if (live.current.onNeedTicket) live.current.onNeedTicket();
          return;
        }
        retryTimer = setTimeout(connect, backoff(attempt));
        attempt += 1;
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      clearInterval(pingTimer);
      if (socket) socket.close(1000);
      socketRef.current = null;
    };
  }, [episodeId, ticket, ticketSerial, send, float, say, resetReplay]);

  // Replay: keep the next window of past reactions fetched; float each at its moment.
  useEffect(() => {
    const timer = setInterval(() => {
      const v = video();
      if (!v) return;
      const t = Math.round(v.currentTime * 1000);
      const r = replay.current;
      if (r.asked < 0 && (r.until < 0 || t + REPLAY_LEAD_MS >= r.until)) {
        const from = r.until < 0 ? t : r.until;
        if (send({ type: "replay", from, to: from + REPLAY_SPAN_MS })) r.asked = from;
      }
      if (v.paused) return;
      while (r.pending.length && r.pending[0].at <= t) {
        const item = r.pending.shift();
        if (t - item.at <= REPLAY_LATE_MS) float(item.emoji, item.n, "replay");
      }
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [video, send, float]);

  // Seeking starts the replay over from the new position; a double-tap sends a heart.
  useEffect(() => {
    const root = stage();
    if (!root) return undefined;
    const onSeek = () => resetReplay();
    const onDoubleTap = () => react("❤️");
    root.addEventListener("seeking", onSeek, true); // media events do not bubble: capture
    root.addEventListener("vp-doubletap", onDoubleTap);
    return () => {
      root.removeEventListener("seeking", onSeek, true);
      root.removeEventListener("vp-doubletap", onDoubleTap);
    };
  }, [stage, resetReplay, react]);

  if (!ticket) return null;
  return (
    <div ref={rootRef} className="lr-root" data-testid="live-room" data-status={status} data-worker={worker}>
      {paused || status === "offline" ? (
        <div className="lr-presence lr-paused" data-testid="live-paused" role="status">
          <span className="lr-dot" aria-hidden="true" />
          Live paused · reconnecting…
        </div>
      ) : watching > 0 ? (
        <div className="lr-presence" data-testid="presence" aria-live="polite">
          <span className="lr-dot" aria-hidden="true" />
          {`${watching.toLocaleString()} watching`}
        </div>
      ) : null}
      <div className="lr-stream" aria-hidden="true">
        {floaters.map((f) => (
          <span key={f.id} className="lr-float" data-source={f.source} style={{ "--lane": f.lane }}>
            {f.emoji}
            {f.n > 1 ? <small>{`×${f.n}`}</small> : null}
          </span>
        ))}
      </div>
      <div className="lr-rail">
        {trayOpen ? (
          <div className="lr-tray" role="group" aria-label="Reactions" data-testid="reaction-tray">
            {EMOJIS.map((emoji) => (
              <button key={emoji} type="button" className="lr-emoji" aria-label={`React with ${emoji}`}
                onClick={() => react(emoji)}>
                {emoji}
              </button>
            ))}
          </div>
        ) : null}
        <button type="button" className="lr-toggle" data-testid="reaction-button" aria-expanded={trayOpen}
          aria-label={trayOpen ? "Close reactions" : "React"} onClick={() => setTrayOpen((open) => !open)}>
          {trayOpen ? "✕" : "❤️"}
        </button>
      </div>
      {notice ? <div className="lr-notice" role="status" data-testid="room-notice">{notice}</div> : null}
    </div>
  );
}
