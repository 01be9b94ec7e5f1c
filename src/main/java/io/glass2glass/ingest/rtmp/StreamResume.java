package io.glass2glass.ingest.rtmp;

/**
 * Where a publish's RTMP timestamps go on its stream's timeline (the ingest's timestamp mapping, as
 * mediamtx's {@code to_stream} does it): unchanged for a new stream; for a stream whose publisher
 * came back, moved past the end of what is already published.
 *
 * @param resumed whether the stream already has published segments
 * @param segmentMillis the stream's segment duration
 * @param availabilityStartMillis wall-clock time of the stream's time 0
 * @param endMillis the stream time where its published segments end
 */
public record StreamResume(boolean resumed, long segmentMillis, long availabilityStartMillis, long endMillis) {

    /** A stream nothing has been published to yet. */
    public static final StreamResume NEW = new StreamResume(false, 0, 0, 0);

    public StreamResume {
        if (resumed && segmentMillis <= 0) {
            throw new IllegalArgumentException("a resumed stream needs a segment duration: " + segmentMillis);
        }
    }

    /**
     * How far to move the publish's timestamps: 0 for a new stream; for a resumed one, onto the
     * first segment boundary that is both after the timeline's end and not before the wall clock's
     * stream time, so segments stay in order and DASH availability times stay true.
     */
    public long offsetMillis(long nowMillis, long firstTimestamp) {
        if (!resumed) {
            return 0;
        }
        long elapsed = nowMillis - availabilityStartMillis;
        long start = Math.max(Math.floorDiv(elapsed + segmentMillis - 1, segmentMillis),
                Math.floorDiv(endMillis + segmentMillis - 1, segmentMillis)) * segmentMillis;
        return start - firstTimestamp;
    }
}
