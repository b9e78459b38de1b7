#!/usr/bin/env bash
# Compliance Kit against the tools a user would pick instead, end to end through the CLI jar.
#
# Generates the data (ROWS rows of about 190 bytes), then runs each pair WARMUP times untimed (default once: the
# launcher writes its class-data archive, the OS caches both programs) and REPEATS times alternately (ours, theirs,
# ours, theirs…), and prints one table: median wall time of each side, their ratio, sizes, and the machine's load
# average before and after each pair. Runs outside `mvn verify`; needs on this machine:
#   PostgreSQL 15 on 127.0.0.1:5432 (trust auth, user postgres, pgcrypto available), pg_dump/pg_restore 15 on PATH,
#   MariaDB on 127.0.0.1:3306 (root, empty password), mariadb/mariadb-dump, gzip, zstd.
#
# Usage: compliance-benchmarks/run-end-to-end.sh            (everything)
#        ONLY="retention backup" ROWS=200000 REPEATS=3 compliance-benchmarks/run-end-to-end.sh
#        LAUNCHER= ONLY=startup compliance-benchmarks/run-end-to-end.sh     (through java -jar, no launcher)
# Sections: retention backup backup2 restore mariadb startup
set -euo pipefail

ROWS=${ROWS:-1000000}
REPEATS=${REPEATS:-3}
WARMUP=${WARMUP:-1}
ONLY=${ONLY:-"retention backup backup2 restore mariadb startup"}
WORK=${WORK:-/tmp/ck-e2e}
HERE=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$HERE/compliance-cli/target/compliance-cli-0.1.0-SNAPSHOT-all.jar}
JAVA_OPTS=${JAVA_OPTS:-}
PG="psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres"
MARIA="mariadb -h 127.0.0.1 -uroot"
PGURL=jdbc:postgresql://127.0.0.1:5432
MARIAURL=jdbc:mariadb://127.0.0.1:3306

if [[ ! -f $JAR ]]; then
    (cd "$HERE" && mvn -B -q -o -pl compliance-cli -am package -DskipTests)
fi
mkdir -p "$WORK"
export COMPLIANCE_DB_PASSWORD=
SECRET_B64=$(head -c 32 /dev/urandom | base64 -w0)
export COMPLIANCE_HASH_SECRET=$SECRET_B64
[[ -f $WORK/bench.key ]] || java -jar "$JAR" keygen --out "$WORK/bench.key" >/dev/null

# Every CLI command runs through the launcher script next to the jar (class-data archive), as an installed CLI
# runs; LAUNCHER= (empty) runs `java -jar` instead.
LAUNCHER=${LAUNCHER-$HERE/compliance-cli/target/compliance}
[[ -z $LAUNCHER || -x $LAUNCHER ]] || LAUNCHER=
run_cli() { if [[ -n $LAUNCHER ]]; then COMPLIANCE_JAR=$JAR "$LAUNCHER" "$@"; else java $JAVA_OPTS -jar "$JAR" "$@"; fi; }
cli() { run_cli "$@" >"$WORK/cli.out" 2>"$WORK/cli.err" || { cat "$WORK/cli.err" >&2; return 1; }; }
load() { cut -d' ' -f1 /proc/loadavg; }
now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc; }
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
size() { du -sb "$1" | cut -f1; }
mb() { echo "scale=1; $1 / 1000000" | bc; }

RESULTS=()
# pair NAME PREPARE OURS THEIRS [OUR_SIZE_CMD THEIR_SIZE_CMD]: PREPARE runs untimed before every run, with SIDE
# set to ours or theirs
pair() {
    local name=$1 prep=$2 ours=$3 theirs=$4 osize=${5:-} tsize=${6:-}
    local o=() t=() l0 l1 s e
    l0=$(load)
    # untimed first runs: the launcher writes the command's class-data archive, the OS caches both programs' files
    for ((i = 0; i < WARMUP; i++)); do
        SIDE=ours; eval "$prep"; eval "$ours"
        SIDE=theirs; eval "$prep"; eval "$theirs"
    done
    for ((i = 0; i < REPEATS; i++)); do
        SIDE=ours; eval "$prep"; s=$(now); eval "$ours"; e=$(now); o+=("$(secs "$s" "$e")")
        SIDE=theirs; eval "$prep"; s=$(now); eval "$theirs"; e=$(now); t+=("$(secs "$s" "$e")")
    done
    l1=$(load)
    local om tm ratio sizes=""
    om=$(echo "${o[*]}" | median); tm=$(echo "${t[*]}" | median)
    ratio=$(echo "scale=2; $om / $tm" | bc)
    if [[ -n $osize ]]; then
        local a b
        a=$(eval "$osize"); b=$(eval "$tsize")
        sizes="$(mb "$a") MB / $(mb "$b") MB ($(echo "scale=2; $a / $b" | bc)×)"
    fi
    RESULTS+=("| $name | $(printf '%.2f' "$om") s | $(printf '%.2f' "$tm") s | **$ratio** | $sizes | $l0 → $l1 | ${o[*]} / ${t[*]} |")
    echo "done: $name ours ${o[*]} theirs ${t[*]} (load $l0 → $l1)" >&2
}

# ---- PostgreSQL data: events(id, user_id, email, name, address, amount, created_at), about 190 bytes a row
pg_events() { # database table
    $PG -d "$1" <<SQL
DROP TABLE IF EXISTS $2;
CREATE TABLE $2 (id bigint PRIMARY KEY, user_id bigint NOT NULL, email text, name text, address text,
    amount numeric(12,2), created_at timestamptz NOT NULL);
INSERT INTO $2 SELECT g, g % 50000, 'user' || g || '@example.com', 'Name ' || md5(g::text),
    md5(g::text) || ' ' || md5((g + 1)::text) || ' Street', (g % 100000) / 100.0,
    timestamptz '2024-01-01 00:00:00+00' + (g % 10000) * interval '1 minute'
FROM generate_series(1, $ROWS) g;
VACUUM ANALYZE $2;
SQL
}
pg_db() { # name [tables…]: a fresh database holding the given generated tables
    local db=$1; shift
    $PG -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
    for t in "$@"; do pg_events "$db" "$t"; done
}
policy() { # file email-strategy tables…
    local f=$1 email=$2; shift 2
    { echo "version: 1"; echo "tables:"
      for t in "$@"; do cat <<YAML
  $t:
    subject: { id: user_id }
    purpose: benchmark
    fields:
      email: $email
      name: redact
      address: "null"
YAML
      done
      echo "retention:"
      for t in "$@"; do cat <<YAML
  - name: old-$t
    table: $t
    action: anonymize
    after: 30d
    countingFrom: created_at
YAML
      done
      echo "backup:"; echo "  enabled: true"; echo "  retention: 30d"; } >"$f"
}

# ---- retention: CLI `retention run` against one hand-written UPDATE giving the same bytes
retention() {
    pg_db ck_ret events
    $PG -d ck_ret -c "CREATE EXTENSION IF NOT EXISTS pgcrypto"
    $PG -d ck_ret -c "CREATE TABLE events_template AS TABLE events"
    local reset="$PG -d ck_ret -c 'TRUNCATE events' -c 'INSERT INTO events SELECT * FROM events_template' -c 'VACUUM ANALYZE events'"
    local hmac="'hmac:' || rtrim(translate(encode(hmac(convert_to(email, 'UTF8'), decode('$SECRET_B64', 'base64'), 'sha256'), 'base64'), '+/', '-_'), '=')"
    policy "$WORK/ret-hash.yaml" hash events
    policy "$WORK/ret-redact.yaml" redact events
    local pending="created_at <= now() - interval '30 days' AND (name IS DISTINCT FROM '[REDACTED]' OR address IS NOT NULL"
    pair "retention: anonymize $ROWS rows (hash + redact + null) ÷ SQL UPDATE with pgcrypto hmac" "$reset" \
        "cli retention run --jdbc-url $PGURL/ck_ret --user postgres --map $WORK/ret-hash.yaml" \
        "$PG -d ck_ret -c \"UPDATE events SET email = $hmac, name = '[REDACTED]', address = NULL WHERE $pending OR email NOT LIKE 'hmac:%')\""
    # same bytes: the CLI's result equals the UPDATE's
    eval "$reset"; cli retention run --jdbc-url $PGURL/ck_ret --user postgres --map "$WORK/ret-hash.yaml"
    local ours theirs
    ours=$($PG -d ck_ret -Atc "SELECT md5(string_agg(coalesce(email,'~') || name || coalesce(address,'~'), ',' ORDER BY id)) FROM events")
    eval "$reset"; $PG -d ck_ret -c "UPDATE events SET email = $hmac, name = '[REDACTED]', address = NULL WHERE $pending OR email NOT LIKE 'hmac:%')"
    theirs=$($PG -d ck_ret -Atc "SELECT md5(string_agg(coalesce(email,'~') || name || coalesce(address,'~'), ',' ORDER BY id)) FROM events")
    [[ $ours == "$theirs" ]] && echo "retention: CLI and SQL UPDATE give the same bytes ($ours)" >&2 \
        || { echo "retention: CLI and SQL UPDATE DIFFER ($ours vs $theirs)" >&2; RESULTS+=("| retention values differ from the SQL UPDATE | | | | | | |"); }
    pair "retention: the same without a hash field (redact + redact + null) ÷ SQL UPDATE" "$reset" \
        "cli retention run --jdbc-url $PGURL/ck_ret --user postgres --map $WORK/ret-redact.yaml" \
        "$PG -d ck_ret -c \"UPDATE events SET email = '[REDACTED]', name = '[REDACTED]', address = NULL WHERE $pending OR email IS DISTINCT FROM '[REDACTED]')\""
}

# ---- backup: CLI `backup` (encrypted, to a directory) against pg_dump
backup() {
    pg_db ck_bk1 events
    policy "$WORK/bk1.yaml" hash events
    pair "backup, 1 table ÷ pg_dump -Fc" "if [[ \$SIDE == ours ]]; then rm -rf $WORK/store1; else rm -f $WORK/dump1.fc; fi" \
        "cli backup --jdbc-url $PGURL/ck_bk1 --user postgres --map $WORK/bk1.yaml --store $WORK/store1 --key-file $WORK/bench.key" \
        "pg_dump -h 127.0.0.1 -U postgres -Fc -f $WORK/dump1.fc ck_bk1" \
        "size $WORK/store1" "size $WORK/dump1.fc"
}
backup2() {
    pg_db ck_bk2 events events2
    policy "$WORK/bk2.yaml" hash events events2
    pair "backup, 2 tables ÷ pg_dump -Fd -j 2" "if [[ \$SIDE == ours ]]; then rm -rf $WORK/store2; else rm -rf $WORK/dump2.d; fi" \
        "cli backup --jdbc-url $PGURL/ck_bk2 --user postgres --map $WORK/bk2.yaml --store $WORK/store2 --key-file $WORK/bench.key" \
        "pg_dump -h 127.0.0.1 -U postgres -Fd -j 2 -f $WORK/dump2.d ck_bk2" \
        "size $WORK/store2" "size $WORK/dump2.d"
}

# ---- restore: CLI `restore` of the one-table backup against pg_restore --data-only of the one-table dump
restore() {
    [[ -d $WORK/store1 && -f $WORK/dump1.fc ]] || backup
    $PG -d postgres -c "DROP DATABASE IF EXISTS ck_rs" -c "CREATE DATABASE ck_rs"
    pg_dump -h 127.0.0.1 -U postgres -s ck_bk1 | $PG -d ck_rs
    pair "restore, 1 table ÷ pg_restore --data-only" "$PG -d ck_rs -c 'TRUNCATE events'" \
        "cli restore --jdbc-url $PGURL/ck_rs --user postgres --store $WORK/store1 --key-file $WORK/bench.key --table events" \
        "pg_restore -h 127.0.0.1 -U postgres --data-only -t events -d ck_rs $WORK/dump1.fc"
}

# ---- MariaDB: backup against mariadb-dump | gzip, restore against gunzip | mariadb
mariadb_pairs() {
    $MARIA -e "DROP DATABASE IF EXISTS ck_e2e; CREATE DATABASE ck_e2e; DROP DATABASE IF EXISTS ck_e2e_rs; CREATE DATABASE ck_e2e_rs"
    $MARIA ck_e2e <<SQL
CREATE TABLE events (id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL, email TEXT, name TEXT, address TEXT,
    amount DECIMAL(12,2), created_at TIMESTAMP(6) NOT NULL);
INSERT INTO events SELECT seq, seq % 50000, CONCAT('user', seq, '@example.com'), CONCAT('Name ', MD5(seq)),
    CONCAT(MD5(seq), ' ', MD5(seq + 1), ' Street'), (seq % 100000) / 100.0,
    TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (seq % 10000) MINUTE FROM seq_1_to_$ROWS;
SQL
    $MARIA ck_e2e_rs -e "CREATE TABLE events LIKE ck_e2e.events"
    policy "$WORK/m.yaml" hash events
    pair "MariaDB backup ÷ mariadb-dump \| gzip" "if [[ \$SIDE == ours ]]; then rm -rf $WORK/mstore; else rm -f $WORK/m.sql.gz; fi" \
        "cli backup --jdbc-url $MARIAURL/ck_e2e --user root --map $WORK/m.yaml --store $WORK/mstore --key-file $WORK/bench.key" \
        "mariadb-dump -h 127.0.0.1 -uroot --single-transaction ck_e2e events | gzip > $WORK/m.sql.gz" \
        "size $WORK/mstore" "size $WORK/m.sql.gz"
    pair "MariaDB restore ÷ gunzip \| mariadb" "$MARIA ck_e2e_rs -e 'DROP TABLE IF EXISTS events; CREATE TABLE events LIKE ck_e2e.events'" \
        "cli restore --jdbc-url $MARIAURL/ck_e2e_rs --user root --store $WORK/mstore --key-file $WORK/bench.key --table events" \
        "gunzip < $WORK/m.sql.gz | $MARIA ck_e2e_rs"
}

# ---- start-up: the CLI's --help against the JVM doing nothing
startup() {
    pair "CLI start-up: --help ÷ java -version" ":" "cli --help" "java $JAVA_OPTS -version 2>/dev/null"
}

echo "rows=$ROWS repeats=$REPEATS cores=$(nproc) java=$(java -version 2>&1 | head -1) $(date -u +%FT%TZ)" >&2
for s in $ONLY; do
    case $s in
        retention) retention ;; backup) backup ;; backup2) backup2 ;; restore) restore ;;
        mariadb) mariadb_pairs ;; startup) startup ;;
        *) echo "unknown section $s" >&2; exit 2 ;;
    esac
done

echo
echo "End to end, $ROWS rows, $([[ -n $LAUNCHER ]] && echo "the compliance launcher" || echo "java -jar"), median of $REPEATS alternated pairs after $WARMUP untimed, $(nproc) cores, $(date -u +%FT%TZ), commit $(cd "$HERE" && git rev-parse --short HEAD)"
echo
echo "| operation | Compliance Kit CLI | peer | ratio | size (ours / peer) | load (1 min) before → after | runs (ours / peer, s) |"
echo "|---|---:|---:|---:|---|---|---|"
printf '%s\n' "${RESULTS[@]}"
