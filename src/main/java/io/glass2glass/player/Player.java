package io.glass2glass.player;

import io.glass2glass.media.Cmcd;
import io.glass2glass.media.ObjectKind;
import io.glass2glass.player.abr.AbrAlgorithm;
import io.glass2glass.player.abr.AbrAlgorithms;
import io.glass2glass.player.abr.AbrContext;
import io.glass2glass.player.abr.FixedAbr;
import io.glass2glass.player.manifest.ManifestException;
import io.glass2glass.qoe.PlayerQoe;
import java.util.ArrayDeque;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One simulated live viewer: a pure state machine that tells its driver what to fetch and when,
 * and turns what comes back into a playback buffer, ABR decisions and QoE.
 *
 * <p>The driver loop is: {@link #next(long)} → perform the {@link PlayerAction.Fetch} (or pause
 * until {@link PlayerAction.Wait#untilMillis()}) → {@link #onResponse}. Time comes only from the
 * arguments, so the same model runs in real time under Gatling and in virtual time in tests.
 *
 * <p>Behaviour, after the players users know:
 * <ul>
 *   <li>Live start {@code liveSyncSegments} target durations behind the live edge (hls.js
 *       liveSyncDurationCount; HLS HOLD-BACK, RFC 8216 §4.4.3.8; DASH suggestedPresentationDelay).
 *   <li>Media playlists reloaded a target duration after a change and half of one when unchanged
 *       (RFC 8216 §6.3.4); the MPD every minimumUpdatePeriod (ISO/IEC 23009-1 §5.4), with the
 *       clock taken from UTCTiming.
 *   <li>The buffer drains in real time once playing; playback starts (and resumes after a stall)
 *       when {@code startBufferSeconds} are buffered; no fetch while {@code maxBufferSeconds} are.
 *   <li>Each download takes as long as the emulated last mile says: the real transfer on loopback
 *       is fast, so the player waits out {@code max(measured, latency + bytes / bandwidth)}.
 *   <li>Failed requests (no answer, 404, 5xx) are retried with exponential backoff; when retries
 *       run out the session fails (before start: a start failure). Nothing throws out of here.
 * </ul>
 */
public final class Player {

    /** Hands out request ids, unique per player. */
    static final class Ids {
        private long next = 1;

        long next() {
            return next++;
        }
    }

    private enum Phase {
        LOADING,
        STARTING,
        PLAYING,
        STALLED,
        DONE
    }

    /** One buffered media segment, in program time, as the playhead will pass it. */
    private record Buffered(long startMs, long endMs, String renditionId, long bitrate) {}

    /** Video or audio: what is buffered and where fetching continues. */
    private static final class Track {
        final boolean video;
        PlayerRendition rendition;
        long bufferedEndMs = Long.MIN_VALUE;
        long nextNumber = -1;
        /** The segment this track is fetching now, or null. */
        SegmentRef pending;
        final Deque<Buffered> buffered = new ArrayDeque<>();

        Track(boolean video, PlayerRendition rendition) {
            this.video = video;
            this.rendition = rendition;
        }
    }

    /**
     * A download whose emulated transfer has not finished yet.
     *
     * @param abandonTo the video rendition to switch to when the download is abandoned at
     *     {@code completeAt} instead of finishing there (null: it finishes)
     * @param loadedBytes what had arrived by then, when abandoned
     */
    private record InFlight(PlayerAction.Fetch fetch, PlayerResponse response, long completeAt, PlayerRendition abandonTo,
            long loadedBytes) {
        InFlight(PlayerAction.Fetch fetch, PlayerResponse response, long completeAt) {
            this(fetch, response, completeAt, null, 0);
        }
    }

    /** Chromium's ceiling on {@code navigator.connection.downlink}, kb/s (10 Mb/s, against fingerprinting). */
    static final long DOWNLINK_CAP_KBPS = 10_000;

    /** How often hls.js re-checks a fragment download for emergency abandonment (abr-controller's timer). */
    static final long ABANDON_CHECK_MILLIS = 100;

    private final String id;
    private final PlayerConfig config;
    private final PlayerEvents events;
    private final LiveManifests manifests;
    private final AbrAlgorithm abr;
    private final Ids ids = new Ids();
    private final long joinedAt;
    private final long sessionEnd;

    private Phase phase = Phase.LOADING;
    private final List<Track> tracks = new ArrayList<>();
    private final Set<String> initsLoaded = new HashSet<>();
    private boolean programTimeKnown;
    private Track videoTrack;
    /** The video renditions' bitrates and ids for the ABR, immutable (so AbrContext does not copy them). */
    private List<Long> videoBitrates;
    private List<String> videoIds;
    private PlayerAction.Fetch outstanding;
    private InFlight inFlight;
    private int consecutiveFailures;
    private long backoffUntil;
    private long waitingUntil;
    private String failure;

    private long playheadMs = Long.MIN_VALUE;
    private long lastAdvance;
    private long startedAt = -1;
    private long stallStartedAt;
    private int rebufferCount;
    private long rebufferMillis;
    private int switches;
    private String playedRendition;
    private long playedBitrateMillis;
    private long playedMillis;
    private final Map<String, Long> millisPerRendition = new LinkedHashMap<>();
    private int lateSegments;
    private int segmentsDownloaded;
    private int abandonedSegments;
    /** The rendition an abandoned download switched to: the next video segment is fetched there, whatever the ABR says. */
    private PlayerRendition forcedVideo;
    private long nextLatencySample;
    /** When the first frame shows, once enough is buffered to start (the client's start time after that); -1 before. */
    private long firstFrameAt = -1;
    /** CMCD {@code sid}: one per viewing session (null when the player sends no CMCD). */
    private final String sessionId;
    /** CMCD {@code bs}: the buffer ran dry since the last request was sent. */
    private boolean starvedSinceRequest;
    /** Where the start segment ends on the playback timeline. */
    private long startSegmentEndMs = Long.MAX_VALUE;
    private boolean ended;

    /**
     * @param id names the player in reports
     * @param nowMillis the time it joins
     */
    public Player(String id, PlayerConfig config, PlayerEvents events, long nowMillis) {
        this.id = id;
        this.config = config;
        this.events = events;
        this.manifests = config.format() == StreamFormat.DASH ? new DashManifests(config.target()) : new HlsManifests(config.target());
        this.abr = AbrAlgorithms.create(config.abr());
        this.joinedAt = nowMillis;
        this.lastAdvance = nowMillis;
        this.sessionEnd = nowMillis + config.sessionMillis();
        // Only players that send CMCD need one: 10,000 players should not each carry an unused id.
        this.sessionId = config.cmcd() ? UUID.nameUUIDFromBytes((id + "@" + nowMillis).getBytes(StandardCharsets.UTF_8)).toString() : null;
    }

    public String id() {
        return id;
    }

    public boolean isDone() {
        return phase == Phase.DONE;
    }

    /** Media buffered ahead of the playhead on every track, ms (0 before the start position is chosen). */
    public long bufferAheadMillis() {
        return Math.max(0, bufferAheadMs());
    }

    /**
     * The URL to request for {@code fetch} now: its URI, with the Common Media Client Data the player sends when
     * it sends it (CTA-5004 v1 §2.2, the {@code CMCD} query argument; keys of §3.3): session ({@code sid},
     * {@code sf}, {@code st}), object ({@code ot}, {@code br}, {@code d}, {@code tb}), request ({@code bl},
     * {@code mtp}, {@code su}) and status ({@code bs}: the buffer ran dry since the previous request).
     */
    public URI requestUri(PlayerAction.Fetch fetch) {
        if (!config.cmcd()) {
            return fetch.uri();
        }
        Map<String, Object> keys = new HashMap<>();
        keys.put("sid", sessionId);
        keys.put("sf", config.format() == StreamFormat.DASH ? "d" : "h");
        keys.put("st", "l");
        String ot = switch (fetch.kind()) {
            case MULTIVARIANT, MEDIA_PLAYLIST, MPD -> "m";
            case INIT -> "i";
            default -> "o";
        };
        for (Track t : tracks) {
            if (fetch.kind() == ObjectKind.SEGMENT && t.pending != null && t.pending.uri().equals(fetch.uri())) {
                ot = t.video ? "v" : "a";
                keys.put("br", t.rendition.bitrate() / 1000);
                keys.put("d", t.pending.durationMs());
                keys.put("bl", Math.round(Math.max(0, bufferAheadMs(t)) / 100.0) * 100);
                if (t.video) {
                    List<PlayerRendition> video = manifests.videoRenditions();
                    keys.put("tb", video.get(video.size() - 1).bitrate() / 1000); // ascending by bitrate
                }
            }
        }
        keys.put("ot", ot);
        long estimate = abr.bandwidthEstimate();
        if (estimate > 0) {
            keys.put("mtp", Math.round(estimate / 100_000.0) * 100);
        }
        keys.put("su", startedAt < 0 || phase == Phase.STALLED);
        keys.put("bs", starvedSinceRequest);
        starvedSinceRequest = false;
        return URI.create(new Cmcd(keys).appendTo(fetch.uri().toString()));
    }

    /** The video renditions on offer, once the manifests are in (empty before). */
    public List<PlayerRendition> videoRenditions() {
        return manifests.ready() ? manifests.videoRenditions() : List.of();
    }

    /** Why the session failed, or null. */
    public String failure() {
        return failure;
    }

    /** What to do at {@code now}. A fetch still unanswered counts as failed. */
    public PlayerAction next(long now) {
        if (phase == Phase.DONE) {
            return new PlayerAction.Done();
        }
        // When the player meant to act: at the end of the pause it asked for, if the driver woke it late.
        long intended = waitingUntil > 0 && now >= waitingUntil ? waitingUntil : now;
        waitingUntil = 0;
        if (outstanding != null) {
            // The driver lost the answer (it cannot happen in our drivers; a broken one must not wedge the player).
            onResponse(outstanding, PlayerResponse.failed(now, now), now);
            if (phase == Phase.DONE) {
                return new PlayerAction.Done();
            }
        }
        if (inFlight != null) {
            if (now >= inFlight.completeAt()) {
                InFlight done = inFlight;
                inFlight = null;
                advance(done.completeAt());
                if (done.abandonTo() != null) {
                    abandoned(done);
                } else {
                    complete(done.fetch(), done.response(), done.completeAt());
                }
            } else if (now < sessionEnd) {
                // Wake when the buffer runs dry if that comes first, so a stall on a slow or dead emulated link
                // is reported when it begins (the run's timeline shows it live), not when the download ends.
                advance(now);
                long wake = Math.min(inFlight.completeAt(), sessionEnd);
                if (phase == Phase.PLAYING) {
                    wake = Math.min(wake, Math.max(now + 1, now + bufferAheadMs() + 1));
                } else if (phase == Phase.STARTING && firstFrameAt >= 0) {
                    wake = Math.min(wake, Math.max(now + 1, firstFrameAt));
                }
                return waitUntil(wake);
            }
        }
        advance(now);
        if (phase == Phase.DONE) {
            return new PlayerAction.Done();
        }
        if (now >= sessionEnd) {
            finish(now, phase == Phase.LOADING || phase == Phase.STARTING ? "session ended before playback started" : null);
            return new PlayerAction.Done();
        }
        if (startedAt < 0 && now - joinedAt >= config.startTimeoutMillis()) {
            finish(now, "did not start within " + config.startTimeoutMillis() + " ms");
            return new PlayerAction.Done();
        }
        if (now < backoffUntil) {
            return waitUntil(Math.min(backoffUntil, sessionEnd));
        }
        PlayerAction.Fetch fetch = decide(now);
        if (fetch != null) {
            outstanding = new PlayerAction.Fetch(fetch.id(), fetch.kind(), fetch.uri(), fetch.rangeStart(), fetch.rangeLength(),
                    fetch.wantBody(), intended);
            return outstanding;
        }
        return waitUntil(Math.max(now + 1, Math.min(sessionEnd, wakeTime(now))));
    }

    private PlayerAction.Wait waitUntil(long until) {
        waitingUntil = until;
        return new PlayerAction.Wait(until);
    }

    /** Reports the outcome of the outstanding fetch; {@code now} is when the driver learned it. */
    public void onResponse(PlayerAction.Fetch fetch, PlayerResponse response, long now) {
        if (outstanding == null || outstanding.id() != fetch.id()) {
            return; // an answer to a request already given up on
        }
        outstanding = null;
        if (phase == Phase.DONE) {
            return;
        }
        events.onRequest(fetch.kind(), response.status(), Math.max(0, response.finishedMillis() - response.startedMillis()),
                response.bytes(), Math.max(0, response.startedMillis() - fetch.dueMillis()));
        if (!response.ok()) {
            failed(fetch, "HTTP " + (response.status() == 0 ? "no response" : response.status()), now);
            return;
        }
        long link = config.network().transferMillis(Math.max(0, response.startedMillis() - joinedAt), response.bytes());
        long completeAt = link == Long.MAX_VALUE ? Long.MAX_VALUE
                : Math.max(response.finishedMillis(), response.startedMillis() + link);
        InFlight abandon = fetch.kind() == ObjectKind.SEGMENT ? abandonment(fetch, response, completeAt) : null;
        if (abandon != null) {
            inFlight = abandon; // cut short on the emulated link: settled when its time comes, like any download
            return;
        }
        if (completeAt > now) {
            inFlight = new InFlight(fetch, response, completeAt);
            return;
        }
        advance(completeAt);
        complete(fetch, response, completeAt);
        advance(now);
    }

    // ---- decisions ---------------------------------------------------------------------------

    private PlayerAction.Fetch decide(long now) {
        if (tracks.isEmpty() && manifests.ready()) {
            createTracks();
        }
        PlayerAction.Fetch manifest = manifests.dueFetch(now, activeRenditions(), ids);
        if (manifest != null) {
            return manifest;
        }
        if (tracks.isEmpty()) {
            return null;
        }
        if (playheadMs == Long.MIN_VALUE && !chooseStart(now)) {
            return null;
        }
        Track track = neediestTrack(now);
        if (track == null) {
            return null;
        }
        if (track.video) {
            // A forced rendition holds until its segment is requested (an init or playlist fetch may come first).
            PlayerRendition chosen = forcedVideo != null ? forcedVideo : chooseVideo(now);
            if (!chosen.equals(track.rendition)) {
                track.rendition = chosen;
                if (!manifests.hasSegments(chosen)) {
                    return manifests.dueFetch(now, activeRenditions(), ids);
                }
            }
        }
        if (!manifests.hasSegments(track.rendition)) {
            return null;
        }
        List<SegmentRef> segments = manifests.segments(track.rendition, now);
        SegmentRef next = nextSegment(track, segments);
        if (next == null) {
            return null;
        }
        if (next.initUri() != null && !initsLoaded.contains(next.initKey())) {
            return new PlayerAction.Fetch(ids.next(), ObjectKind.INIT, next.initUri(), next.initRangeStart(), next.initRangeLength(),
                    false, now);
        }
        track.pending = next;
        if (track.video) {
            forcedVideo = null;
        }
        return new PlayerAction.Fetch(ids.next(), ObjectKind.SEGMENT, next.uri(), next.rangeStart(), next.rangeLength(), false, now);
    }

    private List<PlayerRendition> activeRenditions() {
        List<PlayerRendition> active = new ArrayList<>(2);
        for (Track t : tracks) {
            active.add(t.rendition);
        }
        return active;
    }

    private void createTracks() {
        List<PlayerRendition> video = manifests.videoRenditions();
        boolean listed = "first-listed".equals(config.startRendition());
        boolean downlink = "network-information".equals(config.startRendition());
        int first = listed ? manifests.firstListedVideo() : downlink ? downlinkChoice(video) : abr.choose(abrContext(0, -1, 0));
        videoTrack = new Track(true, video.get(Math.max(0, Math.min(first, video.size() - 1))));
        if (listed || downlink) {
            forcedVideo = videoTrack.rendition; // the first segment too, whatever the ABR would say from no samples
        }
        tracks.add(videoTrack);
        PlayerRendition audio = manifests.audioRendition();
        if (audio != null) {
            tracks.add(new Track(false, audio));
        }
    }

    /**
     * Shaka's first choice with {@code abr.useNetworkInformation} ({@code SimpleAbrManager.chooseVariant}): the highest
     * rendition whose bandwidth over {@code bandwidthDowngradeTarget} (0.95) fits the browser's downlink, which
     * Chromium reports from the link (the emulated one included), capped at {@link #DOWNLINK_CAP_KBPS} and rounded
     * to 25 kb/s (Network Information API, WICG §4).
     */
    private int downlinkChoice(List<PlayerRendition> video) {
        long kbps = config.network().isUnlimited() ? DOWNLINK_CAP_KBPS
                : Math.min(DOWNLINK_CAP_KBPS, Math.round(config.network().bandwidthKbpsAt(0) / 25.0) * 25);
        int choice = 0;
        for (int i = 0; i < video.size(); i++) {
            if (video.get(i).bitrate() / 0.95 <= kbps * 1000.0) {
                choice = i;
            }
        }
        return choice;
    }

    /** Picks the live start segment on the video rendition and aligns every track to it. */
    private boolean chooseStart(long now) {
        for (Track t : tracks) {
            if (!manifests.hasSegments(t.rendition)) {
                return false;
            }
        }
        List<SegmentRef> video = manifests.segments(videoTrack.rendition, now);
        if (video.isEmpty()) {
            return false;
        }
        SegmentRef start = manifests.liveStart(video, now, config.liveSyncSegments());
        programTimeKnown = start.hasProgramTime();
        for (Track t : tracks) {
            t.nextNumber = start.number();
            // Without program time (HLS without PROGRAM-DATE-TIME) tracks align by number on a timeline from 0.
            t.bufferedEndMs = programTimeKnown ? start.startMs() : 0;
            if (programTimeKnown && t != videoTrack) {
                // With program time, the other tracks start at their segment playing at that moment.
                for (SegmentRef s : manifests.segments(t.rendition, now)) {
                    if (s.hasProgramTime() && s.startMs() <= start.startMs()) {
                        t.nextNumber = s.number();
                    }
                }
            }
        }
        playheadMs = videoTrack.bufferedEndMs;
        startSegmentEndMs = playheadMs + start.durationMs();
        long target = config.seekToLiveTarget() && programTimeKnown ? manifests.liveTargetMillis(now, config.liveSyncSegments())
                : Long.MIN_VALUE;
        if (target > playheadMs && target < playheadMs + start.durationMs()) {
            playheadMs = target; // dash.js seeks into the start segment, to the live delay exactly
        }
        phase = Phase.STARTING;
        return true;
    }

    /** The track that is furthest behind and may fetch now (buffer below the maximum), or null. */
    private Track neediestTrack(long now) {
        Track neediest = null;
        for (Track t : tracks) {
            if (bufferAheadMs(t) >= config.maxBufferSeconds() * 1000) {
                continue;
            }
            if (neediest == null || t.bufferedEndMs < neediest.bufferedEndMs) {
                neediest = t;
            }
        }
        return neediest;
    }

    private PlayerRendition chooseVideo(long now) {
        List<PlayerRendition> video = manifests.videoRenditions();
        int current = video.indexOf(videoTrack.rendition);
        double buffer = Math.max(0, bufferAheadMs(videoTrack)) / 1000.0;
        int choice = abr.choose(abrContext(buffer, current, now));
        return video.get(Math.max(0, Math.min(choice, video.size() - 1)));
    }

    private AbrContext abrContext(double bufferSeconds, int current, long now) {
        if (videoBitrates == null) {
            // The renditions are fixed once the manifests are ready: build the lists once, not per segment.
            List<PlayerRendition> video = manifests.videoRenditions();
            List<Long> bitrates = new ArrayList<>(video.size());
            List<String> names = new ArrayList<>(video.size());
            for (PlayerRendition r : video) {
                // A media playlist given as the target advertises no bitrate (0); the ABR has one choice there anyway.
                bitrates.add(Math.max(1, r.bitrate()));
                names.add(r.id());
            }
            videoBitrates = List.copyOf(bitrates);
            videoIds = List.copyOf(names);
        }
        boolean edgeLimited = bufferSeconds < config.maxBufferSeconds() - manifests.segmentSeconds();
        return new AbrContext(videoBitrates, videoIds, current, bufferSeconds, manifests.segmentSeconds(), now, edgeLimited);
    }

    /** The segment that continues the track: by number, jumping forward when the window has moved past it. */
    private SegmentRef nextSegment(Track track, List<SegmentRef> segments) {
        if (segments.isEmpty()) {
            return null;
        }
        SegmentRef first = segments.get(0);
        if (track.nextNumber < first.number()) {
            // Fell behind the live window (a long stall): continue at its oldest segment, as hls.js does.
            track.nextNumber = first.number();
            if (first.hasProgramTime() && first.startMs() > track.bufferedEndMs) {
                track.bufferedEndMs = first.startMs();
            }
        }
        long index = track.nextNumber - first.number();
        if (index < segments.size() && segments.get((int) index).number() == track.nextNumber) {
            return segments.get((int) index); // consecutive numbers: the usual case
        }
        // Numbers with gaps (DASH segments are keyed by program time, see DashManifests): the next one on.
        for (SegmentRef s : segments) {
            if (s.number() >= track.nextNumber) {
                return s;
            }
        }
        return null;
    }

    private long wakeTime(long now) {
        long wake = manifests.nextWakeMillis(now, activeRenditions());
        if (phase == Phase.STARTING && firstFrameAt > now) {
            wake = Math.min(wake, firstFrameAt);
        }
        if (phase == Phase.PLAYING) {
            for (Track t : tracks) {
                long over = bufferAheadMs(t) - Math.round(config.maxBufferSeconds() * 1000);
                if (over >= 0) {
                    wake = Math.min(wake, now + over + 1);
                }
            }
            wake = Math.min(wake, nextLatencySample);
        }
        return wake;
    }

    // ---- outcomes ----------------------------------------------------------------------------

    private void failed(PlayerAction.Fetch fetch, String why, long now) {
        consecutiveFailures++;
        if (consecutiveFailures > config.maxRetries()) {
            if (fetch.kind() == ObjectKind.TIME && manifests.onGaveUp(fetch)) {
                consecutiveFailures = 0;
                return;
            }
            finish(now, fetch.kind().label() + " " + fetch.uri() + " failed " + consecutiveFailures + " times (last: " + why + ")");
            return;
        }
        long delay = Math.min(config.maxRetryDelayMillis(), config.retryDelayMillis() << Math.min(20, consecutiveFailures - 1));
        backoffUntil = now + delay;
    }

    private void complete(PlayerAction.Fetch fetch, PlayerResponse response, long at) {
        try {
            switch (fetch.kind()) {
                case MULTIVARIANT, MEDIA_PLAYLIST, MPD, TIME -> manifests.onLoaded(fetch, response.body(), response.startedMillis(), at);
                case INIT -> initLoaded(fetch);
                case SEGMENT -> segmentLoaded(fetch, response, at);
            }
            consecutiveFailures = 0;
        } catch (ManifestException e) {
            failed(fetch, "unusable manifest: " + e.getMessage(), at);
        } catch (RuntimeException e) {
            finish(at, "player error on " + fetch.uri() + ": " + e);
        }
    }

    private void initLoaded(PlayerAction.Fetch fetch) {
        initsLoaded.add(SegmentRef.initKey(fetch.uri(), fetch.rangeStart(), fetch.rangeLength()));
    }

    private void segmentLoaded(PlayerAction.Fetch fetch, PlayerResponse response, long at) {
        Track track = null;
        SegmentRef segment = null;
        for (Track t : tracks) {
            SegmentRef s = t.pending;
            if (s != null && s.uri().equals(fetch.uri()) && s.rangeStart() == fetch.rangeStart()) {
                track = t;
                segment = s;
            }
        }
        if (track == null) {
            return;
        }
        track.pending = null;
        long downloadMillis = Math.max(1, at - response.startedMillis());
        segmentsDownloaded++;
        if (downloadMillis > segment.durationMs()) {
            lateSegments++;
        }
        long start = segment.hasProgramTime() ? segment.startMs() : track.bufferedEndMs;
        if (segment.hasProgramTime() && Math.abs(start - track.bufferedEndMs) < segment.durationMs() / 2) {
            start = Math.max(start, track.bufferedEndMs); // snap sub-frame rounding so the buffer stays contiguous
        }
        long end = Math.max(start + segment.durationMs(), track.bufferedEndMs);
        track.buffered.addLast(new Buffered(start, end, track.rendition.id(), track.rendition.bitrate()));
        track.bufferedEndMs = end;
        if (segment.discontinuity() && track == videoTrack) {
            events.onDiscontinuity(at);
        }
        track.nextNumber = segment.number() + 1;
        if (track.video) {
            abr.onSegmentDownloaded(response.bytes(), downloadMillis, at);
        }
        maybePlay(at);
    }

    /**
     * hls.js's emergency switch-down (abr-controller {@code _abandonRulesCheck}), replayed on the
     * emulated link: every {@link #ABANDON_CHECK_MILLIS} once the video segment has loaded for longer
     * than half its duration (and than the latency), if the rest at the rate seen so far would take
     * longer than the buffer left, the download is abandoned for the highest lower rendition that
     * could be loaded before the buffer runs dry (the lowest when none can), provided that is quicker
     * than finishing. Only for adaptive players that are playing, never from the lowest rendition.
     *
     * @return the abandoned download, or null when it runs to the end
     */
    private InFlight abandonment(PlayerAction.Fetch fetch, PlayerResponse response, long completeAt) {
        SegmentRef segment = videoTrack.pending;
        if (segment == null || !segment.uri().equals(fetch.uri()) || startedAt < 0 || phase == Phase.DONE
                || abr instanceof FixedAbr || completeAt == Long.MAX_VALUE) {
            return null;
        }
        List<PlayerRendition> video = manifests.videoRenditions();
        int level = video.indexOf(videoTrack.rendition);
        long start = response.startedMillis();
        long ttfb = config.network().latencyAt(Math.max(0, start - joinedAt));
        long buffer = phase == Phase.PLAYING ? Math.max(0, bufferAheadMs(videoTrack)) : 0;
        long starvesAt = lastAdvance + buffer;
        if (level <= 0 || completeAt <= starvesAt) {
            return null; // nothing lower, or it finishes before the buffer runs dry
        }
        long duration = segment.durationMs();
        long firstCheck = start + Math.max(ttfb, duration / 2) + 1;
        for (long t = start + ABANDON_CHECK_MILLIS; t < completeAt; t += ABANDON_CHECK_MILLIS) {
            if (t < firstCheck) {
                continue;
            }
            long loaded = loadedBy(start, t, response.bytes());
            long streaming = t - start - ttfb;
            if (loaded <= 0 || streaming <= 0) {
                continue;
            }
            double bytesPerMs = (double) loaded / streaming;
            double finishMs = (response.bytes() - loaded) / bytesPerMs;
            long left = Math.max(0, starvesAt - Math.max(t, lastAdvance));
            if (finishMs <= left) {
                continue;
            }
            double bitsPerMs = bytesPerMs * 8;
            int next = 0;
            double nextMs = Double.POSITIVE_INFINITY;
            for (int l = level - 1; l >= 0; l--) {
                nextMs = ttfb + duration / 1000.0 * video.get(l).bitrate() / bitsPerMs;
                next = l;
                if (nextMs < left) {
                    break;
                }
            }
            if (nextMs >= finishMs || nextMs > duration * 10.0) {
                continue;
            }
            return new InFlight(fetch, response, t, video.get(next), loaded);
        }
        return null;
    }

    /** Bytes of an emulated download started at {@code start} that have arrived by {@code t}. */
    private long loadedBy(long start, long t, long total) {
        long offset = Math.max(0, start - joinedAt);
        long low = 0;
        long high = total;
        while (low < high) {
            long mid = (low + high + 1) >>> 1;
            if (config.network().transferMillis(offset, mid) <= t - start) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    /** An abandoned segment: its partial download feeds the estimate, and the same segment is fetched again lower. */
    private void abandoned(InFlight done) {
        videoTrack.pending = null;
        abandonedSegments++;
        abr.onSegmentDownloaded(done.loadedBytes(), Math.max(1, done.completeAt() - done.response().startedMillis()), done.completeAt());
        forcedVideo = done.abandonTo();
        consecutiveFailures = 0;
    }

    private void maybePlay(long at) {
        // The first frame needs the start segment appended (or startBufferSeconds, if that is less): a player seeked
        // into that segment does not wait for the next one. Resuming after a stall needs startBufferSeconds.
        double needed = phase == Phase.STARTING ? Math.min(config.startBufferSeconds() * 1000, startSegmentEndMs - playheadMs)
                : config.startBufferSeconds() * 1000;
        if ((phase == Phase.STARTING || phase == Phase.STALLED) && bufferAheadMs() >= needed) {
            if (phase == Phase.STARTING && config.clientStartMillis() > 0) {
                // The browser appends, demuxes and decodes before the first frame shows: playback begins later.
                if (firstFrameAt < 0) {
                    firstFrameAt = at + config.clientStartMillis();
                }
                return;
            }
            beginPlaying(at);
        }
    }

    private void beginPlaying(long at) {
        if (phase == Phase.STARTING) {
            startedAt = at;
            events.onStarted(at - joinedAt);
            nextLatencySample = at;
        } else {
            rebufferMillis += at - stallStartedAt;
            events.onStallEnded(stallStartedAt, at);
        }
        phase = Phase.PLAYING;
        lastAdvance = at;
    }

    // ---- playback clock ----------------------------------------------------------------------

    private long bufferEndMs() {
        long end = Long.MAX_VALUE;
        for (Track t : tracks) {
            end = Math.min(end, t.bufferedEndMs);
        }
        return end;
    }

    private long bufferAheadMs() {
        return tracks.isEmpty() || playheadMs == Long.MIN_VALUE ? 0 : bufferEndMs() - playheadMs;
    }

    private long bufferAheadMs(Track t) {
        return playheadMs == Long.MIN_VALUE ? 0 : t.bufferedEndMs - playheadMs;
    }

    /** Plays from the last update to {@code now}: the playhead advances until the buffer runs dry. */
    private void advance(long now) {
        if (phase == Phase.STARTING && firstFrameAt >= 0 && now >= firstFrameAt) {
            lastAdvance = Math.max(lastAdvance, firstFrameAt);
            beginPlaying(firstFrameAt);
        }
        if (now <= lastAdvance) {
            return;
        }
        if (phase == Phase.PLAYING) {
            long available = Math.max(0, bufferAheadMs());
            long dt = now - lastAdvance;
            if (dt < available) {
                play(dt);
            } else {
                play(available);
                phase = Phase.STALLED;
                starvedSinceRequest = true;
                stallStartedAt = lastAdvance + available;
                rebufferCount++;
                events.onStallBegan(stallStartedAt);
            }
        }
        lastAdvance = now;
        if (phase == Phase.PLAYING || phase == Phase.STALLED) {
            sampleLatency(now);
        }
    }

    private void play(long millis) {
        long target = playheadMs + millis;
        while (playheadMs < target) {
            Buffered current = videoTrack.buffered.peekFirst();
            if (current == null) {
                playheadMs = target;
                break;
            }
            if (current.endMs() <= playheadMs) {
                videoTrack.buffered.removeFirst();
                continue;
            }
            long step = Math.min(target, current.endMs()) - Math.max(playheadMs, current.startMs());
            if (current.startMs() > playheadMs) {
                playheadMs = Math.min(target, current.startMs()); // a gap in program time: jump it
                continue;
            }
            if (!current.renditionId().equals(playedRendition)) {
                if (playedRendition != null) {
                    switches++;
                }
                // the time the playhead reached this segment, not the wall time of the update
                events.onRenditionPlayed(playedRendition, current.renditionId(), lastAdvance + (playheadMs - (target - millis)));
                playedRendition = current.renditionId();
            }
            millisPerRendition.merge(current.renditionId(), step, Long::sum);
            playedBitrateMillis += current.bitrate() / 1000 * step;
            playedMillis += step;
            playheadMs += step;
        }
        for (Track t : tracks) {
            while (t != videoTrack && !t.buffered.isEmpty() && t.buffered.peekFirst().endMs() <= playheadMs) {
                t.buffered.removeFirst();
            }
        }
    }

    /** One live-latency sample per second of wall time while playing or stalled (CTA-2066 live latency). */
    private void sampleLatency(long now) {
        if (startedAt < 0 || now < nextLatencySample || !programTimeKnown) {
            return;
        }
        events.onLiveLatency(Math.max(0, now + manifests.clockOffsetMillis() - playheadMs));
        nextLatencySample = now + 1000;
    }

    private void finish(long now, String why) {
        if (ended) {
            return;
        }
        ended = true;
        advance(now);
        if (phase == Phase.STALLED) {
            rebufferMillis += now - stallStartedAt;
            events.onStallEnded(stallStartedAt, now);
        }
        failure = why;
        boolean started = startedAt >= 0;
        double avgKbps = playedMillis == 0 ? 0 : (double) playedBitrateMillis / playedMillis;
        PlayerQoe qoe = new PlayerQoe(id, config.network().name(), abr.name(), started, !started, started && why != null,
                started ? startedAt - joinedAt : -1, rebufferCount, rebufferMillis, started ? now - startedAt : 0, avgKbps, switches,
                Map.copyOf(millisPerRendition), lateSegments, segmentsDownloaded, abandonedSegments);
        phase = Phase.DONE;
        events.onEnd(qoe);
    }

    /** Ends the session now (the driver is shutting down); QoE is reported as of now. */
    public void stop(long now) {
        finish(now, null);
    }
}
