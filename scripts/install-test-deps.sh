#!/usr/bin/env bash
# Installs what the tests and benchmarks run beside the JVM, from Debian's packages:
# - ffmpeg/ffprobe: the independent HLS/DASH reader, an RTMP publisher (FFmpeg's own RTMP client) and
#   the encoder the benchmark compares against;
# - GStreamer with rtmpsink (librtmp, digest handshake) and rtmp2sink (GStreamer's own RTMP client),
#   x264enc, voaacenc and flvmux: RTMP publishers on stacks other than FFmpeg's;
# - chromium and chromium-driver: the headless browser that opens the HTML report (ReportBrowserTest);
# - procps: kill -STOP/-CONT, with which GateEndToEndTest gives the players' JVM a tight CPU quota;
# - npm: installs the real web players `calibrate` plays (scripts/install-players.sh, run at the end).
# Idempotent: installs only what is missing, and does nothing when everything is there.
set -euo pipefail

need=()
command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1 || need+=(ffmpeg)
installed() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}
# tools: gst-launch-1.0; base: videotestsrc, audiotestsrc, *convert; good: flvmux;
# bad: rtmpsink, rtmp2sink, voaacenc; ugly: x264enc.
for p in gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad \
    gstreamer1.0-plugins-ugly; do
  installed "$p" || need+=("$p")
done
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v kill >/dev/null 2>&1 && [ -x /bin/kill ] || need+=(procps)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
command -v npm >/dev/null 2>&1 || need+=(npm)
if [ "${#need[@]}" -eq 0 ]; then
  exec "$(dirname "$0")/install-players.sh"
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo -n)
else
  echo "install-test-deps: need root or sudo to install: ${need[*]}" >&2
  exit 1
fi

echo "install-test-deps: installing ${need[*]} from Debian's packages" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null && command -v gst-launch-1.0 >/dev/null \
  && command -v chromium >/dev/null && command -v chromedriver >/dev/null
command -v npm >/dev/null
exec "$(dirname "$0")/install-players.sh"
