package io.glass2glass.testing;

import io.glass2glass.encode.LadderConfig;
import io.glass2glass.ingest.rtmp.RtmpIngestOptions;
import io.glass2glass.ingest.rtmp.RtmpServer;
import io.glass2glass.packager.LiveStreams;
import io.glass2glass.pipeline.LivePublishSinks;
import io.glass2glass.storage.SegmentStore;

/** An RTMP ingest wired to the reference chain's sinks (encode or passthrough → packager → store), as the pipeline wires it. */
public final class PackagingIngest {

    private PackagingIngest() {}

    /** @param ladder ladder name or file; the playlist window is 6 segments */
    public static RtmpServer server(LiveStreams streams, SegmentStore store, String ladder, RtmpIngestOptions options) throws Exception {
        return new RtmpServer(new LivePublishSinks(streams, store, LadderConfig.load(ladder), 6), options);
    }
}
