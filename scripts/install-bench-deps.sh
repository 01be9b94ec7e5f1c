#!/usr/bin/env bash
# Installs what the edge benchmark runs beside the JVM: Debian's nginx (the reference caching proxy,
# started by bench/edge.sh on its own loopback port, never as a system service) and wrk (the load
# generator). Idempotent: does nothing when every tool is already on the PATH.
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin"

need=()
command -v nginx >/dev/null 2>&1 || need+=(nginx)
command -v wrk >/dev/null 2>&1 || need+=(wrk)
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
command -v nginx >/dev/null && command -v wrk >/dev/null
