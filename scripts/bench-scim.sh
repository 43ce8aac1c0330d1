#!/usr/bin/env bash
# The SCIM benchmark in BENCHMARKS.md: scim2-server (PyPI 0.8.3) seeded with 1,000 users, then
# `roster users list -o ndjson`, a sequential curl walk of the same pages and scim2-cli's walk
# (one `scim2 query` a page: it has no paging of its own), in one run; then an import of 500
# users. Run from the repository root:
#   SCIM2_SERVER=/path/to/scim2-server [SCIM2_CLI=/path/to/scim2] bash scripts/bench-scim.sh
# Needs curl and jq; uses hyperfine when present, else repeated runs timed by bash.
set -euo pipefail
cd "$(dirname "$0")/.."
SERVER=${SCIM2_SERVER:-scim2-server}
CLI=${SCIM2_CLI:-$(command -v scim2 || true)}
RUNS=${RUNS:-10}
cargo build --release --locked -q
BIN=$(realpath "${CARGO_TARGET_DIR:-target}")/release/roster
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
export XDG_DATA_HOME=$work/data XDG_CACHE_HOME=$work/cache XDG_CONFIG_HOME=$work/config
TOKEN=bench-token
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT/v2
"$SERVER" --hostname 127.0.0.1 --port "$PORT" --bearer-token "$TOKEN" > "$work/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 200); do
  curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/ServiceProviderConfig" > /dev/null && break
  sleep 0.1
done

echo "== machine"
echo "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), $(rustc --version)"

echo "== seeding 1,000 users"
for i in $(seq 1 1000); do
  printf '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"seed%d@example.com","emails":[{"value":"seed%d@example.com","primary":true}],"active":true}' "$i" "$i" |
    curl -sf -o /dev/null -X POST -H "Authorization: Bearer $TOKEN" \
      -H "Content-Type: application/scim+json" --data-binary @- "$BASE/Users"
done
total=$(curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/Users?count=0" | jq .totalResults)
echo "users: $total"

cat > "$work/config.toml" <<TOML
[profiles.bench]
provider = "scim"
base_url = "$BASE"
token = "$TOKEN"
rate_limit = "1000/s"
TOML
chmod 600 "$work/config.toml"
export ROSTER_CONFIG=$work/config.toml

curl_walk() {
  local start=1
  while [ "$start" -le "$total" ]; do
    curl -sf -H "Authorization: Bearer $TOKEN" -H "Accept: application/scim+json" \
      "$BASE/Users?startIndex=$start&count=100" > /dev/null
    start=$((start + 100))
  done
}
cli_walk() {
  local start=1
  while [ "$start" -le "$total" ]; do
    "$CLI" --url "$BASE" -h "Authorization: Bearer $TOKEN" query user \
      --start-index "$start" --count 100 > /dev/null
    start=$((start + 100))
  done
}
export -f curl_walk cli_walk
export BIN BASE TOKEN CLI total

lines=$("$BIN" users list -o ndjson | wc -l)
echo "roster listed $lines users"

# timed LABEL CMD: mean and min of $RUNS runs, in ms.
timed() {
  local label=$1 cmd=$2 runs=${3:-$RUNS}
  if command -v hyperfine > /dev/null; then
    hyperfine -N --warmup 1 --runs "$runs" --export-json "$work/h.json" "bash -c '$cmd'" > /dev/null
    jq -r --arg l "$label" '.results[0] | "\($l): mean \(.mean*1000|floor) ms, min \(.min*1000|floor) ms"' "$work/h.json"
    return
  fi
  bash -c "$cmd" > /dev/null # warm-up
  local all=()
  for _ in $(seq 1 "$runs"); do
    local t0 t1
    t0=$(date +%s%N)
    bash -c "$cmd" > /dev/null
    t1=$(date +%s%N)
    all+=($(( (t1 - t0) / 1000000 )))
  done
  printf '%s\n' "${all[@]}" | sort -n |
    awk -v l="$label" -v n="$runs" '{s+=$1; v[NR]=$1} END {printf "%s: mean %d ms, min %d ms, median %d ms (%d runs)\n", l, s/n, v[1], v[int((n+1)/2)], n}'
}

echo "== listing 1,000 users (10 pages of 100)"
timed "roster users list -o ndjson" '"$BIN" users list -o ndjson'
timed "curl walk, sequential" 'curl_walk'
if [ -n "$CLI" ]; then
  timed "scim2-cli walk (scim2 query a page)" 'cli_walk' 3
  timed "scim2-cli start-up (scim2 --help)" '"$CLI" --help' 3
else
  echo "scim2-cli: not installed (pip install scim2-cli); skipped"
fi

echo "== import of 500 users"
{
  echo "email,first_name,last_name"
  for i in $(seq 1 500); do echo "hire$i@example.com,Hire,Number$i"; done
} > "$work/hires.csv"
t0=$(date +%s%N)
"$BIN" users import "$work/hires.csv" --profile bench --concurrency 8 -o json > "$work/import.json"
t1=$(date +%s%N)
created=$(jq '[.[] | select(.action == "created")] | length' "$work/import.json")
after=$(curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/Users?count=0" | jq .totalResults)
echo "import: $created created in $(( (t1 - t0) / 1000000 )) ms; the server holds $after users"
