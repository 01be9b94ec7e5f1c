package io.glass2glass.testing;

import io.glass2glass.ingest.rtmp.PublishSinks;
import io.glass2glass.ingest.rtmp.StreamResume;
import io.glass2glass.media.IngestPipeline;
import io.glass2glass.media.MediaSample;
import io.glass2glass.media.TrackInfo;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/** {@link PublishSinks} that keep what each publish fed them: the ingest stage tested without the stages after it. */
public final class RecordingSinks implements PublishSinks {

    /** What one publish fed its pipeline. */
    public static final class Publish {
        public final String stream;
        public final List<TrackInfo> tracks = new CopyOnWriteArrayList<>();
        public final List<MediaSample> samples = new CopyOnWriteArrayList<>();
        public final CountDownLatch finished = new CountDownLatch(1);
        public final CountDownLatch closed = new CountDownLatch(1);
        public volatile String threadName;

        Publish(String stream) {
            this.stream = stream;
        }
    }

    private final StreamResume resume;
    private final boolean encodes;
    public final List<Publish> publishes = new CopyOnWriteArrayList<>();

    /** Sinks for new streams (timestamps unmoved) that only package (they share the ingest's pool). */
    public RecordingSinks() {
        this(StreamResume.NEW, false);
    }

    public RecordingSinks(StreamResume resume, boolean encodes) {
        this.resume = resume;
        this.encodes = encodes;
    }

    @Override
    public Sink open(String stream, Consumer<String> endPublish) {
        Publish p = new Publish(stream);
        publishes.add(p);
        return new Sink(() -> new IngestPipeline() {
            @Override
            public void onTrack(TrackInfo track) {
                p.threadName = Thread.currentThread().getName();
                p.tracks.add(track);
            }

            @Override
            public void onSample(MediaSample sample) {
                p.samples.add(sample);
            }

            @Override
            public void finish() {
                p.finished.countDown();
            }

            @Override
            public void close() {
                p.closed.countDown();
            }
        }, encodes, resume);
    }
}
