package io.glass2glass.media;

/** The two kinds of elementary stream glass2glass carries. */
public enum MediaKind {
    VIDEO,
    AUDIO
}
