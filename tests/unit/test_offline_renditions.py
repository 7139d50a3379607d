"""Which files of an episode's HLS ladder a viewer keeps offline: the smallest rung, its init
segment then its segments, and nothing a playlist names outside our pipeline's own files."""

from __future__ import annotations

from microshort.content.offline import Rendition, lowest_rendition, media_files

LADDER = (
    "#EXTM3U\n#EXT-X-VERSION:7\n"
    '#EXT-X-STREAM-INF:BANDWIDTH=6000000,RESOLUTION=1080x1920,CODECS="avc1.640028,mp4a.40.2"\n'
    "0/index.m3u8\n\n"
    '#EXT-X-STREAM-INF:BANDWIDTH=1460800,RESOLUTION=480x854,CODECS="avc1.64001e,mp4a.40.2"\n'
    "2/index.m3u8\n"
    '#EXT-X-STREAM-INF:BANDWIDTH=3220800,RESOLUTION=720x1280,CODECS="avc1.64001f,mp4a.40.2"\n'
    "1/index.m3u8\n"
)


def test_the_smallest_rung_with_its_codecs() -> None:
    assert lowest_rendition(LADDER) == Rendition("2", 854, "avc1.64001e,mp4a.40.2")


def test_no_rung_or_a_foreign_path_is_none() -> None:
    assert lowest_rendition("#EXTM3U\n") is None
    foreign = "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1,RESOLUTION=480x854\n../../etc/index.m3u8\n"
    assert lowest_rendition(foreign) is None


def test_init_then_segments_in_order_and_only_our_names() -> None:
    playlist = (
        '#EXTM3U\n#EXT-X-MAP:URI="init_2.mp4"\n#EXTINF:2.0,\nseg_000.m4s\n'
        "#EXTINF:2.0,\nseg_001.m4s\n#EXTINF:2.0,\n../secret.m4s\n"
        "#EXTINF:2.0,\nhttps://elsewhere.example/seg_002.m4s\n#EXT-X-ENDLIST\n"
    )
    assert media_files(playlist) == ["init_2.mp4", "seg_000.m4s", "seg_001.m4s"]
