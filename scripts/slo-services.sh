#!/usr/bin/env bash
# Real Prometheus + Alertmanager for the SLO backend's integration tests.
#
#   bash scripts/slo-services.sh install
#       Installs the Debian packages prometheus (with promtool) and
#       prometheus-alertmanager when missing (apt-get update + install).
#   bash scripts/slo-services.sh start --state-dir DIR [--webhook-url URL] [--webhook-token TOKEN]
#       Writes synthetic SLI history as OpenMetrics, backfills it with
#       `promtool tsdb create-blocks-from openmetrics`, starts Prometheus on that
#       TSDB and Alertmanager (webhook receiver -> URL) on free 127.0.0.1 ports,
#       waits until both are ready and writes DIR/env (PROMETHEUS_URL,
#       ALERTMANAGER_URL, SLO_DATA_START, SLO_DATA_END, pids).
#   bash scripts/slo-services.sh stop --state-dir DIR
#       Stops the processes started by `start`.
#
# The synthetic history (one sample per minute for one day, ending three hours
# before the top of the current hour, so it is all in backfillable past):
#   gk_http_requests_total{service="inttest-api",code="200"}  good requests
#   gk_http_requests_total{service="inttest-api",code="500"}  bad requests
# Every minute has 100 requests. Bad requests per minute: 10 in minutes
# [600, 660), 20 in minutes [1380, 1440), else 0 (1,800 bad of 144,000).
# The code="200" counter resets to 0 at minute 720 (a restart), so readers must
# handle counter resets. Tests compute expected budgets from these numbers.
set -euo pipefail

PACKAGES=(prometheus prometheus-alertmanager)

log() { echo "[slo-services] $*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

cmd_install() {
  if command -v prometheus >/dev/null && command -v promtool >/dev/null &&
    command -v prometheus-alertmanager >/dev/null; then
    log "prometheus, promtool and prometheus-alertmanager already installed"
    return 0
  fi
  log "installing ${PACKAGES[*]}"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${PACKAGES[@]}"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null ||
    node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

wait_ready() { # url name pid
  for _ in $(seq 1 150); do
    if curl -fsS "$1" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$3" 2>/dev/null; then log "$2 exited early"; return 1; fi
    sleep 0.2
  done
  log "$2 not ready at $1"
  return 1
}

write_openmetrics() { # file start
  awk -v start="$2" 'BEGIN {
    print "# HELP gk_http_requests Synthetic requests for the Gatekeeper SLO integration tests."
    print "# TYPE gk_http_requests counter"
    bad = 0; good = 0; reset = 0
    for (k = 0; k <= 1440; k++) {
      if (k > 0) {
        b = (k - 1 >= 600 && k - 1 < 660) ? 10 : ((k - 1 >= 1380) ? 20 : 0)
        bad += b; good += 100 - b
      }
      if (k == 720) reset = good - (100 - 0)
      goodv[k] = (k >= 720) ? good - reset : good + 1000
      badv[k] = bad
    }
    for (k = 0; k <= 1440; k++)
      printf "gk_http_requests_total{service=\"inttest-api\",code=\"200\"} %d %d\n", goodv[k], start + 60 * k
    for (k = 0; k <= 1440; k++)
      printf "gk_http_requests_total{service=\"inttest-api\",code=\"500\"} %d %d\n", badv[k], start + 60 * k
    print "# EOF"
  }' >"$1"
}

cmd_start() {
  local state="" webhook="http://127.0.0.1:9/unused" token="gatekeeper-test-token"
  while [ $# -gt 0 ]; do
    case "$1" in
      --state-dir) state="$2"; shift 2 ;;
      --webhook-url) webhook="$2"; shift 2 ;;
      --webhook-token) token="$2"; shift 2 ;;
      *) log "unknown option $1"; exit 2 ;;
    esac
  done
  [ -n "$state" ] || { log "--state-dir is required"; exit 2; }
  mkdir -p "$state"
  state="$(cd "$state" && pwd)"
  rm -rf "$state/tsdb" "$state/am" "$state/env"
  mkdir -p "$state/tsdb" "$state/am"

  local now end start
  now="$(date +%s)"
  end=$(((now / 3600) * 3600 - 3 * 3600))
  start=$((end - 86400))
  write_openmetrics "$state/history.om" "$start"
  log "backfilling $(wc -l <"$state/history.om") lines"
  promtool tsdb create-blocks-from openmetrics "$state/history.om" "$state/tsdb" >"$state/backfill.log" 2>&1 ||
    { cat "$state/backfill.log" >&2; exit 1; }

  cat >"$state/prometheus.yml" <<EOF
global:
  scrape_interval: 1m
  evaluation_interval: 1m
EOF
  local prom_port am_port
  prom_port="$(free_port)"
  prometheus --config.file="$state/prometheus.yml" \
    --storage.tsdb.path="$state/tsdb" \
    --storage.tsdb.retention.time=3650d \
    --web.listen-address="127.0.0.1:$prom_port" \
    >"$state/prometheus.log" 2>&1 &
  local prom_pid=$!
  echo "$prom_pid" >"$state/prometheus.pid"

  cat >"$state/alertmanager.yml" <<EOF
route:
  receiver: backstage
  group_by: [alertname, backstage_entity]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: backstage
    webhook_configs:
      - url: '$webhook'
        send_resolved: true
        http_config:
          authorization:
            type: Bearer
            credentials: '$token'
EOF
  am_port="$(free_port)"
  prometheus-alertmanager --config.file="$state/alertmanager.yml" \
    --storage.path="$state/am" \
    --web.listen-address="127.0.0.1:$am_port" \
    --cluster.listen-address= \
    >"$state/alertmanager.log" 2>&1 &
  local am_pid=$!
  echo "$am_pid" >"$state/alertmanager.pid"

  wait_ready "http://127.0.0.1:$prom_port/-/ready" prometheus "$prom_pid" ||
    { tail -20 "$state/prometheus.log" >&2; cmd_stop --state-dir "$state"; exit 1; }
  wait_ready "http://127.0.0.1:$am_port/-/ready" alertmanager "$am_pid" ||
    { tail -20 "$state/alertmanager.log" >&2; cmd_stop --state-dir "$state"; exit 1; }

  cat >"$state/env" <<EOF
PROMETHEUS_URL=http://127.0.0.1:$prom_port
ALERTMANAGER_URL=http://127.0.0.1:$am_port
PROMETHEUS_PID=$prom_pid
ALERTMANAGER_PID=$am_pid
SLO_DATA_START=$start
SLO_DATA_END=$end
EOF
  log "ready: $(tr '\n' ' ' <"$state/env")"
  cat "$state/env"
}

cmd_stop() {
  local state=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --state-dir) state="$2"; shift 2 ;;
      *) log "unknown option $1"; exit 2 ;;
    esac
  done
  [ -n "$state" ] || { log "--state-dir is required"; exit 2; }
  for name in prometheus alertmanager; do
    local pidfile="$state/$name.pid"
    if [ -f "$pidfile" ]; then
      local pid
      pid="$(cat "$pidfile")"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
      rm -f "$pidfile"
    fi
  done
}

case "${1:-}" in
  install) shift; cmd_install "$@" ;;
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  *) echo "usage: $0 install | start --state-dir DIR [--webhook-url URL] [--webhook-token TOKEN] | stop --state-dir DIR" >&2; exit 2 ;;
esac
