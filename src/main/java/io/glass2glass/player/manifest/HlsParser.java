package io.glass2glass.player.manifest;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads HLS playlists (RFC 8216 §4) from any server, as tolerant as hls.js where the RFC leaves
 * room: unknown tags and comments are ignored (§4.1, §6.3.1), blank lines, CR LF line ends and a
 * byte order mark are accepted, and a playlist that breaks a rule a player cannot work around is
 * refused with a {@link ManifestException} naming the line.
 *
 * <p>Encrypted media playlists (EXT-X-KEY with a METHOD other than NONE, §4.3.2.4) are refused:
 * the simulated player neither fetches keys nor decrypts, so it would not load such a stream the
 * way a real player does. I-frame-only variants (EXT-X-I-FRAME-STREAM-INF) and low-latency parts
 * are ignored.
 */
public final class HlsParser {

    /** Tags that only a Media Playlist may hold (§4.3.2, §4.3.3). */
    private static final Set<String> MEDIA_PLAYLIST_TAGS = Set.of(
            "#EXTINF", "#EXT-X-TARGETDURATION", "#EXT-X-MEDIA-SEQUENCE", "#EXT-X-DISCONTINUITY-SEQUENCE",
            "#EXT-X-ENDLIST", "#EXT-X-PLAYLIST-TYPE", "#EXT-X-I-FRAMES-ONLY", "#EXT-X-BYTERANGE", "#EXT-X-DISCONTINUITY",
            "#EXT-X-KEY", "#EXT-X-MAP", "#EXT-X-PROGRAM-DATE-TIME", "#EXT-X-GAP", "#EXT-X-PART", "#EXT-X-PART-INF");
    /** Tags that only a Multivariant Playlist may hold (§4.3.4). */
    private static final Set<String> MULTIVARIANT_TAGS = Set.of(
            "#EXT-X-STREAM-INF", "#EXT-X-I-FRAME-STREAM-INF", "#EXT-X-MEDIA", "#EXT-X-SESSION-DATA", "#EXT-X-SESSION-KEY");

    private HlsParser() {
    }

    /**
     * Whether {@code text} is a Multivariant Playlist rather than a Media Playlist: the first tag
     * that only one of the two kinds may hold decides (§4.3).
     *
     * @throws ManifestException if the text is not an HLS playlist at all
     */
    public static boolean isMultivariant(String text) {
        PlaylistLines lines = PlaylistLines.open(text);
        for (String line; (line = lines.next()) != null; ) {
            String tag = tagName(line);
            if (MULTIVARIANT_TAGS.contains(tag)) {
                return true;
            }
            if (MEDIA_PLAYLIST_TAGS.contains(tag)) {
                return false;
            }
        }
        return false;
    }

    /**
     * Parses a Multivariant Playlist (§4.3.4): EXT-X-STREAM-INF variants with the URI line that
     * follows each (comments and unknown tags may come between), EXT-X-MEDIA renditions and
     * EXT-X-INDEPENDENT-SEGMENTS. URIs are resolved against {@code uri} by {@link Urls#resolve}.
     *
     * @throws ManifestException if the text is not a Multivariant Playlist, lists no variant, or a
     *     variant lacks BANDWIDTH or its URI line
     */
    public static MultivariantPlaylist parseMultivariant(String text, URI uri) {
        PlaylistLines lines = PlaylistLines.open(text);
        Urls.checkBase(uri);
        List<Variant> variants = new ArrayList<>();
        List<Rendition> media = new ArrayList<>();
        boolean independentSegments = false;
        AttributeList streamInf = null;
        int streamInfLine = 0;
        for (String line; (line = lines.next()) != null; ) {
            int number = lines.lineNumber();
            if (!line.startsWith("#")) {
                if (streamInf == null) {
                    throw new ManifestException("line " + number + ": URI line without a preceding EXT-X-STREAM-INF");
                }
                ManifestLimits.checkCount(variants.size() + 1L, "variant streams");
                variants.add(variant(streamInf, resolve(uri, line, number)));
                streamInf = null;
                continue;
            }
            String tag = tagName(line);
            if (MEDIA_PLAYLIST_TAGS.contains(tag)) {
                throw new ManifestException("line " + number + ": " + tag + ": this is a media playlist, not a multivariant playlist");
            }
            switch (tag) {
                case "#EXT-X-STREAM-INF" -> {
                    if (streamInf != null) {
                        throw new ManifestException("line " + streamInfLine + ": EXT-X-STREAM-INF has no URI line after it");
                    }
                    streamInf = AttributeList.parse(tagValue(line), "EXT-X-STREAM-INF", number);
                    streamInfLine = number;
                }
                case "#EXT-X-MEDIA" -> {
                    ManifestLimits.checkCount(media.size() + 1L, "EXT-X-MEDIA renditions");
                    media.add(rendition(AttributeList.parse(tagValue(line), "EXT-X-MEDIA", number), uri, number));
                }
                case "#EXT-X-INDEPENDENT-SEGMENTS" -> independentSegments = true;
                default -> {
                    // unknown tags and those a player need not act on are ignored (§6.3.1)
                }
            }
        }
        if (streamInf != null) {
            throw new ManifestException("line " + streamInfLine + ": EXT-X-STREAM-INF has no URI line after it (truncated playlist?)");
        }
        if (variants.isEmpty()) {
            throw new ManifestException("multivariant playlist lists no variant stream (EXT-X-STREAM-INF)");
        }
        return new MultivariantPlaylist(uri, variants, media, independentSegments);
    }

    /**
     * Parses a Media Playlist (§4.3.3, §4.3.2).
     *
     * <ul>
     *   <li>EXT-X-TARGETDURATION is required; a decimal value is tolerated.
     *   <li>EXTINF durations may be integers or decimals, never negative; every EXTINF needs a URI line.
     *   <li>EXT-X-BYTERANGE without an offset starts after the previous segment's range when that
     *       segment is a range of the same resource (§4.4.4.2), and at 0 otherwise; an EXT-X-MAP
     *       BYTERANGE without an offset starts at 0.
     *   <li>EXT-X-PROGRAM-DATE-TIME (any ISO 8601 offset, with or without fractional seconds) is
     *       carried forward to later segments without one by adding durations, and backward to
     *       earlier ones by subtracting them, as hls.js does.
     *   <li>A segment's discontinuity sequence is EXT-X-DISCONTINUITY-SEQUENCE plus the
     *       EXT-X-DISCONTINUITY tags up to and including its own (§4.3.3.3).
     * </ul>
     *
     * @throws ManifestException if the text is not a Media Playlist or breaks one of the rules above,
     *     or holds encrypted segments
     */
    public static MediaPlaylist parseMedia(String text, URI uri) {
        PlaylistLines lines = PlaylistLines.open(text);
        Urls.checkBase(uri);
        MediaPlaylistBuilder playlist = new MediaPlaylistBuilder(uri);
        for (String line; (line = lines.next()) != null; ) {
            int number = lines.lineNumber();
            if (line.startsWith("#")) {
                String tag = tagName(line);
                if (MULTIVARIANT_TAGS.contains(tag)) {
                    throw new ManifestException("line " + number + ": " + tag + ": this is a multivariant playlist, not a media playlist");
                }
                playlist.tag(tag, tagValue(line), number);
            } else {
                playlist.uri(line, number);
            }
        }
        return playlist.build();
    }

    private static Variant variant(AttributeList a, URI uri) {
        int[] resolution = a.resolution("RESOLUTION");
        return new Variant(
                uri,
                Decimals.unsigned(a.required("BANDWIDTH"), a.where() + "BANDWIDTH"),
                a.decimalInteger("AVERAGE-BANDWIDTH", 0),
                resolution[0],
                resolution[1],
                a.string("CODECS", ""),
                a.decimalFloat("FRAME-RATE", 0),
                a.string("AUDIO", null));
    }

    private static Rendition rendition(AttributeList a, URI base, int line) {
        String type = a.required("TYPE").toUpperCase(Locale.ROOT);
        boolean isDefault = a.yesNo("DEFAULT", false);
        // closed captions live inside the video stream; a URI on them is an error the RFC says to ignore
        String reference = type.equals("CLOSED-CAPTIONS") ? null : a.string("URI", null);
        return new Rendition(
                type,
                a.required("GROUP-ID"),
                a.required("NAME"),
                a.string("LANGUAGE", null),
                isDefault,
                isDefault || a.yesNo("AUTOSELECT", false),
                reference == null ? null : resolve(base, reference, line));
    }

    private static URI resolve(URI base, String reference, int line) {
        try {
            return Urls.resolve(base, reference);
        } catch (ManifestException e) {
            throw new ManifestException("line " + line + ": " + e.getMessage(), e);
        }
    }

    private static String tagName(String line) {
        int colon = line.indexOf(':');
        return colon < 0 ? line : line.substring(0, colon);
    }

    private static String tagValue(String line) {
        int colon = line.indexOf(':');
        return colon < 0 ? "" : line.substring(colon + 1);
    }

    /** The state of a Media Playlist while its lines are read: playlist tags so far and the segment being described. */
    private static final class MediaPlaylistBuilder {
        private final URI uri;
        private final List<MediaSegment> segments = new ArrayList<>();
        private int version = 1;
        private double targetDuration = Double.NaN;
        private long mediaSequence;
        private long discontinuitySequence;
        private boolean endList;
        private String playlistType;
        private double holdBack;
        private double partHoldBack;
        private InitSection init;
        private long discontinuities;
        private boolean anyProgramDateTime;

        // tags that apply to the next URI line
        private int extinfLine;
        private double duration;
        private String title;
        private boolean discontinuity;
        private boolean gap;
        private long programDateTime = Long.MIN_VALUE;
        private long rangeLength = -1;
        private long rangeOffset = -1;

        MediaPlaylistBuilder(URI uri) {
            this.uri = uri;
        }

        void tag(String tag, String value, int line) {
            String where = "line " + line + ": " + tag.substring(1);
            switch (tag) {
                case "#EXTINF" -> {
                    if (extinfLine != 0) {
                        throw new ManifestException("line " + extinfLine + ": EXTINF has no URI line after it (line " + line
                                + " holds another EXTINF)");
                    }
                    int comma = value.indexOf(',');
                    String number = comma < 0 ? value : value.substring(0, comma);
                    duration = Decimals.nonNegative(number, where + " duration");
                    title = comma < 0 ? "" : value.substring(comma + 1).strip();
                    extinfLine = line;
                }
                case "#EXT-X-TARGETDURATION" -> targetDuration = Decimals.nonNegative(value, where);
                case "#EXT-X-VERSION" -> version = Decimals.unsignedInt(value, where);
                case "#EXT-X-MEDIA-SEQUENCE" -> mediaSequence = Decimals.unsigned(value, where);
                case "#EXT-X-DISCONTINUITY-SEQUENCE" -> discontinuitySequence = Decimals.unsigned(value, where);
                case "#EXT-X-ENDLIST" -> endList = true;
                case "#EXT-X-PLAYLIST-TYPE" -> {
                    String type = value.strip().toUpperCase(Locale.ROOT);
                    playlistType = type.equals("EVENT") || type.equals("VOD") ? type : null;
                }
                case "#EXT-X-SERVER-CONTROL" -> {
                    AttributeList a = AttributeList.parse(value, "EXT-X-SERVER-CONTROL", line);
                    holdBack = a.decimalFloat("HOLD-BACK", 0);
                    partHoldBack = a.decimalFloat("PART-HOLD-BACK", 0);
                }
                case "#EXT-X-DISCONTINUITY" -> discontinuity = true;
                case "#EXT-X-GAP" -> gap = true;
                case "#EXT-X-PROGRAM-DATE-TIME" -> {
                    programDateTime = Iso8601.dateTimeMillis(value, where);
                    anyProgramDateTime = true;
                }
                case "#EXT-X-BYTERANGE" -> {
                    int at = value.indexOf('@');
                    rangeLength = Decimals.unsigned(at < 0 ? value : value.substring(0, at), where + " length");
                    rangeOffset = at < 0 ? -1 : Decimals.unsigned(value.substring(at + 1), where + " offset");
                }
                case "#EXT-X-MAP" -> init = initSection(AttributeList.parse(value, "EXT-X-MAP", line), line);
                case "#EXT-X-KEY" -> {
                    String method = AttributeList.parse(value, "EXT-X-KEY", line).required("METHOD");
                    if (!method.equals("NONE")) {
                        throw new ManifestException("line " + line + ": encrypted streams are not supported (EXT-X-KEY METHOD=" + method + ")");
                    }
                }
                default -> {
                    // unknown tags and those a player need not act on are ignored (§6.3.1)
                }
            }
        }

        void uri(String reference, int line) {
            if (extinfLine == 0) {
                throw new ManifestException("line " + line + ": URI line without a preceding EXTINF");
            }
            ManifestLimits.checkCount(segments.size() + 1L, "segments in a media playlist");
            URI segmentUri = resolve(uri, reference, line);
            ByteRange byteRange = null;
            if (rangeLength >= 0) {
                long offset = rangeOffset >= 0 ? rangeOffset : continuedOffset(segmentUri);
                byteRange = new ByteRange(rangeLength, offset);
            }
            if (discontinuity) {
                discontinuities++;
            }
            segments.add(new MediaSegment(mediaSequence + segments.size(), segmentUri, duration, title, programDateTime,
                    discontinuity, discontinuitySequence + discontinuities, byteRange, init, gap));
            extinfLine = 0;
            discontinuity = false;
            gap = false;
            programDateTime = Long.MIN_VALUE;
            rangeLength = -1;
            rangeOffset = -1;
        }

        MediaPlaylist build() {
            if (extinfLine != 0) {
                throw new ManifestException("line " + extinfLine + ": EXTINF has no URI line after it (truncated playlist?)");
            }
            if (Double.isNaN(targetDuration)) {
                throw new ManifestException("media playlist without EXT-X-TARGETDURATION (RFC 8216 §4.3.3.1)");
            }
            List<MediaSegment> dated = anyProgramDateTime ? withProgramDateTimes(segments) : segments;
            return new MediaPlaylist(uri, version, targetDuration, mediaSequence, discontinuitySequence, endList,
                    playlistType, holdBack, partHoldBack, dated);
        }

        /** Start of a range without an offset: right after the previous segment's range of the same resource. */
        private long continuedOffset(URI resource) {
            if (!segments.isEmpty()) {
                MediaSegment previous = segments.get(segments.size() - 1);
                if (previous.byteRange() != null && previous.uri().equals(resource)) {
                    return previous.byteRange().offset() + previous.byteRange().length();
                }
            }
            return 0;
        }

        private InitSection initSection(AttributeList a, int line) {
            URI mapUri = resolve(uri, a.required("URI"), line);
            if (!a.has("BYTERANGE")) {
                return new InitSection(mapUri, null);
            }
            String range = a.string("BYTERANGE", "");
            int at = range.indexOf('@');
            long length = Decimals.unsigned(at < 0 ? range : range.substring(0, at), a.where() + "BYTERANGE length");
            long offset = at < 0 ? 0 : Decimals.unsigned(range.substring(at + 1), a.where() + "BYTERANGE offset");
            return new InitSection(mapUri, new ByteRange(length, offset));
        }

        /** Fills in program date times from the nearest segment that carries one, forward then backward. */
        private static List<MediaSegment> withProgramDateTimes(List<MediaSegment> segments) {
            List<MediaSegment> out = new ArrayList<>(segments);
            int firstDated = -1;
            long anchor = 0;
            double sinceAnchor = 0;
            for (int i = 0; i < out.size(); i++) {
                MediaSegment s = out.get(i);
                if (s.programDateTimeMillis() != Long.MIN_VALUE) {
                    firstDated = firstDated < 0 ? i : firstDated;
                    anchor = s.programDateTimeMillis();
                    sinceAnchor = s.duration();
                } else if (firstDated >= 0) {
                    // from the anchor rather than the previous segment, so rounding does not accumulate
                    out.set(i, s.withProgramDateTime(offset(anchor, sinceAnchor)));
                    sinceAnchor += s.duration();
                }
            }
            double beforeFirst = 0;
            for (int i = firstDated - 1; i >= 0; i--) {
                beforeFirst += out.get(i).duration();
                out.set(i, out.get(i).withProgramDateTime(offset(out.get(firstDated).programDateTimeMillis(), -beforeFirst)));
            }
            return out;
        }

        private static long offset(long millis, double seconds) {
            try {
                return Math.addExact(millis, Math.round(seconds * 1000));
            } catch (ArithmeticException e) {
                throw new ManifestException("program date times out of range: segment durations add up to " + seconds + " s", e);
            }
        }
    }
}
