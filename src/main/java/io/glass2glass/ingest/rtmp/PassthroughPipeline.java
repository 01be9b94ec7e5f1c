package io.glass2glass.ingest.rtmp;

import io.glass2glass.media.EncodedMediaSink;
import io.glass2glass.media.IngestPipeline;
import io.glass2glass.media.Ladder;
import io.glass2glass.media.MediaKind;
import io.glass2glass.media.MediaSample;
import io.glass2glass.media.Rendition;
import io.glass2glass.media.Timescales;
import io.glass2glass.media.TrackInfo;
import io.glass2glass.media.codec.AvcDecoderConfigurationRecord;
import io.glass2glass.media.codec.AvcSequenceParameterSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Packaging only: the published H.264 and AAC go to the packager as they arrive, without decoding
 * or encoding, as one video rendition (the passthrough ladder's single rung names it) and the audio
 * rendition ({@link Ladder#passthrough()}).
 *
 * <p>Times: the FLV parser hands samples on the RTMP millisecond clock (RTMP spec 1.0 §5.3.1.1,
 * 32 bits, wrapping); video is carried at 90 kHz (ms × 90, exact), audio at its sampling rate
 * counting 1024 samples per AAC frame (ISO/IEC 14496-3 §4.5.1.1), so rounded millisecond stamps
 * do not make audio drift or jitter; it is re-anchored on the stamp only when the publisher's
 * clock moves away by more than half a frame (a gap, a drop). A sample's duration is the distance
 * to the next one, so each sample is handed on when its successor arrives.
 *
 * <p>What players are told comes from the published track: the picture size and frame rate from
 * the SPS (its VUI timing, else measured from the timestamps), the bitrate measured over the first
 * segment's worth of samples. So each rendition is announced ({@link EncodedMediaSink#onTrack})
 * once that much has arrived, its buffered samples following at once; this costs no latency, as the
 * packager could not close the first segment earlier anyway.
 *
 * <p>A sequence header that repeats the configuration byte for byte is ignored; one that changes it
 * ends the publish with a reason (the CMAF header of a live rendition cannot change under players).
 */
public final class PassthroughPipeline implements IngestPipeline {

    /** A rendition is announced at the latest once this many segment durations are buffered (a GOP longer than that). */
    private static final int MAX_PENDING_SEGMENTS = 3;
    /** ... or this many bytes: a bound on memory, whatever the publisher sends. */
    private static final long MAX_PENDING_BYTES = 32L << 20;

    private final String stream;
    private final Ladder ladder;
    private final EncodedMediaSink sink;
    private final Consumer<String> endPublish;
    private final Track video;
    private final Track audio;
    private boolean ended;

    /**
     * @param endPublish called with the reason when the publish must end (a configuration change);
     *     samples after that are dropped, and {@link #finish()} still delivers what came before
     */
    public PassthroughPipeline(String stream, Ladder ladder, EncodedMediaSink sink, Consumer<String> endPublish) {
        if (!ladder.passthrough()) {
            throw new IllegalArgumentException("ladder " + ladder.name() + " is not a passthrough ladder");
        }
        this.stream = stream;
        this.ladder = ladder;
        this.sink = sink;
        this.endPublish = endPublish;
        this.video = new Track(MediaKind.VIDEO, ladder.video().get(0).id());
        this.audio = ladder.audio() == null ? null : new Track(MediaKind.AUDIO, ladder.audio().id());
    }

    @Override
    public void onTrack(TrackInfo published) {
        Track t = published.kind() == MediaKind.VIDEO ? video : audio;
        if (ended || t == null) {
            return;
        }
        if (t.config != null) {
            if (!Arrays.equals(t.config, published.decoderConfig())) {
                end("the publisher changed its " + (t.kind == MediaKind.VIDEO ? "H.264" : "AAC")
                        + " configuration mid-publish (a new sequence header); a passthrough stream keeps one configuration per publish, so reconnect to change it");
            }
            return;
        }
        try {
            t.configure(published);
        } catch (IllegalArgumentException e) {
            end("cannot package the published " + (t.kind == MediaKind.VIDEO ? "H.264" : "AAC") + " track: " + e.getMessage());
        }
    }

    @Override
    public void onSample(MediaSample sample) {
        Track t = sample.kind() == MediaKind.VIDEO ? video : audio;
        if (ended || t == null || t.config == null) {
            return; // no configuration yet: nothing a player could decode it with
        }
        t.add(sample);
    }

    @Override
    public void finish() {
        for (Track t : tracks()) {
            t.finish();
        }
    }

    @Override
    public void close() {
        // Nothing native: the packager owns the stored segments.
    }

    private List<Track> tracks() {
        return audio == null ? List.of(video) : List.of(video, audio);
    }

    private void end(String reason) {
        ended = true;
        RtmpServer.log("rtmp stream " + stream + ": " + reason);
        endPublish.accept(reason);
    }

    /** One published track: its clock in the track's timescale, the held-back sample and the samples buffered before announcing it. */
    private final class Track {
        private final MediaKind kind;
        private final String renditionId;
        private byte[] config;
        private TrackInfo track;
        private Rendition rendition;
        private final List<MediaSample> pending = new ArrayList<>();
        private long pendingBytes;
        private long pendingTicks;
        /** The last sample, waiting for its successor to know its duration. */
        private MediaSample held;
        private long lastDuration;
        /** The previous RTMP stamp as sent (32 bits) and unwrapped. */
        private long lastStamp = -1;
        private long unwrappedMillis;
        /** Ticks added to every time after the publisher's clock went backwards, so decode times only grow. */
        private long shift;
        private boolean finished;

        Track(MediaKind kind, String renditionId) {
            this.kind = kind;
            this.renditionId = renditionId;
        }

        void configure(TrackInfo published) {
            byte[] decoderConfig = published.decoderConfig();
            if (kind == MediaKind.VIDEO) {
                AvcDecoderConfigurationRecord avcC = AvcDecoderConfigurationRecord.parse(decoderConfig);
                AvcSequenceParameterSet sps = AvcSequenceParameterSet.parse(avcC.sequenceParameterSets().get(0));
                track = TrackInfo.video(published.codecs(), Timescales.VIDEO, sps.width(), sps.height(), sps.frameRate(), decoderConfig);
            } else {
                track = published; // already in its sampling rate (TrackInfo.audio)
            }
            config = decoderConfig.clone();
        }

        void add(MediaSample in) {
            long millis = unwrap(in.dts());
            MediaSample s;
            if (kind == MediaKind.VIDEO) {
                long dts = millis * (Timescales.VIDEO / 1000) + shift;
                if (held != null && dts <= held.dts()) {
                    long nominal = lastDuration > 0 ? lastDuration : Timescales.VIDEO / 30;
                    shift += held.dts() + nominal - dts;
                    dts = held.dts() + nominal;
                }
                long pts = dts + in.compositionOffset() * (Timescales.VIDEO / 1000);
                s = new MediaSample(MediaKind.VIDEO, dts, pts, 0, Timescales.VIDEO, in.keyframe(), in.data(), in.captureTimeMicros());
            } else {
                int rate = track.timescale();
                long stamped = Math.round(millis * (double) rate / 1000) + shift;
                long t = stamped;
                if (held != null) {
                    long counted = held.dts() + Timescales.AAC_FRAME_SAMPLES;
                    if (stamped <= held.dts()) {
                        shift += counted - stamped;
                        t = counted;
                    } else if (Math.abs(stamped - counted) <= Timescales.AAC_FRAME_SAMPLES / 2) {
                        t = counted;
                    }
                    // Otherwise a gap, or the publisher's clock has drifted half a frame from the count: follow the clock.
                }
                s = new MediaSample(MediaKind.AUDIO, t, t, 0, rate, true, in.data(), in.captureTimeMicros());
            }
            if (held != null) {
                lastDuration = s.dts() - held.dts();
                emit(withDuration(held, lastDuration), s);
            }
            held = s;
        }

        /** Extends the 32-bit RTMP stamp past its wrap (every 49.7 days) by the signed distance from the previous one. */
        private long unwrap(long stamp) {
            if (lastStamp >= 0) {
                unwrappedMillis += (int) (stamp - lastStamp);
            } else {
                unwrappedMillis = stamp;
            }
            lastStamp = stamp;
            return unwrappedMillis;
        }

        private void emit(MediaSample sample, MediaSample next) {
            if (rendition != null) {
                sink.onSample(rendition, sample);
                return;
            }
            if (kind == MediaKind.VIDEO && pending.isEmpty() && !sample.keyframe()) {
                return; // the packager starts at a keyframe; what precedes it would only skew the bitrate
            }
            pending.add(sample);
            pendingBytes += sample.data().length;
            pendingTicks += sample.duration();
            long segmentTicks = Math.round(ladder.segmentSeconds() * track.timescale());
            boolean segmentDone = pendingTicks >= segmentTicks && (kind == MediaKind.AUDIO || next.keyframe());
            if (segmentDone || pendingTicks >= MAX_PENDING_SEGMENTS * segmentTicks || pendingBytes >= MAX_PENDING_BYTES) {
                announce();
            }
        }

        /** Tells the packager about the rendition, with what was measured so far, and hands on the buffered samples. */
        private void announce() {
            if (rendition != null || pending.isEmpty()) {
                return;
            }
            double seconds = (double) pendingTicks / track.timescale();
            int kbps = seconds > 0 ? (int) Math.max(1, Math.ceil(pendingBytes * 8 / seconds / 1000)) : fallbackKbps();
            if (kind == MediaKind.VIDEO) {
                if (track.frameRate() <= 0 && seconds > 0) {
                    // No VUI timing in the SPS: the rate the samples were stamped at.
                    track = TrackInfo.video(track.codecs(), track.timescale(), track.width(), track.height(),
                            Math.round(pending.size() / seconds * 1000) / 1000.0, track.decoderConfig());
                }
                rendition = Rendition.video(renditionId, track.width(), track.height(), kbps);
            } else {
                rendition = Rendition.audio(renditionId, kbps);
            }
            sink.onTrack(rendition, track);
            for (MediaSample s : pending) {
                sink.onSample(rendition, s);
            }
            pending.clear();
            pendingBytes = 0;
            pendingTicks = 0;
        }

        /** Bitrate when not a single sample's duration is known yet (a publish of one frame): the ladder's figure. */
        private int fallbackKbps() {
            return kind == MediaKind.VIDEO ? ladder.video().get(0).bitrateKbps() : ladder.audio().bitrateKbps();
        }

        void finish() {
            if (finished || track == null) {
                return;
            }
            finished = true;
            if (held != null) {
                long duration = lastDuration > 0 ? lastDuration
                        : kind == MediaKind.AUDIO ? Timescales.AAC_FRAME_SAMPLES
                        : Math.round(Timescales.VIDEO / (track.frameRate() > 0 ? track.frameRate() : 30));
                MediaSample last = withDuration(held, duration);
                held = null;
                if (rendition != null) {
                    sink.onSample(rendition, last);
                } else if (kind == MediaKind.AUDIO || !pending.isEmpty() || last.keyframe()) {
                    pending.add(last);
                    pendingBytes += last.data().length;
                    pendingTicks += last.duration();
                }
            }
            announce();
            if (rendition != null) {
                sink.onEnd(rendition);
            }
        }
    }

    private static MediaSample withDuration(MediaSample s, long duration) {
        return new MediaSample(s.kind(), s.dts(), s.pts(), duration, s.timescale(), s.keyframe(), s.data(), s.captureTimeMicros());
    }
}
