package io.glass2glass.player.abr;

/**
 * Throughput rule while the buffer is short, BOLA once it is long, as dash.js's {@code abrStrategy: abrDynamic}
 * ({@code AbrController._updateDynamicAbrStrategy}): BOLA takes over when the buffer exceeds 18 s and hands back when
 * it falls to 9 s or less; in between the rule in use stays, so the choice does not flap. Both rules see every
 * download, so the one taking over starts from current samples.
 *
 * <p>dash.js derives the thresholds from {@code stableBufferTime} (on above it, off at half of it); here they are
 * fixed at 18 s and 9 s. The throughput side is {@link ThroughputAbr} (hls.js's rule), not dash.js's
 * {@code ThroughputRule}.
 */
public final class DynamicAbr implements AbrAlgorithm {

    /** Buffer level above which BOLA takes over, seconds. */
    public static final double SWITCH_ON_BUFFER_SECONDS = 18;
    /** Buffer level at or below which the throughput rule takes back over, seconds. */
    public static final double SWITCH_OFF_BUFFER_SECONDS = 9;

    private final AbrAlgorithm throughput;
    private final AbrAlgorithm bola;
    private boolean usingBola;

    public DynamicAbr() {
        this(new ThroughputAbr(), new BolaAbr());
    }

    /** Switches between the two given rules; they must be instances of their own, not shared. */
    public DynamicAbr(AbrAlgorithm throughput, AbrAlgorithm bola) {
        this.throughput = throughput;
        this.bola = bola;
    }

    @Override
    public int choose(AbrContext ctx) {
        usingBola = ctx.bufferSeconds() > (usingBola ? SWITCH_OFF_BUFFER_SECONDS : SWITCH_ON_BUFFER_SECONDS);
        return active().choose(ctx);
    }

    @Override
    public void onSegmentDownloaded(long bytes, long durationMillis, long nowMillis) {
        throughput.onSegmentDownloaded(bytes, durationMillis, nowMillis);
        bola.onSegmentDownloaded(bytes, durationMillis, nowMillis);
    }

    /** The rule the last choice was made with. */
    public AbrAlgorithm active() {
        return usingBola ? bola : throughput;
    }

    @Override
    public long bandwidthEstimate() {
        return active().bandwidthEstimate();
    }

    @Override
    public String name() {
        return "dynamic";
    }
}
