package io.glass2glass.player;

import io.glass2glass.media.Rendition;
import io.glass2glass.media.TrackInfo;
import io.glass2glass.packager.StreamIndex;
import io.glass2glass.packager.dash.DashManifest;
import io.glass2glass.packager.hls.HlsPlaylists;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A live origin in virtual time for player-model tests: the real {@link StreamIndex} and the real
 * HLS/DASH generators, with segments "published" as virtual time passes (segment n at the end of
 * its 2 s, plus a packaging delay) and media bodies that are only sizes (bitrate × duration).
 */
final class VirtualLiveOrigin {

    static final String BASE = "http://origin.test/live/demo/";
    private static final Pattern SEGMENT = Pattern.compile("/live/demo/([a-z0-9_-]+)/(\\d+)\\.m4s");
    private static final Pattern INIT = Pattern.compile("/live/demo/([a-z0-9_-]+)/init\\.mp4");
    private static final Pattern PLAYLIST = Pattern.compile("/live/demo/([a-z0-9_-]+)/media\\.m3u8");

    private final StreamIndex index;
    private final long astMillis;
    private final long segmentMillis;
    private final long publishDelayMillis;
    private final List<Rendition> renditions = new ArrayList<>();
    private long published;
    /** Next 2 s slot of stream time; slots in the publisher gap produce nothing. */
    private long slot;
    private long gapFromSlot = Long.MAX_VALUE;
    private long gapToSlot = Long.MAX_VALUE;
    private boolean down;
    private int requests;

    /** @param video bitrates in kb/s of the video rungs, lowest first; ids are {@code v0, v1, ...} */
    VirtualLiveOrigin(long astMillis, long publishDelayMillis, int... videoKbps) {
        this.astMillis = astMillis;
        this.segmentMillis = 2000;
        this.publishDelayMillis = publishDelayMillis;
        this.index = new StreamIndex("demo", 2, 6);
        index.startedAt(astMillis);
        for (int i = videoKbps.length - 1; i >= 0; i--) {
            int height = 180 * (i + 1);
            Rendition r = Rendition.video("v" + i, height * 16 / 9 / 2 * 2, height, videoKbps[i]);
            renditions.add(r);
            index.addTrack(r, TrackInfo.video("avc1.64001f", 90_000, r.width(), r.height(), 30, new byte[] {1}));
        }
        Rendition audio = Rendition.audio("audio", 128);
        renditions.add(audio);
        index.addTrack(audio, TrackInfo.audio("mp4a.40.2", 48_000, 2, new byte[] {0x11, (byte) 0x90}));
    }

    /** Publishes every segment whose end (plus the packaging delay) has passed. */
    void advanceTo(long now) {
        while (astMillis + (slot + 1) * segmentMillis + publishDelayMillis <= now) {
            if (slot >= gapFromSlot && slot < gapToSlot) {
                slot++; // the publisher is away: stream time passes, nothing is produced
                continue;
            }
            boolean resumed = slot == gapToSlot;
            for (Rendition r : renditions) {
                int timescale = r.kind() == io.glass2glass.media.MediaKind.VIDEO ? 90_000 : 48_000;
                long duration = 2L * timescale;
                int size = (int) (r.bitrateKbps() * 1000L * 2 / 8);
                index.addSegment(r.id(), new StreamIndex.Segment(published, slot * duration, duration, timescale,
                        astMillis + slot * segmentMillis, size, resumed));
            }
            published++;
            slot++;
        }
    }

    /**
     * The publisher drops for {@code segments} segments of stream time from {@code fromMillis} and then
     * comes back: the packager continues the numbers with a discontinuity, as after a real reconnect.
     */
    void publisherGap(long fromMillis, int segments) {
        gapFromSlot = (fromMillis - astMillis) / segmentMillis;
        gapToSlot = gapFromSlot + segments;
    }

    /** While down, every request fails without an answer (connection refused). */
    void setDown(boolean down) {
        this.down = down;
    }

    int requests() {
        return requests;
    }

    /** Answers a fetch instantly (the model adds the emulated link time itself). */
    PlayerResponse fetch(PlayerAction.Fetch f, long now) {
        requests++;
        if (down) {
            return PlayerResponse.failed(now, now);
        }
        String path = f.uri().getPath();
        StreamIndex.Snapshot s = index.snapshot();
        if (path.equals("/time")) {
            return text(DashManifest.isoTime(now), now);
        }
        if (!s.isLive()) {
            return new PlayerResponse(404, null, 0, now, now);
        }
        if (path.equals("/live/demo/master.m3u8")) {
            return text(HlsPlaylists.multivariant(s), now);
        }
        if (path.equals("/live/demo/manifest.mpd")) {
            return text(DashManifest.mpd(s, now, "http://origin.test/time"), now);
        }
        Matcher m = PLAYLIST.matcher(path);
        if (m.matches()) {
            return HlsPlaylists.media(s, m.group(1)).map(t -> text(t, now)).orElse(new PlayerResponse(404, null, 0, now, now));
        }
        m = INIT.matcher(path);
        if (m.matches()) {
            return new PlayerResponse(200, null, 1000, now, now);
        }
        Matcher seg = SEGMENT.matcher(path);
        if (seg.matches()) {
            long number = Long.parseLong(seg.group(2));
            Optional<StreamIndex.Segment> segment = s.rendition(seg.group(1)).flatMap(t -> t.find(number));
            return segment.map(x -> new PlayerResponse(200, null, x.size(), now, now))
                    .orElse(new PlayerResponse(404, null, 0, now, now));
        }
        return new PlayerResponse(404, null, 0, now, now);
    }

    private static PlayerResponse text(String body, long now) {
        return new PlayerResponse(200, body, body.length(), now, now);
    }
}
