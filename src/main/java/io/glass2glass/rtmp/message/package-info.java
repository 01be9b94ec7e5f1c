/**
 * RTMP messages above the chunk layer (RTMP spec 1.0 §7.1 message types, §7.2 command messages):
 * {@link io.glass2glass.rtmp.message.RtmpMessageDecoder},
 * {@link io.glass2glass.rtmp.message.RtmpMessageEncoder} and the publisher-side
 * {@link io.glass2glass.rtmp.message.PublishSession}, all independent of sockets.
 */
package io.glass2glass.rtmp.message;
