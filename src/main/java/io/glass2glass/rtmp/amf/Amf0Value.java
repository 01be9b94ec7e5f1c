package io.glass2glass.rtmp.amf;

/** One AMF0 value as it appears in an RTMP command or data message (AMF0 specification §2). */
public sealed interface Amf0Value
        permits Amf0Number, Amf0Boolean, Amf0String, Amf0Object, Amf0EcmaArray, Amf0StrictArray,
                Amf0Null, Amf0Undefined, Amf0Date {
}
