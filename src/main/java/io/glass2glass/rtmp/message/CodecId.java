package io.glass2glass.rtmp.message;

import java.util.Objects;

/**
 * The {@code videocodecid}/{@code audiocodecid} of {@code onMetaData}: a classic FLV codec number
 * (7 = AVC, 10 = AAC; FLV spec 10.1 Annex E) or, with Enhanced RTMP, a FourCC such as {@code hvc1}.
 */
public sealed interface CodecId {

    /** A classic FLV codec id number. */
    record Number(int id) implements CodecId {
    }

    /** An Enhanced RTMP FourCC. */
    record FourCc(String fourCc) implements CodecId {
        public FourCc {
            Objects.requireNonNull(fourCc, "fourCc");
        }
    }
}
