package io.glass2glass.player;

import io.glass2glass.media.ObjectKind;
import io.glass2glass.player.manifest.AdaptationSet;
import io.glass2glass.player.manifest.DashParser;
import io.glass2glass.player.manifest.ManifestException;
import io.glass2glass.player.manifest.Mpd;
import io.glass2glass.player.manifest.Period;
import io.glass2glass.player.manifest.Representation;
import io.glass2glass.player.manifest.SegmentTemplate;
import io.glass2glass.player.manifest.TimelineSegment;
import io.glass2glass.player.manifest.Urls;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The DASH side of a player (ISO/IEC 23009-1): the MPD, refreshed every minimumUpdatePeriod
 * (§5.4), the clock synchronised once from UTCTiming (DASH-IF IOP §4.7), and segments listed from
 * the SegmentTemplate as they become available on that clock (§5.3.9.5).
 */
final class DashManifests implements LiveManifests {

    private static final String HTTP_ISO = "urn:mpeg:dash:utc:http-iso:2014";
    private static final String HTTP_XSDATE = "urn:mpeg:dash:utc:http-xsdate:2014";
    private static final String DIRECT = "urn:mpeg:dash:utc:direct:2014";

    private static final ManifestCache<Mpd> MPDS = new ManifestCache<>();

    private final URI target;
    private Mpd mpd;
    private long nextRefreshAt;
    private URI timeUrl;
    private boolean clockSynced;
    private long clockOffset;
    private final List<PlayerRendition> video = new ArrayList<>();
    private int firstListed;
    private PlayerRendition audio;

    DashManifests(URI target) {
        this.target = target;
    }

    @Override
    public PlayerAction.Fetch dueFetch(long now, List<PlayerRendition> active, Player.Ids ids) {
        if (mpd == null) {
            return new PlayerAction.Fetch(ids.next(), ObjectKind.MPD, target, -1, -1, true, now);
        }
        if (!clockSynced) {
            return new PlayerAction.Fetch(ids.next(), ObjectKind.TIME, timeUrl, -1, -1, true, now);
        }
        if (mpd.dynamic() && now >= nextRefreshAt) {
            return new PlayerAction.Fetch(ids.next(), ObjectKind.MPD, target, -1, -1, true, nextRefreshAt);
        }
        return null;
    }

    @Override
    public void onLoaded(PlayerAction.Fetch fetch, String body, long sentMillis, long completedMillis) {
        if (fetch.kind() == ObjectKind.TIME) {
            long server = parseTime(body.strip());
            clockOffset = server - (sentMillis + completedMillis) / 2;
            clockSynced = true;
            return;
        }
        Mpd loaded = MPDS.get(fetch.uri(), body, DashParser::parse);
        if (loaded.periods().isEmpty()) {
            throw new ManifestException("MPD has no Period");
        }
        boolean first = mpd == null;
        mpd = loaded;
        double update = Double.isNaN(loaded.minimumUpdatePeriod()) ? segmentSeconds() : loaded.minimumUpdatePeriod();
        nextRefreshAt = completedMillis + Math.max(500, Math.round(update * 1000));
        if (first) {
            chooseClock(loaded);
            renditions(currentPeriod());
        }
    }

    private void chooseClock(Mpd m) {
        for (var timing : m.utcTimings()) {
            String scheme = timing.schemeIdUri();
            if (HTTP_ISO.equals(scheme) || HTTP_XSDATE.equals(scheme)) {
                timeUrl = Urls.resolve(m.uri(), timing.value().strip().split("\\s+")[0]);
                return;
            }
            if (DIRECT.equals(scheme)) {
                clockOffset = parseTime(timing.value().strip()) - System.currentTimeMillis();
                clockSynced = true;
                return;
            }
        }
        clockSynced = true; // no usable UTCTiming: the local clock, as dash.js falls back to
    }

    private void renditions(Period period) {
        List<Representation> reps = new ArrayList<>();
        Representation audioRep = null;
        for (AdaptationSet set : period.adaptationSets()) {
            if ("video".equals(set.contentType())) {
                reps.addAll(set.representations());
            } else if ("audio".equals(set.contentType()) && audioRep == null && !set.representations().isEmpty()) {
                audioRep = set.representations().stream().max(Comparator.comparingLong(Representation::bandwidth)).orElseThrow();
            }
        }
        if (reps.isEmpty() && audioRep == null) {
            throw new ManifestException("MPD period " + period.id() + " has no video or audio representation");
        }
        Representation listedFirst = reps.isEmpty() ? null : reps.get(0);
        reps.sort(Comparator.comparingLong(Representation::bandwidth));
        firstListed = Math.max(0, reps.indexOf(listedFirst));
        for (Representation r : reps) {
            requireTemplate(r);
            video.add(new PlayerRendition(r.id(), true, r.bandwidth(), r.width(), r.height(), null, r.id()));
        }
        if (audioRep != null) {
            requireTemplate(audioRep);
            PlayerRendition a = new PlayerRendition(audioRep.id(), false, audioRep.bandwidth(), 0, 0, null, audioRep.id());
            if (video.isEmpty()) {
                video.add(a); // an audio-only presentation: the "video" track carries it
            } else {
                audio = a;
            }
        }
    }

    private static void requireTemplate(Representation r) {
        if (r.template() == null) {
            throw new ManifestException("Representation " + r.id() + " has no SegmentTemplate (SegmentBase/SegmentList are not supported)");
        }
    }

    private Period currentPeriod() {
        return mpd.periods().get(mpd.periods().size() - 1);
    }

    private Representation representation(PlayerRendition r) {
        return representation(currentPeriod(), r);
    }

    private static Representation representation(Period period, PlayerRendition r) {
        for (AdaptationSet set : period.adaptationSets()) {
            for (Representation rep : set.representations()) {
                if (rep.id().equals(r.manifestKey())) {
                    return rep;
                }
            }
        }
        return null;
    }

    @Override
    public boolean onGaveUp(PlayerAction.Fetch fetch) {
        if (fetch.kind() == ObjectKind.TIME) {
            clockSynced = true; // the time server is unreachable: carry on with the local clock
            return true;
        }
        return false;
    }

    @Override
    public boolean ready() {
        return mpd != null && clockSynced && !video.isEmpty();
    }

    @Override
    public List<PlayerRendition> videoRenditions() {
        return video;
    }

    @Override
    public PlayerRendition audioRendition() {
        return audio;
    }

    @Override
    public boolean hasSegments(PlayerRendition r) {
        return mpd != null && representation(r) != null;
    }

    /**
     * The available segments of every Period, oldest first: a multi-period live MPD (a publisher
     * that came back) plays on from one Period into the next, the first segment of each later
     * Period marked as a discontinuity. A segment's {@link SegmentRef#number()} is its program time
     * in ms, not its {@code $Number$} (which is only used in its URL): Periods that restart their
     * numbering (ad insertion, a restarted encoder) then still follow one another in order.
     */
    @Override
    public List<SegmentRef> segments(PlayerRendition r, long now) {
        List<SegmentRef> refs = new ArrayList<>();
        long ast = mpd.availabilityStartTimeMillis() == Long.MIN_VALUE ? 0 : mpd.availabilityStartTimeMillis();
        for (Period period : mpd.periods()) {
            Representation rep = representation(period, r);
            if (rep == null || Double.isNaN(period.start())) {
                continue;
            }
            SegmentTemplate t = rep.template();
            long periodStart = ast + Math.round(period.start() * 1000);
            URI init = t.initialization() == null ? null : t.initializationUrl(rep);
            boolean first = !refs.isEmpty();
            for (TimelineSegment s : DashParser.segmentsAvailableAt(mpd, period, t, now + clockOffset)) {
                long startMs = periodStart + Math.round((s.time() - t.presentationTimeOffset()) * 1000.0 / t.timescale());
                long durationMs = Math.round(s.duration() * 1000.0 / t.timescale());
                if (!refs.isEmpty() && startMs <= refs.get(refs.size() - 1).number()) {
                    continue; // overlaps the previous Period's last segment
                }
                refs.add(new SegmentRef(startMs, t.mediaUrl(rep, s.number(), s.time()), -1, -1, startMs, durationMs, first, init,
                        -1, -1));
                first = false;
            }
        }
        return refs;
    }

    @Override
    public double segmentSeconds() {
        if (mpd != null && !Double.isNaN(mpd.maxSegmentDuration()) && mpd.maxSegmentDuration() > 0) {
            return mpd.maxSegmentDuration();
        }
        if (mpd != null && !video.isEmpty()) {
            Representation rep = representation(video.get(0));
            if (rep != null && rep.template() != null) {
                SegmentTemplate t = rep.template();
                if (t.duration() > 0) {
                    return (double) t.duration() / t.timescale();
                }
                if (!t.timeline().isEmpty()) {
                    return (double) t.timeline().get(t.timeline().size() - 1).duration() / t.timescale();
                }
            }
        }
        return 2;
    }

    /** dash.js: suggestedPresentationDelay when the MPD has one, else {@code liveSyncSegments} segments behind now. */
    @Override
    public int firstListedVideo() {
        return firstListed;
    }

    /** Live edge minus @suggestedPresentationDelay, else minus {@code liveSyncSegments} segments, in server program time. */
    @Override
    public long liveTargetMillis(long now, int liveSyncSegments) {
        double delay = !Double.isNaN(mpd.suggestedPresentationDelay()) && mpd.suggestedPresentationDelay() > 0
                ? mpd.suggestedPresentationDelay() : liveSyncSegments * segmentSeconds();
        return now + clockOffset - Math.round(delay * 1000);
    }

    @Override
    public SegmentRef liveStart(List<SegmentRef> available, long now, int liveSyncSegments) {
        long target = liveTargetMillis(now, liveSyncSegments);
        SegmentRef start = available.get(0);
        for (SegmentRef s : available) {
            if (s.startMs() <= target) {
                start = s;
            }
        }
        return start;
    }

    @Override
    public long nextWakeMillis(long now, List<PlayerRendition> active) {
        if (mpd == null || !clockSynced) {
            return now;
        }
        long wake = mpd.dynamic() ? nextRefreshAt : Long.MAX_VALUE;
        // With a clock-driven template ($Number$ and @duration) the next segment appears at its end time.
        for (PlayerRendition r : active) {
            Representation rep = representation(r);
            if (rep != null && rep.template() != null && rep.template().duration() > 0) {
                SegmentTemplate t = rep.template();
                long d = Math.round(t.duration() * 1000.0 / t.timescale());
                long ast = mpd.availabilityStartTimeMillis() + Math.round(currentPeriod().start() * 1000);
                long serverNow = now + clockOffset;
                long nextEnd = ast + ((serverNow - ast) / d + 1) * d;
                wake = Math.min(wake, nextEnd - clockOffset);
            }
        }
        return wake;
    }

    @Override
    public long clockOffsetMillis() {
        return clockOffset;
    }

    /** ISO-8601 / xs:dateTime as time servers answer it (with or without fraction and offset). */
    static long parseTime(String text) {
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            } catch (DateTimeParseException e2) {
                throw new ManifestException("time server answered something that is not an ISO-8601 time: "
                        + text.substring(0, Math.min(64, text.length())));
            }
        }
    }
}
