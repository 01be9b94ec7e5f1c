package io.glass2glass.encode;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

/** An FFmpeg call failed; the message carries FFmpeg's own error text. */
public final class EncoderException extends RuntimeException {

    public EncoderException(String message) {
        super(message);
    }

    static EncoderException of(String call, int errnum) {
        byte[] buf = new byte[256];
        av_strerror(errnum, buf, buf.length);
        int len = 0;
        while (len < buf.length && buf[len] != 0) {
            len++;
        }
        return new EncoderException(call + " failed: " + new String(buf, 0, len, java.nio.charset.StandardCharsets.US_ASCII)
                + " (" + errnum + ")");
    }

    static int check(String call, int result) {
        if (result < 0) {
            throw of(call, result);
        }
        return result;
    }
}
