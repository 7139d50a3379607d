"""The vertical HLS player component (see player.py)."""

from microshort.ui.components.player.player import HLS_JS, VideoPlayer, video_player

__all__ = ["HLS_JS", "VideoPlayer", "video_player"]
