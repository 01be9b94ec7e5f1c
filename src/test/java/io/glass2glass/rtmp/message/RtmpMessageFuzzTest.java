package io.glass2glass.rtmp.message;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.glass2glass.rtmp.chunk.RtmpMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded fuzz of the decoder and the session: mutated table payloads never throw (DESIGN: malformed is a value). */
class RtmpMessageFuzzTest {

    private static final int ROUNDS = 20_000;
    private static final int[] TYPE_IDS = {CommandMessage.TYPE_ID, DataMessage.TYPE_ID, CommandMessage.AMF3_TYPE_ID,
            DataMessage.AMF3_TYPE_ID, VideoMessage.TYPE_ID, AudioMessage.TYPE_ID, 1, 4, 5, 6};

    @Test
    void mutatedPayloadsNeverThrow() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            Random random = new Random(0x6C617373L);
            List<MessageCodecTable.Row> seeds = MessageCodecTable.ROWS;
            RtmpMessageDecoder decoder = new RtmpMessageDecoder();
            for (int round = 0; round < ROUNDS; round++) {
                // A fresh session now and then, walked up to publishing, so every state sees garbage.
                PublishSession session = new PublishSession();
                int prefix = random.nextInt(6);
                for (String name : List.of("connect (ffmpeg)", "releaseStream", "FCPublish", "createStream",
                        "publish").subList(0, Math.min(prefix, 5))) {
                    session.handle(decoder.decode(MessageCodecTable.row(name).raw()));
                }
                if (prefix == 5 && session.state() == PublishSession.State.STREAM_CREATED) {
                    session.accept("key");
                }
                RtmpMessage seed = seeds.get(random.nextInt(seeds.size())).raw();
                byte[] payload = mutate(seed.payload(), random);
                int typeId = random.nextInt(4) == 0 ? TYPE_IDS[random.nextInt(TYPE_IDS.length)] : seed.typeId();
                RtmpMessage raw = new RtmpMessage(seed.chunkStreamId(), seed.messageStreamId(), typeId,
                        seed.timestamp(), payload);
                MessageResult result = decoder.decode(raw);
                // The decoder's catch-all guard must stay unused: every input takes a checked path.
                if (result instanceof MessageResult.Malformed m) {
                    assertFalse(m.reason().startsWith("cannot decode"), m.reason());
                }
                assertNotNull(session.handle(result));
            }
        });
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] bytes = seed.clone();
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations && bytes.length > 0; i++) {
            switch (random.nextInt(4)) {
                case 0 -> bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                case 1 -> bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                case 2 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
                default -> {
                    int at = random.nextInt(bytes.length);
                    byte[] grown = Arrays.copyOf(bytes, bytes.length + 1);
                    System.arraycopy(bytes, at, grown, at + 1, bytes.length - at);
                    grown[at] = (byte) random.nextInt(256);
                    bytes = grown;
                }
            }
        }
        return bytes;
    }
}
