package io.glass2glass.player.abr;

/**
 * Always the same rendition, named by id: a baseline without adaptation. The bandwidth estimate is still kept
 * ({@link EwmaBandwidthEstimator}) so reports can show what the viewer's link delivered.
 */
public final class FixedAbr implements AbrAlgorithm {

    private final String renditionId;
    private final EwmaBandwidthEstimator estimator = new EwmaBandwidthEstimator();

    public FixedAbr(String renditionId) {
        if (renditionId == null || renditionId.isBlank()) {
            throw new IllegalArgumentException("fixed ABR needs a rendition id, as in fixed:720p");
        }
        this.renditionId = renditionId;
    }

    public String renditionId() {
        return renditionId;
    }

    /** The rendition's index; an id the stream does not have is an {@link IllegalArgumentException} naming those it has. */
    @Override
    public int choose(AbrContext ctx) {
        int index = ctx.renditionIds().indexOf(renditionId);
        if (index < 0) {
            throw new IllegalArgumentException("ABR " + name() + ": the stream has no video rendition '" + renditionId
                    + "'; its renditions are " + String.join(", ", ctx.renditionIds()));
        }
        return index;
    }

    @Override
    public void onSegmentDownloaded(long bytes, long durationMillis, long nowMillis) {
        estimator.sample(durationMillis, bytes);
    }

    @Override
    public long bandwidthEstimate() {
        return Math.round(estimator.estimate());
    }

    @Override
    public String name() {
        return "fixed:" + renditionId;
    }
}
