// Pick a video, then PUT it straight to the upload URL the server hands back (our own upload
// route, or Mux's), reporting progress. The server checks size and type again on its side.
import { useEffect, useRef } from "react";

export function DirectUpload({ url, label, maxBytes, onSelect, onProgress, onDone, onFailed }) {
  const file = useRef(null);
  const sentTo = useRef("");

  useEffect(() => {
    if (!url || !file.current || sentTo.current === url) return;
    sentTo.current = url;
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", new URL(url, window.location.href).href);
    xhr.setRequestHeader("Content-Type", file.current.type || "application/octet-stream");
    let last = -1;
    xhr.upload.onprogress = (event) => {
      if (!event.lengthComputable) return;
      const percent = Math.floor((event.loaded * 100) / event.total);
      if (percent >= last + 2 || percent === 100) {
        last = percent;
        onProgress?.(percent);
      }
    };
    xhr.onload = () => {
      let message = "";
      try {
        message = JSON.parse(xhr.responseText || "{}").error || "";
      } catch (_) {
        message = "";
      }
      if (xhr.status >= 200 && xhr.status < 300) onDone?.(xhr.status);
      else onFailed?.(message || `The upload failed (${xhr.status}). Try again.`);
    };
    xhr.onerror = () => onFailed?.("The connection dropped during the upload. Try again.");
    xhr.send(file.current);
    return () => xhr.readyState < 4 && xhr.abort();
  }, [url]);

  const choose = (event) => {
    const picked = event.target.files && event.target.files[0];
    event.target.value = "";
    if (!picked) return;
    if (maxBytes && picked.size > maxBytes) {
      onFailed?.(`This video is larger than ${Math.round(maxBytes / 1048576)} MB.`);
      return;
    }
    file.current = picked;
    sentTo.current = "";
    onSelect?.(picked.name, picked.size);
  };

  return (
    <label className="rt-reset rt-BaseButton rt-r-size-3 rt-variant-solid rt-Button"
           style={{ cursor: "pointer", minHeight: 44 }}>
      <input type="file" accept="video/*" onChange={choose}
             style={{ position: "absolute", width: 1, height: 1, opacity: 0 }}
             data-testid="video-file" />
      {label || "Choose a video"}
    </label>
  );
}
