package io.glass2glass.report;

import io.glass2glass.media.ObjectKind;
import io.glass2glass.qoe.QoeSummary;
import io.glass2glass.qoe.QoeSummary.Distribution;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The run's {@code summary.json}: the machine-readable figures that CI gates, comparisons and the
 * HTML report read. QoE names follow CTA-2066; percentiles carry HdrHistogram's precision (three
 * significant digits). Whole numbers are written as JSON integers.
 *
 * <p>A <em>distribution</em> {@code {p50,p95,p99,max,mean,count}} holds the percentiles, maximum and
 * mean of one value per player (or per sample) and how many values there were; all zero when none.
 * <table>
 *   <caption>summary.json fields</caption>
 *   <tr><th>field</th><th>type</th><th>meaning</th></tr>
 *   <tr><td>{@code schemaVersion}</td><td>integer</td>
 *       <td>{@value #SCHEMA_VERSION}; raised only on incompatible changes</td></tr>
 *   <tr><td>{@code runId}</td><td>string</td><td>the run folder's name</td></tr>
 *   <tr><td>{@code target}</td><td>string</td><td>the multivariant playlist or MPD URL the players loaded</td></tr>
 *   <tr><td>{@code format}</td><td>string</td><td>{@code hls} or {@code dash}</td></tr>
 *   <tr><td>{@code startedAt}, {@code endedAt}</td><td>string</td><td>ISO-8601 UTC instants of the run</td></tr>
 *   <tr><td>{@code durationSeconds}</td><td>number</td><td>{@code endedAt - startedAt}</td></tr>
 *   <tr><td>{@code abr}</td><td>string</td><td>the ABR algorithm (or mix) of the players</td></tr>
 *   <tr><td>{@code network}</td><td>string</td><td>the network mix and how the link was emulated</td></tr>
 *   <tr><td>{@code injection}</td><td>string</td><td>how players joined over time</td></tr>
 *   <tr><td>{@code players.requested}</td><td>integer</td><td>players the injection profile asked for</td></tr>
 *   <tr><td>{@code players.joined}</td><td>integer</td><td>players that joined the run</td></tr>
 *   <tr><td>{@code players.started}</td><td>integer</td>
 *       <td>players that rendered a first frame (CTA-2066 video start)</td></tr>
 *   <tr><td>{@code players.failedToStart}</td><td>integer</td>
 *       <td>players that gave up before a first frame (video start failure)</td></tr>
 *   <tr><td>{@code players.playbackFailed}</td><td>integer</td>
 *       <td>players that stopped on an error after starting (playback failure)</td></tr>
 *   <tr><td>{@code qoe.startupMs}</td><td>distribution</td><td>video start time per started player, ms</td></tr>
 *   <tr><td>{@code qoe.rebufferCount}</td><td>distribution</td><td>stalls after start-up per started player</td></tr>
 *   <tr><td>{@code qoe.rebufferMs}</td><td>distribution</td>
 *       <td>time stalled after start-up per started player, ms</td></tr>
 *   <tr><td>{@code qoe.rebufferRatio}</td><td>distribution</td>
 *       <td>rebuffering ratio (stalled / watched, a fraction) per started player</td></tr>
 *   <tr><td>{@code qoe.rebufferRatioAggregate}</td><td>number</td>
 *       <td>all time stalled / all time watched, a fraction</td></tr>
 *   <tr><td>{@code qoe.stallSeconds}, {@code qoe.watchSeconds}</td><td>number</td>
 *       <td>the two sums behind the aggregate ratio</td></tr>
 *   <tr><td>{@code qoe.avgBitrateKbps}</td><td>distribution</td>
 *       <td>time-weighted average bitrate per started player, kb/s</td></tr>
 *   <tr><td>{@code qoe.switches}</td><td>distribution</td><td>rendition switches per started player</td></tr>
 *   <tr><td>{@code qoe.liveLatencyMs}</td><td>distribution</td>
 *       <td>live latency samples of playing players, ms</td></tr>
 *   <tr><td>{@code qoe.lateSegments}</td><td>distribution, {@code total}, {@code segmentsDownloaded},
 *       {@code abandoned}</td>
 *       <td>segments downloaded slower than real time per player that downloaded any; the run's total
 *       late segments, total segments downloaded, and video downloads abandoned for a lower rendition
 *       (hls.js's emergency switch-down)</td></tr>
 *   <tr><td>{@code qoe.timeAtRenditionSeconds}</td><td>object</td>
 *       <td>media seconds played at each rendition over all players, by rendition id</td></tr>
 *   <tr><td>{@code requests.{kind}}</td><td>object</td>
 *       <td>one per kind, every kind even when unused: {@code multivariant}, {@code media_playlist},
 *       {@code mpd}, {@code init}, {@code segment}, {@code time}</td></tr>
 *   <tr><td>{@code requests.{kind}.count}</td><td>integer</td><td>requests made</td></tr>
 *   <tr><td>{@code requests.{kind}.errors}</td><td>integer</td>
 *       <td>requests answered 400 or above, or not answered (connection error, timeout)</td></tr>
 *   <tr><td>{@code requests.{kind}.bytes}</td><td>integer</td><td>response bytes received</td></tr>
 *   <tr><td>{@code requests.{kind}.latencyMs}</td><td>{@code {p50,p95,p99,max}}</td><td>measured latency, ms</td></tr>
 *   <tr><td>{@code requests.{kind}.latencyCorrectedMs}</td><td>{@code {p50,p95,p99,max}}</td>
 *       <td>latency from the intended start (measured + schedule skew), corrected for coordinated
 *       omission, ms</td></tr>
 *   <tr><td>{@code scheduleSkewMs}</td><td>{@code {p50,p95,p99,max}}</td>
 *       <td>how late players sent requests compared with their schedule, ms</td></tr>
 *   <tr><td>other top-level objects</td><td>object</td>
 *       <td>sections added by later stages with {@link #withSection}, e.g. {@code edge}</td></tr>
 * </table>
 */
public final class SummaryJson {

    /** The {@code schemaVersion} written by this class. */
    public static final int SCHEMA_VERSION = 1;

    /** The fields this class writes; a later stage adds sections beside them, never over them. */
    static final Set<String> CORE_FIELDS = Set.of("schemaVersion", "runId", "target", "format", "startedAt", "endedAt",
            "durationSeconds", "abr", "network", "injection", "players", "qoe", "requests", "scheduleSkewMs");

    private final JsonObject json;

    private SummaryJson(JsonObject json) {
        this.json = json;
    }

    /** Builds the summary of a run from its metadata and QoE. */
    public static SummaryJson of(RunMetadata run, QoeSummary qoe) {
        JsonObject json = new JsonObject()
                .put("schemaVersion", SCHEMA_VERSION)
                .put("runId", run.runId())
                .put("target", run.target())
                .put("format", run.format())
                .put("startedAt", run.startedAt().toString())
                .put("endedAt", run.endedAt().toString())
                .put("durationSeconds", number(run.durationSeconds()))
                .put("abr", run.abr())
                .put("network", run.network())
                .put("injection", run.injection())
                .put("players", new JsonObject()
                        .put("requested", run.playersRequested())
                        .put("joined", qoe.players().joined())
                        .put("started", qoe.players().started())
                        .put("failedToStart", qoe.players().failedToStart())
                        .put("playbackFailed", qoe.players().playbackFailed()))
                .put("qoe", qoeSection(qoe))
                .put("requests", requestsSection(qoe.requests()))
                .put("scheduleSkewMs", percentiles(qoe.scheduleSkewMs()));
        return new SummaryJson(json);
    }

    /** Wraps an existing summary document (a copy of it), e.g. one {@link #read} from a run folder. */
    public static SummaryJson of(JsonObject json) {
        return new SummaryJson(json.copy());
    }

    /** Reads a {@code summary.json}. */
    public static JsonObject read(Path file) throws IOException {
        try {
            return new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
        } catch (DecodeException e) {
            throw new IOException("not a JSON object: " + file, e);
        }
    }

    /**
     * Adds (or replaces) the top-level section {@code name}, e.g. {@code edge} from the edge stage.
     *
     * @throws IllegalArgumentException if {@code name} is one of the fields this class writes
     */
    public SummaryJson withSection(String name, JsonObject section) {
        Objects.requireNonNull(section, "section");
        if (CORE_FIELDS.contains(Objects.requireNonNull(name, "name"))) {
            throw new IllegalArgumentException("'" + name + "' is a core summary field, not a section");
        }
        return new SummaryJson(json.copy().put(name, section.copy()));
    }

    /** Reads {@code file}, adds the section {@code name} and writes it back. */
    public static void addSection(Path file, String name, JsonObject section) throws IOException {
        of(read(file)).withSection(name, section).write(file);
    }

    /** The document (a copy). */
    public JsonObject json() {
        return json.copy();
    }

    /** The document, pretty-printed. */
    public String encodePrettily() {
        return json.encodePrettily();
    }

    /** Writes the pretty-printed document to {@code file}, replacing it in one step where the file system can. */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(parent, ".summary", ".json.tmp");
        try {
            Files.writeString(temp, encodePrettily() + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public String toString() {
        return json.encode();
    }

    private static JsonObject qoeSection(QoeSummary qoe) {
        JsonObject renditions = new JsonObject();
        qoe.millisPerRendition().forEach((rendition, millis) -> renditions.put(rendition, number(millis / 1000.0)));
        return new JsonObject()
                .put("startupMs", distribution(qoe.startupMs()))
                .put("rebufferCount", distribution(qoe.rebufferCount()))
                .put("rebufferMs", distribution(qoe.rebufferMs()))
                .put("rebufferRatio", distribution(qoe.rebufferRatio()))
                .put("rebufferRatioAggregate", number(qoe.rebufferRatioAggregate()))
                .put("stallSeconds", number(qoe.stallMillis() / 1000.0))
                .put("watchSeconds", number(qoe.watchMillis() / 1000.0))
                .put("avgBitrateKbps", distribution(qoe.avgBitrateKbps()))
                .put("switches", distribution(qoe.switches()))
                .put("liveLatencyMs", distribution(qoe.liveLatencyMs()))
                .put("lateSegments", distribution(qoe.lateSegments())
                        .put("total", qoe.lateSegmentsTotal())
                        .put("segmentsDownloaded", qoe.segmentsDownloaded())
                        .put("abandoned", qoe.abandonedSegmentsTotal()))
                .put("timeAtRenditionSeconds", renditions);
    }

    private static JsonObject requestsSection(Map<ObjectKind, QoeSummary.Requests> requests) {
        JsonObject byKind = new JsonObject();
        requests.forEach((kind, r) -> byKind.put(kind.label(), new JsonObject()
                .put("count", r.count())
                .put("errors", r.errors())
                .put("bytes", r.bytes())
                .put("latencyMs", percentiles(r.latencyMs()))
                .put("latencyCorrectedMs", percentiles(r.latencyCorrectedMs()))));
        return byKind;
    }

    private static JsonObject percentiles(Distribution d) {
        return new JsonObject()
                .put("p50", number(d.p50()))
                .put("p95", number(d.p95()))
                .put("p99", number(d.p99()))
                .put("max", number(d.max()));
    }

    private static JsonObject distribution(Distribution d) {
        return percentiles(d)
                .put("mean", number(d.mean()))
                .put("count", d.count());
    }

    /** A whole number (or any of a billion or more) as a JSON integer, anything else rounded to six decimals. */
    private static Number number(double value) {
        if (!Double.isFinite(value)) {
            return 0;
        }
        if (Math.abs(value) >= 1e9) {
            return Math.round(value);
        }
        double rounded = Math.round(value * 1e6) / 1e6;
        return rounded == Math.rint(rounded) ? (Number) (long) rounded : (Number) rounded;
    }
}
