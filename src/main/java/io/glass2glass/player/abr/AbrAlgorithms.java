package io.glass2glass.player.abr;

/** Creates an {@link AbrAlgorithm} from its name, as given on the command line or in a player configuration. */
public final class AbrAlgorithms {

    /** The accepted forms, for help texts and error messages. */
    public static final String CHOICES = "throughput, bola, dynamic, fixed:{renditionId}";

    private AbrAlgorithms() {}

    /**
     * A new instance (one per player) for {@code spec}: {@code throughput} ({@link ThroughputAbr}), {@code bola}
     * ({@link BolaAbr}), {@code dynamic} ({@link DynamicAbr}) or {@code fixed:ID} ({@link FixedAbr}).
     */
    public static AbrAlgorithm create(String spec) {
        String s = spec == null ? "" : spec.trim();
        if (s.startsWith("fixed:")) {
            String id = s.substring("fixed:".length()).trim();
            if (id.isEmpty()) {
                throw new IllegalArgumentException("ABR algorithm 'fixed:' needs a rendition id, as in fixed:720p");
            }
            return new FixedAbr(id);
        }
        return switch (s) {
            case "throughput" -> new ThroughputAbr();
            case "bola" -> new BolaAbr();
            case "dynamic" -> new DynamicAbr();
            default -> throw new IllegalArgumentException("unknown ABR algorithm '" + spec + "'; valid choices: " + CHOICES);
        };
    }
}
