#!/usr/bin/env bash
# Benchmarks reported in BENCHMARKS.md. Run from the repository root:
#   bash scripts/bench.sh [startup] [list] [big] [people] [import] [loop] [chaos] [plan]   (default: all)
# Needs hyperfine, GNU time, jq and curl (Debian: apt-get install hyperfine time jq curl). Everything runs on
# 127.0.0.1 against `roster sandbox serve`; nothing leaves the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -q
BIN=$(realpath "${CARGO_TARGET_DIR:-target}")/release/roster
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
export XDG_DATA_HOME=$work/data XDG_CACHE_HOME=$work/cache XDG_CONFIG_HOME=$work/config
sections=("$@")
want() { [ ${#sections[@]} -eq 0 ] || [[ " ${sections[*]} " == *" $1 "* ]]; }

# serve NAME ARGS...: start a sandbox, wait for its profiles, write them to $work/NAME.toml
serve() {
  local name=$1; shift
  "$BIN" sandbox serve --listen 127.0.0.1:0 "$@" > "$work/$name.out" 2>/dev/null &
  pids+=($!)
  for _ in $(seq 1 2400); do
    grep -q '^token' "$work/$name.out" 2>/dev/null && break
    sleep 0.05
  done
  sleep 0.2
  cp "$work/$name.out" "$work/$name.toml"
  chmod 600 "$work/$name.toml"
}

rss() { # rss LABEL CMD...: peak RSS of one run, in MB
  local label=$1; shift
  /usr/bin/time -f "%M" -o "$work/rss" "$@" > /dev/null
  echo "$label: peak RSS $(( $(cat "$work/rss") / 1024 )) MB"
}

echo "== machine"
echo "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), $(rustc --version)"

if want startup; then
echo "== start-up (no config, no network)"
hyperfine -N --warmup 5 --runs 50 "$BIN --version" "$BIN completions bash" 2>&1 | grep -E 'Time|±|^Benchmark'

fi

if want list; then
echo "== users list against roster sandbox serve (6 users, one page; --rate-limit lifts Paradigm's 100 lists/min)"
serve small --rate-limit 1000/s
export ROSTER_CONFIG=$work/small.toml
hyperfine -N --warmup 5 --runs 50 "$BIN users list -o json" "$BIN users list" 2>&1 | grep -E 'Time|^Benchmark'
rss "users list -o json" "$BIN" users list -o json

fi

if want big; then
echo "== users list -o ndjson over 100,000 users (sandbox --rate-limit 1000/s)"
serve big --seed-users 100000 --rate-limit 1000/s
export ROSTER_CONFIG=$work/big.toml
start=$(date +%s.%N)
rss "100k users list -o ndjson" "$BIN" users list -o ndjson
"$BIN" users list -o ndjson | wc -l | sed 's/^/lines: /'
echo "wall: $(echo "$(date +%s.%N) - $start" | bc) s (two listings)"
fi

if want people; then
echo "== people -o csv over 5 profiles x 20,000 users (four vendors and a second Paradigm profile)"
serve people --seed-users 20000 --rate-limit 10000/s
url=$(grep -m1 '^base_url' "$work/people.toml" | sed 's/.*"\(.*\)".*/\1/')
printf '\n[profiles.paradigm2]\nprovider = "paradigm"\nbase_url = "%s"\ntoken = "roster-sandbox-paradigm-key"\n' "$url" >> "$work/people.toml"
export ROSTER_CONFIG=$work/people.toml
start=$(date +%s.%N)
rss "people -o csv" "$BIN" -q people -o csv
echo "wall: $(echo "$(date +%s.%N) - $start" | bc) s"
"$BIN" -q people -o csv | wc -l | sed 's/^/lines (header included): /'
fi

# pace FILE RATE: give every profile in FILE `rate_limit = RATE`
pace() { sed -i "s|^\[profiles\.\(.*\)\]$|[profiles.\1]\nrate_limit = \"$2\"|" "$1"; }

# hires N PREFIX: a CSV of N new hires
hires() {
  # The columns every vendor takes: Paradigm derives the username, Cradl joins the names.
  echo "email,first_name,last_name"
  for i in $(seq 1 "$1"); do echo "$2$i@bench.example,Bench,Hire$i"; done
}

stats() { curl -s "$(grep -m1 -o 'http://127.0.0.1:[0-9]*' "$work/$1.out")/_sandbox/stats"; }

if want import || want loop; then
echo "== import 1,000 users into each of the four vendors at once (--latency 20 --rate-limit 200/s)"
serve imp --latency 20 --rate-limit 200/s --user-quota 100000
export ROSTER_CONFIG=$work/imp.toml
pace "$ROSTER_CONFIG" 196/s
hires 1000 imp > "$work/imp.csv"
# The same import under --dry-run: logins, listings and planning, no write. Its time is the
# set-up the real run pays before its first create.
start=$(date +%s.%N)
"$BIN" -q --dry-run users import "$work/imp.csv" --profile paradigm,bleemeo,amani,cradl \
  --generate-password -o csv > /dev/null
setup=$(echo "$(date +%s.%N) - $start" | bc)
before=$(stats imp | jq .requests)
start=$(date +%s.%N)
/usr/bin/time -f "%M" -o "$work/rss" "$BIN" -q users import "$work/imp.csv" \
  --profile paradigm,bleemeo,amani,cradl --generate-password --concurrency 16 \
  --journal "$work/imp.jsonl" -o csv > "$work/imp-results.csv"
wall=$(echo "$(date +%s.%N) - $start" | bc)
after=$(stats imp | jq .requests)
echo "rows: $(($(wc -l < "$work/imp-results.csv") - 1)), created: $(grep -c ',created,' "$work/imp-results.csv")"
echo "wall: $wall s; requests: $((after - before)); rate: $(echo "($after - $before) / $wall" | bc) req/s of an 800/s ceiling"
echo "set-up (dry run): $setup s; writes after set-up: $(echo "4000 / ($wall - $setup)" | bc) req/s"
echo "429s seen by the sandbox: $(stats imp | jq .rate_limited); peak RSS: $(( $(cat "$work/rss") / 1024 )) MB"

fi

if want loop; then
echo "== the same rows as a shell loop of one 'roster users create' per row (250 a vendor)"
start=$(date +%s.%N)
for i in $(seq 1 250); do
  "$BIN" -q --profile paradigm users create --email "loop$i@bench.example" --username "loop$i" -o json > /dev/null
  "$BIN" -q --profile bleemeo users create --email "loop$i@bench.example" -o json > /dev/null
  "$BIN" -q --profile amani users create --email "loop$i@bench.example" --generate-password -o json > /dev/null
  "$BIN" -q --profile cradl users create --email "loop$i@bench.example" -o json > /dev/null
done
wall=$(echo "$(date +%s.%N) - $start" | bc)
echo "1,000 creates in $wall s: $(echo "1000 / $wall" | bc) rows/s"

fi

if want chaos; then
# CHAOS_RATE and CHAOS_ROWS change the fault rate and the rows per vendor (issue 9's check: 0.3, 500).
chaos_rate=${CHAOS_RATE:-0.2}
chaos_rows=${CHAOS_ROWS:-1000}
echo "== the import of $chaos_rows rows at --fault-rate $chaos_rate (seeded), re-run until every row succeeded"
serve chaos --rate-limit 200/s --fault-rate "$chaos_rate" --fault-seed 7 --user-quota 100000
export ROSTER_CONFIG=$work/chaos.toml
pace "$ROSTER_CONFIG" 196/s
hires "$chaos_rows" chaos > "$work/chaos.csv"
runs=0
while :; do
  runs=$((runs + 1))
  code=0
  "$BIN" -q users import "$work/chaos.csv" --profile paradigm,bleemeo,amani,cradl \
    --generate-password --concurrency 16 --journal "$work/chaos.jsonl" -o csv \
    > "$work/chaos-$runs.csv" || code=$?
  echo "run $runs: exit $code, rows failed: $(grep -c ',failed,' "$work/chaos-$runs.csv" || true)"
  [ "$code" -ne 0 ] && [ "$runs" -lt 10 ] || break
done
echo "faults injected: $(stats chaos | jq .faults)"
# Count from the sandbox's own state (the vendors' truth), not through roster.
curl -s "$(grep -m1 -o 'http://127.0.0.1:[0-9]*' "$work/chaos.out")/_sandbox/state" > "$work/state.json"
for p in paradigm bleemeo amani; do
  jq -r ".$p.users[].email" "$work/state.json" | grep '^chaos' | sort > "$work/$p.emails" || true
  echo "$p: $(sort -u "$work/$p.emails" | wc -l) distinct chaos users, $(uniq -d "$work/$p.emails" | wc -l) duplicated"
done
# Cradl users carry no email: join them to their profiles.
jq -r '.cradl as $c | $c.users[] | .profile_id as $p | $c.profiles[] | select(.profile_id == $p) | .email' \
  "$work/state.json" | grep '^chaos' | sort > "$work/cradl.emails" || true
echo "cradl: $(sort -u "$work/cradl.emails" | wc -l) distinct chaos users, $(uniq -d "$work/cradl.emails" | wc -l) duplicated"
fi

if want plan; then
echo "== roster plan: 5 profiles x 10,000 people (sandbox --seed-users 10000 --rate-limit 1000/s)"
serve ppl --seed-users 10000 --rate-limit 1000/s --user-quota 100000
export ROSTER_CONFIG=$work/ppl.toml
# A fifth profile: a second Paradigm key on the same tenant.
awk '/^\[profiles\.paradigm\]$/ {p=1; print "\n[profiles.paradigm2]"; next} /^\[/ {p=0} p' \
  "$ROSTER_CONFIG" > "$work/p2.toml"
cat "$work/p2.toml" >> "$ROSTER_CONFIG"
pace "$ROSTER_CONFIG" 980/s
# 9,900 of the seeded people as they are, and 100 new ones: 500 creates pending.
{
  echo '[defaults]'
  echo 'profiles = ["paradigm", "paradigm2", "bleemeo", "amani", "cradl"]'
  for i in $(seq 0 9899); do printf '\n[[person]]\nemail = "user%d@bench.example"\n' "$i"; done
  for i in $(seq 1 100); do
    printf '\n[[person]]\nemail = "new%d@bench.example"\nfirst_name = "New"\nlast_name = "Person%d"\n' "$i" "$i"
  done
} > "$work/people.toml"
before=$(stats ppl | jq .requests)
start=$(date +%s.%N)
code=0
/usr/bin/time -f "%M" -o "$work/rss" "$BIN" -q plan "$work/people.toml" -o json \
  > "$work/plan.json" 2> /dev/null || code=$?
wall=$(echo "$(date +%s.%N) - $start" | bc)
after=$(stats ppl | jq .requests)
echo "exit $code (8: changes pending); $(jq '.summary' -c "$work/plan.json")"
# GNU time puts "Command exited with non-zero status 8" first: the figure is the last line.
echo "requests: $((after - before)); wall: $wall s; peak RSS $(( $(tail -1 "$work/rss") / 1024 )) MB"
stats ppl | jq -c '.by_route | with_entries(select(.key | startswith("GET")))'
fi
