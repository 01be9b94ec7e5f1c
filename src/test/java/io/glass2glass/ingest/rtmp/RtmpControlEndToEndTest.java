package io.glass2glass.ingest.rtmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.packager.LiveStreams;
import io.glass2glass.rtmp.chunk.Acknowledgement;
import io.glass2glass.rtmp.chunk.ChunkDecoder;
import io.glass2glass.rtmp.chunk.ProtocolControlMessage;
import io.glass2glass.rtmp.chunk.RtmpMessage;
import io.glass2glass.rtmp.chunk.UserControlMessage;
import io.glass2glass.rtmp.chunk.WindowAcknowledgementSize;
import io.glass2glass.storage.MemorySegmentStore;
import io.glass2glass.testing.EndToEnd;
import io.glass2glass.testing.PackagingIngest;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The control messages a publisher can send that the server must answer (RTMP spec 1.0 §5.4.3, §5.4.4, §7.1.7). */
@EndToEnd
class RtmpControlEndToEndTest {

    private Vertx vertx;

    @AfterEach
    void stop() throws Exception {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void pingRequestsAreAnsweredAndBytesAcknowledgedPerThePublishersWindow() throws Exception {
        vertx = Vertx.vertx();
        RtmpServer rtmp = PackagingIngest.server(new LiveStreams(), new MemorySegmentStore(), "tiny", RtmpIngestOptions.of("127.0.0.1", 0));
        vertx.deployVerticle(rtmp).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        try (RawRtmpClient client = RawRtmpClient.handshaken(rtmp.actualPort())) {
            client.write(RawRtmpClient.connect("live"));
            client.write(RawRtmpClient.message(2, WindowAcknowledgementSize.TYPE_ID, 0, new WindowAcknowledgementSize(500).payload()));
            for (int i = 0; i < 40; i++) {
                client.write(RawRtmpClient.message(2, UserControlMessage.TYPE_ID, 0, new UserControlMessage.PingRequest(1000 + i).payload()));
            }
            List<ProtocolControlMessage> answers = new ArrayList<>();
            for (RtmpMessage m : new ChunkDecoder().decode(client.readFor(1500))) {
                ProtocolControlMessage.decode(m).ifPresent(answers::add);
            }

            List<Long> pongs = answers.stream().filter(a -> a instanceof UserControlMessage.PingResponse)
                    .map(a -> ((UserControlMessage.PingResponse) a).timestamp()).toList();
            assertEquals(40, pongs.size(), "one Ping Response per Ping Request: " + answers);
            assertEquals(1000L, pongs.get(0));
            assertEquals(1039L, pongs.get(39));
            List<Long> acks = answers.stream().filter(a -> a instanceof Acknowledgement).map(a -> ((Acknowledgement) a).sequenceNumber())
                    .toList();
            // connect (~90 bytes) + window (16) + 40 pings x 18 bytes: past 500 at least once
            assertTrue(acks.size() >= 1 && acks.get(0) >= 500, "an Acknowledgement once 500 bytes arrived: " + answers);
        }
    }
}
