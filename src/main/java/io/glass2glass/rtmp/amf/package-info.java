/**
 * AMF0 values, decoder and encoder for RTMP command and data messages (AMF0 File Format
 * Specification, Adobe, 2006, §2). JDK only: values go in and out as {@code byte[]} or
 * {@link java.nio.ByteBuffer}.
 */
package io.glass2glass.rtmp.amf;
