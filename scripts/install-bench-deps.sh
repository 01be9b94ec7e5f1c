#!/usr/bin/env bash
# Installs what the benchmarks run beside the JVM, from Debian's packages: nginx (the reference
# caching proxy of bench/edge.sh) with its RTMP module libnginx-mod-rtmp (the reference ingest of
# bench/ingest.sh), both started by the benchmarks on their own loopback ports, never as a system
# service; wrk (the edge benchmark's load generator); ffmpeg (records the FLV the ingest benchmark's
# publishers replay). Idempotent: does nothing when everything is already there.
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin"

# Debian's RTMP module: the .so, and the conf snippet that loads it (modules-enabled/).
rtmp_module=/usr/lib/nginx/modules/ngx_rtmp_module.so

need=()
command -v nginx >/dev/null 2>&1 || need+=(nginx)
[ -e "$rtmp_module" ] || need+=(libnginx-mod-rtmp)
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)
if [ "${#need[@]}" -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo -n)
else
  echo "install-bench-deps: need root or sudo to install: ${need[*]}" >&2
  exit 1
fi

echo "install-bench-deps: installing ${need[*]} from Debian's packages" >&2
export DEBIAN_FRONTEND=noninteractive
# Debian's nginx package starts the system service on installation; the benchmark wants none.
# policy-rc.d is the Debian way to tell maintainer scripts not to start services (invoke-rc.d(8)).
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  "${sudo[@]}" sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"
  trap '"${sudo[@]}" rm -f "$policy"' EXIT
fi
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
command -v nginx >/dev/null && command -v wrk >/dev/null && command -v ffmpeg >/dev/null && [ -e "$rtmp_module" ]
