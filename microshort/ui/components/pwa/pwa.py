"""The installable app in the UI: `pwa.jsx` wrapped for Reflex.

- install_entry(variant="bar" | "card"): "Install app" when the browser offers it (or the
  iOS Add to Home Screen hint): in the top bar from tablets up, as a card that can be put off
  for 30 days above the phone's bottom navigation; nothing in the installed app.
- save_offline(episode_id=...): the watch rail's Save button.
- offline_shelf(): the Library's list of episodes saved on this device.
The server decides what may be saved (POST /api/offline/check); the browser stores it.
"""

from __future__ import annotations

import reflex as rx

_STYLES = rx.asset("pwa.css", shared=True)
_PWA = rx.asset("pwa.jsx", shared=True)


class InstallEntry(rx.NoSSRComponent):
    library = _PWA.importable_path
    tag = "InstallEntry"

    variant: rx.Var[str]  # "bar" (top bar, tablets and desktop) or "card" (phones)


class SaveOffline(rx.NoSSRComponent):
    library = _PWA.importable_path
    tag = "SaveOffline"

    episode_id: rx.Var[int]


class OfflineShelf(rx.NoSSRComponent):
    library = _PWA.importable_path
    tag = "OfflineShelf"


install_entry = InstallEntry.create
save_offline = SaveOffline.create
offline_shelf = OfflineShelf.create
