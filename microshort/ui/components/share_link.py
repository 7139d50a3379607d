"""The Share buttons' script (watch rail, series page): make the viewer's short share link
(POST /api/share-links, channel "native" or "copy"), then the phone's share sheet (Web Share
API) where there is one, else copy it. It runs in the click itself (no websocket round trip
first), so the share sheet still counts as the tap's. If the link cannot be made, the page's
own address (which previews too) is shared instead.

Called as SHARE_SCRIPT + "(" + data + ")", data = { id, title, url, target } (target: the
request body, e.g. { episode_id: 12 }); answers id once the link is copied, 0 when shared or
cancelled, minus id when copying failed. Insecure origins have no navigator.clipboard: a
hidden text area then.
"""

from __future__ import annotations

SHARE_SCRIPT = """(async (d) => {
  const native = typeof navigator.share === "function";
  try {
    const made = await fetch("/api/share-links", {
      method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ...d.target, channel: native ? "native" : "copy" }),
    });
    if (made.ok) d.url = window.location.origin + (await made.json()).path;
  } catch (e) {}
  if (native) {
    try { await navigator.share({ title: d.title, url: d.url }); return 0; }
    catch (e) { if (e && e.name === "AbortError") return 0; }
  }
  try { await navigator.clipboard.writeText(d.url); return d.id; }
  catch (e) {
    const area = document.createElement("textarea");
    area.value = d.url;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const copied = document.execCommand("copy");
    area.remove();
    return copied ? d.id : -d.id;
  }
})"""
