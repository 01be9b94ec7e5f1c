package io.glass2glass.packager.hls;

import io.glass2glass.media.MediaKind;
import io.glass2glass.packager.LivePackager;
import io.glass2glass.packager.StreamIndex.RenditionTimeline;
import io.glass2glass.packager.StreamIndex.Segment;
import io.glass2glass.packager.StreamIndex.Snapshot;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * HLS playlists of a live stream over CMAF segments, generated on request from a
 * {@link Snapshot} (RFC 8216): the Multivariant Playlist (§4.3.4, §6.2.4) and one live Media
 * Playlist per rendition (§4.3.2, §4.3.3, sliding window per §6.2.2).
 *
 * <p>All URIs are relative to the playlist's own URL, following the origin's layout
 * ({@code {stream}/master.m3u8}, {@code {stream}/{rendition}/media.m3u8},
 * {@code {stream}/{rendition}/init.mp4}, {@code {stream}/{rendition}/{number}.m4s}).
 */
public final class HlsPlaylists {

    /** EXT-X-MAP in a playlist that is not I-frames-only needs at least version 6 (§7). */
    private static final int VERSION = 7;
    private static final String AUDIO_GROUP = "audio";
    private static final DateTimeFormatter PROGRAM_DATE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private HlsPlaylists() {
    }

    /**
     * The Multivariant Playlist: one EXT-X-MEDIA per audio rendition in group {@code "audio"}, then
     * one EXT-X-STREAM-INF per video rung in ladder order (§4.3.4.1, §4.3.4.2).
     *
     * <p>BANDWIDTH and AVERAGE-BANDWIDTH add the largest audio rendition's figure to the rung's, since
     * a player may combine the rung with any member of the group (§4.3.4.2).
     */
    public static String multivariant(Snapshot s) {
        List<RenditionTimeline> audio = s.renditions().stream().filter(t -> t.rendition().kind() == MediaKind.AUDIO).toList();
        long audioPeak = audio.stream().mapToLong(RenditionTimeline::peakBitrate).max().orElse(0);
        long audioAverage = audio.stream().mapToLong(RenditionTimeline::averageBitrate).max().orElse(0);
        Set<String> audioCodecs = new LinkedHashSet<>();
        audio.forEach(t -> audioCodecs.add(t.track().codecs()));

        StringBuilder m3u8 = new StringBuilder(1024);
        m3u8.append("#EXTM3U\n");
        m3u8.append("#EXT-X-VERSION:").append(VERSION).append('\n');
        m3u8.append("#EXT-X-INDEPENDENT-SEGMENTS\n");
        boolean first = true;
        for (RenditionTimeline t : audio) {
            String id = t.rendition().id();
            m3u8.append("#EXT-X-MEDIA:TYPE=AUDIO")
                    .append(",GROUP-ID=").append(quoted(AUDIO_GROUP))
                    .append(",NAME=").append(quoted(id))
                    // a group may have at most one member with DEFAULT=YES (§4.3.4.1.1)
                    .append(",DEFAULT=").append(first ? "YES" : "NO")
                    .append(",AUTOSELECT=YES")
                    .append(",CHANNELS=").append(quoted(Integer.toString(t.track().channels())))
                    .append(",URI=").append(quoted(id + "/media.m3u8"))
                    .append('\n');
            first = false;
        }
        for (RenditionTimeline t : s.renditions()) {
            if (t.rendition().kind() != MediaKind.VIDEO) {
                continue;
            }
            Set<String> codecs = new LinkedHashSet<>();
            codecs.add(t.track().codecs());
            codecs.addAll(audioCodecs);
            m3u8.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(t.peakBitrate() + audioPeak)
                    .append(",AVERAGE-BANDWIDTH=").append(t.averageBitrate() + audioAverage)
                    .append(",RESOLUTION=").append(t.track().width()).append('x').append(t.track().height())
                    .append(",CODECS=").append(quoted(String.join(",", codecs)));
            if (t.track().frameRate() > 0) {
                m3u8.append(",FRAME-RATE=").append(String.format(Locale.ROOT, "%.3f", t.track().frameRate()));
            }
            if (!audio.isEmpty()) {
                m3u8.append(",AUDIO=").append(quoted(AUDIO_GROUP));
            }
            m3u8.append('\n').append(t.rendition().id()).append("/media.m3u8\n");
        }
        return m3u8.toString();
    }

    /**
     * The live Media Playlist of one rendition: the segments of its {@link RenditionTimeline#window()}
     * behind {@code EXT-X-MAP:URI="init.mp4"} (repeated with {@code init-N.mp4} where a resumed publish
     * changed the configuration), each with EXT-X-PROGRAM-DATE-TIME (§4.3.2.6) and, where
     * the timeline breaks, EXT-X-DISCONTINUITY (§4.3.2.3). No EXT-X-ENDLIST: the stream is live.
     *
     * <p>EXT-X-MEDIA-SEQUENCE (§4.3.3.2) is the number of the first listed segment, so segment numbers
     * must go up by one. EXT-X-DISCONTINUITY-SEQUENCE (§4.3.3.3), always written, counts every
     * discontinuity that already left the window, retained or evicted.
     *
     * @return the playlist, or empty if the snapshot has no rendition {@code renditionId}
     */
    public static Optional<String> media(Snapshot s, String renditionId) {
        return s.rendition(renditionId).map(t -> media(s, t));
    }

    private static String media(Snapshot s, RenditionTimeline t) {
        List<Segment> window = t.window();
        long mediaSequence = window.isEmpty() ? 0 : window.get(0).number();
        long discontinuitySequence = t.discontinuitySequence();

        StringBuilder m3u8 = new StringBuilder(256 + 96 * window.size());
        m3u8.append("#EXTM3U\n");
        m3u8.append("#EXT-X-VERSION:").append(VERSION).append('\n');
        m3u8.append("#EXT-X-TARGETDURATION:").append(s.targetDurationSeconds()).append('\n');
        m3u8.append("#EXT-X-MEDIA-SEQUENCE:").append(mediaSequence).append('\n');
        m3u8.append("#EXT-X-DISCONTINUITY-SEQUENCE:").append(discontinuitySequence).append('\n');
        m3u8.append("#EXT-X-INDEPENDENT-SEGMENTS\n");
        int init = -1;
        for (Segment segment : window) {
            if (segment.discontinuity()) {
                m3u8.append("#EXT-X-DISCONTINUITY\n");
            }
            if (segment.initVersion() != init) {
                // §4.3.2.5: a new header applies from here on; after a discontinuity it may differ
                init = segment.initVersion();
                m3u8.append("#EXT-X-MAP:URI=").append(quoted(LivePackager.initName(init))).append('\n');
            }
            m3u8.append("#EXT-X-PROGRAM-DATE-TIME:")
                    .append(PROGRAM_DATE_TIME.format(Instant.ofEpochMilli(segment.programDateTimeMillis())))
                    .append('\n');
            m3u8.append("#EXTINF:").append(String.format(Locale.ROOT, "%.5f", segment.durationSeconds())).append(",\n");
            m3u8.append(segment.number()).append(".m4s\n");
        }
        return m3u8.toString();
    }

    /** A quoted-string (§4.2): it cannot carry a double quote, CR or LF, so those are rejected. */
    private static String quoted(String value) {
        if (value.indexOf('"') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("not representable as an HLS quoted-string: " + value);
        }
        return '"' + value + '"';
    }
}
