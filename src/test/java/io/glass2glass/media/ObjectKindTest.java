package io.glass2glass.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one object-kind vocabulary: the URL path classifier and the labels other tools rely on. */
class ObjectKindTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/live/demo/master.m3u8, MULTIVARIANT",
        "/live/demo/main.m3u8, MULTIVARIANT",
        "/live/demo/index.m3u8, MULTIVARIANT",
        "/live/demo/playlist.m3u8, MULTIVARIANT",
        "/vod/MASTER_v2.M3U8, MULTIVARIANT",
        "/live/demo/stream_master.m3u8?token=abc, MULTIVARIANT",
        "/live/demo/720p/media.m3u8, MEDIA_PLAYLIST",
        "/live/demo/720p/chunklist_w123.m3u8, MEDIA_PLAYLIST",
        "/live/demo/720p/media.m3u8?_HLS_msn=5&_HLS_part=1, MEDIA_PLAYLIST",
        "/live/demo/manifest.mpd, MPD",
        "/dash/stream.MPD?t=1, MPD",
        "/live/demo/720p/init.mp4, INIT",
        "/live/demo/720p/video_init.m4s, INIT",
        "/live/demo/init-stream0.m4s, INIT",
        "/live/demo/audio/init.m4a, INIT",
        "/live/demo/720p/header.m4i, INIT",
        "/live/demo/720p/17.m4s, SEGMENT",
        "/live/demo/720p/seg-17.mp4, SEGMENT",
        "/hls/segment_00017.ts, SEGMENT",
        "/live/demo/audio/17.m4a, SEGMENT",
        "/live/demo/video/17.m4v, SEGMENT",
        "/live/demo/audio/17.aac, SEGMENT",
        "/live/demo/subs/17.vtt, SEGMENT",
        "/cmaf/17.cmfv, SEGMENT",
        "/cmaf/17.cmfa, SEGMENT",
        "/live/demo/720p/17.m4s?token=a.m3u8, SEGMENT",
        "/, OTHER",
        "/favicon.ico, OTHER",
        "/time, OTHER",
        "/live/demo/720p/, OTHER",
        "/live/demo.m3u8/17, OTHER",
        "/keys/key.bin, OTHER",
    })
    void classifiesByTheLastPathSegment(String path, ObjectKind expected) {
        assertEquals(expected, ObjectKind.ofPath(path));
    }

    @Test
    void nullPathIsOther() {
        assertEquals(ObjectKind.OTHER, ObjectKind.ofPath(null));
    }

    @Test
    void labelsAreTheSpellingsOtherToolsRelyOn() {
        // Prometheus label values, summary.json keys, edge profile keys and Gatling request names: contracts.
        assertEquals(List.of("multivariant", "media_playlist", "mpd", "init", "segment", "time", "other", "error"),
                Arrays.stream(ObjectKind.values()).map(ObjectKind::label).toList());
        assertEquals(List.of("multivariant", "media_playlist", "mpd", "init", "segment", "time"),
                ObjectKind.PLAYER_REQUESTS.stream().map(ObjectKind::label).toList(),
                "requests.{kind} of summary.json and the Gatling request names, in this order");
        for (ObjectKind kind : ObjectKind.values()) {
            assertEquals(kind, ObjectKind.ofLabel(kind.label().toUpperCase()));
        }
        assertThrows(IllegalArgumentException.class, () -> ObjectKind.ofLabel("segments"));
    }

    @Test
    void aPathIsNeverTimeOrError() {
        for (String path : List.of("/time", "/live/demo/time", "/api/time?iso", "/error", "/live/demo/404.html")) {
            ObjectKind kind = ObjectKind.ofPath(path);
            assertNotEquals(ObjectKind.TIME, kind, path);
            assertNotEquals(ObjectKind.ERROR, kind, path);
        }
    }
}
