package io.glass2glass.bench.ingest;

import io.glass2glass.rtmp.flv.FlvFileReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A recorded FLV prepared for replay by many publishers: the sequence headers sent once at the
 * start of a publish, then the media tags, repeated in a loop whose timestamps keep growing
 * (loop {@code k} is shifted by {@code k * loopMillis}), as a live encoder's would.
 *
 * @param headers the AVC and AAC sequence headers (AVCPacketType/AACPacketType 0), in file order
 * @param media the coded frames (packet type 1), in file order, with timestamps from 0
 * @param loopMillis the clip's duration: one video frame after its last video frame
 * @param bytesPerLoop the media bytes sent per loop (tag bodies)
 */
record FlvClip(List<FlvFileReader.Tag> headers, List<FlvFileReader.Tag> media, long loopMillis, long bytesPerLoop) {

    private static final long MAX_FILE_BYTES = 256L << 20;

    static FlvClip load(Path file) throws IOException {
        FlvFileReader.FlvFile flv = FlvFileReader.read(file, MAX_FILE_BYTES, FlvFileReader.MAX_TAG_BYTES);
        List<FlvFileReader.Tag> headers = new ArrayList<>();
        List<FlvFileReader.Tag> media = new ArrayList<>();
        long first = Long.MAX_VALUE;
        for (FlvFileReader.Tag t : flv.tags()) {
            boolean av = t.type() == FlvFileReader.VIDEO || t.type() == FlvFileReader.AUDIO;
            if (!av || t.body().length < 2) {
                continue; // onMetaData is sent by the publisher itself
            }
            switch (t.body()[1]) {
                case 0 -> headers.add(t);
                case 1 -> {
                    media.add(t);
                    first = Math.min(first, t.timestampMillis());
                }
                default -> { } // the AVC end of sequence would end the stream at every loop
            }
        }
        if (headers.isEmpty() || media.isEmpty()) {
            throw new IOException(file + ": no sequence headers or no media to replay");
        }
        List<FlvFileReader.Tag> rebased = new ArrayList<>(media.size());
        long bytes = 0;
        long lastVideo = 0;
        long previousVideo = -1;
        long frameMillis = 33;
        for (FlvFileReader.Tag t : media) {
            rebased.add(new FlvFileReader.Tag(t.type(), t.timestampMillis() - first, t.body()));
            bytes += t.body().length;
            if (t.type() == FlvFileReader.VIDEO) {
                if (previousVideo >= 0) {
                    frameMillis = t.timestampMillis() - previousVideo;
                }
                previousVideo = t.timestampMillis();
                lastVideo = t.timestampMillis() - first;
            }
        }
        return new FlvClip(List.copyOf(headers), List.copyOf(rebased), lastVideo + Math.max(1, frameMillis), bytes);
    }

    /** The clip's media bitrate, bits per second. */
    double bitsPerSecond() {
        return bytesPerLoop * 8000.0 / loopMillis;
    }
}
