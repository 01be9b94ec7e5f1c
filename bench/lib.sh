# Helpers the bench scripts source (after cd to the repository root).

# A port nobody listens on, below Linux's ephemeral range so that no outgoing connection holds it.
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 12000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

# wait_listening NAME PID PORT LOG: until PORT accepts connections; fails if PID dies or after 60 s.
wait_listening() {
  local name=$1 pid=$2 port=$3 log=$4 i
  for i in $(seq 600); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$(basename "$0"): $name exited before listening on $port; its log:" >&2
      cat "$log" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "$(basename "$0"): $name not listening on $port after 60 s; its log:" >&2
  cat "$log" >&2
  return 1
}
