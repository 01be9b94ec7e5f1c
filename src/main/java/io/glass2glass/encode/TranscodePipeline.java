package io.glass2glass.encode;

import io.glass2glass.media.EncodedMediaSink;
import io.glass2glass.media.IngestPipeline;
import io.glass2glass.media.Ladder;
import io.glass2glass.media.MediaSample;
import io.glass2glass.media.Rendition;
import io.glass2glass.media.TrackInfo;
import io.glass2glass.metrics.MetricsSource;
import io.glass2glass.metrics.PrometheusText;
import java.util.concurrent.TimeUnit;

/** Decode once, encode every rung: published H.264/AAC → {@link SourceDecoder} → {@link AbrEncoder} → packager. */
public final class TranscodePipeline implements IngestPipeline, MetricsSource {

    private final AbrEncoder encoder;
    private final SourceDecoder decoder;

    public TranscodePipeline(String stream, Ladder ladder, EncodedMediaSink packager) {
        Rendition top = ladder.top();
        this.encoder = new AbrEncoder(stream, ladder, top.width(), top.height(), 90000, packager);
        this.decoder = new SourceDecoder(encoder, top.width(), top.height(), ladder.audioSampleRate(), ladder.audioChannels());
    }

    @Override
    public void onTrack(TrackInfo track) {
        decoder.onTrack(track);
    }

    @Override
    public void onSample(MediaSample sample) throws InterruptedException {
        decoder.onSample(sample);
    }

    @Override
    public void finish() throws InterruptedException {
        decoder.flush();
        encoder.onEnd();
        encoder.awaitEnd(30, TimeUnit.SECONDS);
    }

    @Override
    public void writePrometheus(PrometheusText out) {
        encoder.writePrometheus(out);
    }

    @Override
    public void close() {
        decoder.close();
        encoder.close();
    }
}
