/**
 * The FLV-tag-to-{@link io.glass2glass.media.MediaSample} mapping of the RTMP ingest (the
 * {@code to_stream} layer): RTMP video (type 9) and audio (type 8) message bodies, read as the FLV
 * VIDEODATA and AUDIODATA tag bodies of Adobe's "Video File Format Specification v10.1", Annex
 * E.4.2 and E.4.3, with the Enhanced RTMP (Veovera, v1/v2) extended headers recognised and
 * refused. JDK only; malformed input becomes a {@link io.glass2glass.rtmp.flv.FlvTagResult}
 * value, never an exception.
 */
package io.glass2glass.rtmp.flv;
