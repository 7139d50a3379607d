// /offline.html: what the app shows without a connection. Lists the episodes saved on this
// device and plays one from the cache (offline-store.js).
import { formatBytes, listSaved, playSaved } from "./offline-store.js";

const list = document.getElementById("saved");
const empty = document.getElementById("empty");
const stage = document.getElementById("stage");
const video = document.getElementById("video");
const nowPlaying = document.getElementById("now-playing");

function row(item) {
  const li = document.createElement("li");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "saved-item";
  button.dataset.episode = String(item.episode_id);
  if (item.poster) {
    const img = document.createElement("img");
    img.src = item.poster;
    img.alt = "";
    button.append(img);
  }
  const text = document.createElement("span");
  const title = document.createElement("strong");
  title.textContent = item.title;
  const detail = document.createElement("small");
  detail.textContent = `${item.series_title} · Ep ${item.position} · ${formatBytes(item.bytes)}`;
  text.append(title, detail);
  button.append(text);
  button.setAttribute("aria-label", `Play ${item.title}, ${item.series_title} episode ${item.position}`);
  button.addEventListener("click", () => play(item));
  li.append(button);
  return li;
}

async function play(item) {
  stage.hidden = false;
  nowPlaying.textContent = `${item.series_title} · Ep ${item.position}: ${item.title}`;
  try {
    await playSaved(video, item.episode_id);
    await video.play();
  } catch (error) {
    nowPlaying.textContent = "This episode could not be played. Remove it and save it again when you are online.";
  }
}

async function show() {
  const items = await listSaved();
  list.replaceChildren(...items.map(row));
  empty.hidden = items.length > 0;
  const wanted = Number(new URLSearchParams(location.search).get("play"));
  const chosen = items.find((item) => item.episode_id === wanted);
  if (chosen) play(chosen);
}

document.getElementById("retry").addEventListener("click", () => location.reload());
window.addEventListener("online", () => location.reload());
show();
