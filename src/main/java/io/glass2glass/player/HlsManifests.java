package io.glass2glass.player;

import io.glass2glass.media.ObjectKind;
import io.glass2glass.player.manifest.HlsParser;
import io.glass2glass.player.manifest.MediaPlaylist;
import io.glass2glass.player.manifest.MediaSegment;
import io.glass2glass.player.manifest.MultivariantPlaylist;
import io.glass2glass.player.manifest.Variant;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HLS side of a player (RFC 8216 §6.3): the multivariant playlist once, then the media
 * playlists of the renditions in use, reloaded a target duration after they changed and half a
 * target duration when they did not (§6.3.4).
 */
final class HlsManifests implements LiveManifests {

    /** A loaded media playlist and when to reload it. */
    private static final class PlaylistState {
        MediaPlaylist playlist;
        long nextReloadAt;
        long lastSequence = Long.MIN_VALUE;
        /** Program time of segments when the playlist has no PROGRAM-DATE-TIME: anchored at first load. */
        final Map<Long, Long> syntheticStart = new HashMap<>();
        /** The playlist's segments as the player schedules them, built once per load. */
        List<SegmentRef> refs = List.of();
    }

    private static final ManifestCache<MediaPlaylist> MEDIA_PLAYLISTS = new ManifestCache<>();
    private static final ManifestCache<MultivariantPlaylist> MULTIVARIANT_PLAYLISTS = new ManifestCache<>();

    private final URI target;
    private boolean multivariantLoaded;
    private final List<PlayerRendition> video = new ArrayList<>();
    private int firstListed;
    private PlayerRendition audio;
    private final Map<URI, PlaylistState> playlists = new HashMap<>();

    HlsManifests(URI target) {
        this.target = target;
    }

    @Override
    public PlayerAction.Fetch dueFetch(long now, List<PlayerRendition> active, Player.Ids ids) {
        if (!multivariantLoaded) {
            return new PlayerAction.Fetch(ids.next(), ObjectKind.MULTIVARIANT, target, -1, -1, true, now);
        }
        for (PlayerRendition r : active) {
            PlaylistState state = playlists.get(r.playlist());
            if (state == null || (!state.playlist.endList() && now >= state.nextReloadAt)) {
                return new PlayerAction.Fetch(ids.next(), ObjectKind.MEDIA_PLAYLIST, r.playlist(), -1, -1, true,
                        state == null ? now : state.nextReloadAt);
            }
        }
        return null;
    }

    @Override
    public void onLoaded(PlayerAction.Fetch fetch, String body, long sentMillis, long completedMillis) {
        if (fetch.kind() == ObjectKind.MULTIVARIANT) {
            if (HlsParser.isMultivariant(body)) {
                multivariant(MULTIVARIANT_PLAYLISTS.get(fetch.uri(), body, HlsParser::parseMultivariant));
            } else {
                // A media playlist given as the target: one rendition, muxed.
                // Parsed first: a malformed playlist is retried without adding the rendition twice.
                var playlist = MEDIA_PLAYLISTS.get(fetch.uri(), body, HlsParser::parseMedia);
                video.add(new PlayerRendition("main", true, 0, 0, 0, fetch.uri(), fetch.uri().toString()));
                mediaPlaylist(fetch.uri(), playlist, completedMillis);
            }
            multivariantLoaded = true;
        } else {
            mediaPlaylist(fetch.uri(), MEDIA_PLAYLISTS.get(fetch.uri(), body, HlsParser::parseMedia), completedMillis);
        }
    }

    private void multivariant(MultivariantPlaylist m) {
        List<Variant> variants = new ArrayList<>(m.variants());
        if (variants.isEmpty()) {
            throw new io.glass2glass.player.manifest.ManifestException("multivariant playlist lists no variant stream");
        }
        Variant listedFirst = variants.get(0);
        variants.sort(Comparator.comparingLong(Variant::bandwidth));
        firstListed = variants.indexOf(listedFirst);
        List<String> ids = renditionIds(variants);
        for (int i = 0; i < variants.size(); i++) {
            Variant v = variants.get(i);
            video.add(new PlayerRendition(ids.get(i), true, v.bandwidth(), v.width(), v.height(), v.uri(), v.uri().toString()));
        }
        String group = variants.get(variants.size() - 1).audioGroup();
        if (group != null) {
            m.media().stream()
                    .filter(r -> "AUDIO".equals(r.type()) && group.equals(r.groupId()) && r.uri() != null)
                    .sorted(Comparator.comparing(r -> !r.isDefault()))
                    .findFirst()
                    .ifPresent(r -> audio = new PlayerRendition("audio", false, 0, 0, 0, r.uri(), r.uri().toString()));
        }
    }

    /**
     * Names variants for reports and {@code fixed:{id}}: the directory of each media playlist when
     * those are distinct ({@code 720p/media.m3u8} → {@code 720p}, as origins lay renditions out),
     * else the height ({@code 720p}), else the bandwidth.
     */
    static List<String> renditionIds(List<Variant> variants) {
        List<String> dirs = new ArrayList<>();
        for (Variant v : variants) {
            String path = v.uri().getPath() == null ? "" : v.uri().getPath();
            String[] parts = path.split("/");
            dirs.add(parts.length >= 2 ? parts[parts.length - 2] : "");
        }
        if (dirs.stream().noneMatch(String::isEmpty) && new HashSet<>(dirs).size() == dirs.size()) {
            return dirs;
        }
        List<String> ids = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Variant v : variants) {
            String id = v.height() > 0 ? v.height() + "p" : (v.bandwidth() / 1000) + "k";
            if (!seen.add(id)) {
                id = id + "-" + (v.bandwidth() / 1000) + "k";
                seen.add(id);
            }
            ids.add(id);
        }
        return ids;
    }

    private void mediaPlaylist(URI uri, MediaPlaylist playlist, long completedMillis) {
        PlaylistState state = playlists.computeIfAbsent(uri, u -> new PlaylistState());
        List<MediaSegment> segments = playlist.segments();
        long last = segments.isEmpty() ? Long.MIN_VALUE : segments.get(segments.size() - 1).sequenceNumber();
        boolean changed = last != state.lastSequence;
        state.lastSequence = last;
        state.playlist = playlist;
        anchor(state, completedMillis);
        state.refs = refs(state);
        long target = Math.round(playlist.targetDuration() * 1000);
        state.nextReloadAt = completedMillis + (changed ? target : target / 2);
    }

    /** Gives segments without PROGRAM-DATE-TIME a program time: the live edge is "now" at first load. */
    private static void anchor(PlaylistState state, long loadedAt) {
        List<MediaSegment> segments = state.playlist.segments();
        if (segments.isEmpty() || segments.get(0).programDateTimeMillis() != Long.MIN_VALUE) {
            return;
        }
        Map<Long, Long> start = state.syntheticStart;
        int known = -1;
        for (int i = 0; i < segments.size(); i++) {
            if (start.containsKey(segments.get(i).sequenceNumber())) {
                known = i;
                break;
            }
        }
        if (known < 0) {
            long t = loadedAt;
            for (int i = segments.size() - 1; i >= 0; i--) {
                t -= Math.round(segments.get(i).duration() * 1000);
                start.put(segments.get(i).sequenceNumber(), t);
            }
        } else {
            for (int i = known + 1; i < segments.size(); i++) {
                MediaSegment prev = segments.get(i - 1);
                start.putIfAbsent(segments.get(i).sequenceNumber(),
                        start.get(prev.sequenceNumber()) + Math.round(prev.duration() * 1000));
            }
        }
        long oldest = segments.get(0).sequenceNumber();
        start.keySet().removeIf(seq -> seq < oldest);
    }

    @Override
    public boolean onGaveUp(PlayerAction.Fetch fetch) {
        return false;
    }

    @Override
    public boolean ready() {
        return multivariantLoaded && !video.isEmpty();
    }

    @Override
    public List<PlayerRendition> videoRenditions() {
        return video;
    }

    @Override
    public int firstListedVideo() {
        return firstListed;
    }

    @Override
    public PlayerRendition audioRendition() {
        return audio;
    }

    @Override
    public boolean hasSegments(PlayerRendition r) {
        return playlists.containsKey(r.playlist());
    }

    @Override
    public List<SegmentRef> segments(PlayerRendition r, long now) {
        PlaylistState state = playlists.get(r.playlist());
        return state == null ? List.of() : state.refs;
    }

    private static List<SegmentRef> refs(PlaylistState state) {
        List<SegmentRef> refs = new ArrayList<>(state.playlist.segments().size());
        for (MediaSegment s : state.playlist.segments()) {
            if (s.gap()) {
                continue;
            }
            long start = s.programDateTimeMillis() != Long.MIN_VALUE ? s.programDateTimeMillis()
                    : state.syntheticStart.getOrDefault(s.sequenceNumber(), Long.MIN_VALUE);
            URI init = s.init() == null ? null : s.init().uri();
            long initStart = s.init() == null || s.init().byteRange() == null ? -1 : s.init().byteRange().offset();
            long initLength = s.init() == null || s.init().byteRange() == null ? -1 : s.init().byteRange().length();
            refs.add(new SegmentRef(s.sequenceNumber(), s.uri(), s.byteRange() == null ? -1 : s.byteRange().offset(),
                    s.byteRange() == null ? -1 : s.byteRange().length(), start, Math.round(s.duration() * 1000), s.discontinuity(),
                    init, initStart, initLength));
        }
        return List.copyOf(refs);
    }

    @Override
    public double segmentSeconds() {
        return playlists.values().stream().mapToDouble(p -> p.playlist.targetDuration()).max().orElse(6);
    }

    /** hls.js: {@code liveSyncDurationCount} target durations behind the end, or HOLD-BACK when the server sets one. */
    @Override
    public SegmentRef liveStart(List<SegmentRef> available, long now, int liveSyncSegments) {
        MediaPlaylist playlist = playlists.values().iterator().next().playlist;
        double holdBack = playlist.holdBack() > 0 ? playlist.holdBack() : liveSyncSegments * playlist.targetDuration();
        if (playlist.endList()) {
            return available.get(0);
        }
        double behind = 0;
        for (int i = available.size() - 1; i >= 0; i--) {
            behind += available.get(i).durationMs() / 1000.0;
            if (behind >= holdBack - 1e-3) {
                return available.get(i);
            }
        }
        return available.get(0);
    }

    @Override
    public long nextWakeMillis(long now, List<PlayerRendition> active) {
        long wake = Long.MAX_VALUE;
        for (PlayerRendition r : active) {
            PlaylistState state = playlists.get(r.playlist());
            if (state == null) {
                return now;
            }
            if (!state.playlist.endList()) {
                wake = Math.min(wake, state.nextReloadAt);
            }
        }
        return wake;
    }

    @Override
    public long clockOffsetMillis() {
        return 0;
    }
}
