package io.glass2glass.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

/**
 * How the origin and the edges answer a request Netty's HTTP/1.1 decoder could not parse
 * (RFC 9110 §15.5.15 414, RFC 6585 §5 431, otherwise 400).
 */
public record MalformedRequest(int status, String reason) {

    public static MalformedRequest of(Throwable cause, int maxInitialLineLength, int maxHeaderSize) {
        if (cause instanceof TooLongHttpLineException) {
            return new MalformedRequest(414, "request line longer than " + maxInitialLineLength + " bytes");
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return new MalformedRequest(431, "header block larger than " + maxHeaderSize + " bytes");
        }
        return new MalformedRequest(400, "malformed HTTP request");
    }
}
