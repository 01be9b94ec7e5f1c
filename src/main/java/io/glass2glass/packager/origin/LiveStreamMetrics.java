package io.glass2glass.packager.origin;

import io.glass2glass.metrics.MetricsSource;
import io.glass2glass.metrics.PrometheusText;
import io.glass2glass.packager.LiveStreams;
import io.glass2glass.packager.StreamIndex;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per-stream figures read from the stream indexes: segments produced per rendition and liveness. */
public record LiveStreamMetrics(LiveStreams streams) implements MetricsSource {

    @Override
    public void writePrometheus(PrometheusText out) {
        List<StreamIndex.Snapshot> snapshots = streams.all().stream()
                .map(StreamIndex::snapshot)
                .sorted(Comparator.comparing(StreamIndex.Snapshot::stream))
                .toList();
        out.family("g2g_segments_produced_total", "counter", "Segments packaged per rendition (newest segment number + 1).");
        for (StreamIndex.Snapshot snapshot : snapshots) {
            for (StreamIndex.RenditionTimeline timeline : snapshot.renditions()) {
                Map<String, String> labels = new LinkedHashMap<>();
                labels.put("stream", snapshot.stream());
                labels.put("rendition", timeline.rendition().id());
                out.sample("g2g_segments_produced_total", labels, produced(timeline));
            }
        }
        out.family("g2g_stream_live", "gauge", "1 once every rendition of the stream has a segment, else 0.");
        for (StreamIndex.Snapshot snapshot : snapshots) {
            out.sample("g2g_stream_live", Map.of("stream", snapshot.stream()), snapshot.isLive() ? 1 : 0);
        }
    }

    /** Segments produced so far: numbering starts at 0, so the newest number + 1. */
    static long produced(StreamIndex.RenditionTimeline timeline) {
        List<StreamIndex.Segment> segments = timeline.segments();
        return segments.isEmpty() ? 0 : segments.get(segments.size() - 1).number() + 1;
    }
}
