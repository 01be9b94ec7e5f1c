package io.glass2glass.rtmp.message;

import java.util.Arrays;
import java.util.HexFormat;

/** The content-based hash and short rendering {@link AudioMessage} and {@link VideoMessage} share. */
final class MediaPayloads {

    private MediaPayloads() {
    }

    static int hash(int messageStreamId, long timestamp, byte[] payload) {
        return (messageStreamId * 31 + Long.hashCode(timestamp)) * 31 + Arrays.hashCode(payload);
    }

    static String describe(String name, int messageStreamId, long timestamp, byte[] payload) {
        String hex = payload.length <= 16
                ? HexFormat.of().formatHex(payload)
                : HexFormat.of().formatHex(payload, 0, 16) + "…";
        return name + "[msid=" + messageStreamId + ", ts=" + timestamp + ", length=" + payload.length
                + ", payload=" + hex + "]";
    }
}
