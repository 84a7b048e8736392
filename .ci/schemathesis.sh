#!/usr/bin/env bash
# The running portal checked against its own OpenAPI document with schemathesis: no server
# errors (5xx), every response matches its documented schema, and every status code is one
# the operation documents.
#
#   .ci/schemathesis.sh            on SQLite, or on PostgreSQL when DATABASE_URL names a
#                                  server (a fresh database is made there and dropped after)
#
# It starts `betterwork serve --demo` (BETTERWORK_BIN, default target/debug/betterwork,
# built when missing) on a fresh database and a free port, issues an API token for one demo
# login of each role with `betterwork token`, and runs schemathesis once per token; the log-
# out operation, which ends the token's session, runs last with a token of its own.
# Settings: SCHEMATHESIS_EXAMPLES (examples per operation, default 25), SCHEMATHESIS_SEED
# (fixed by default so a failure can be repeated; any number for another run).
set -euo pipefail
cd "$(dirname "$0")/.."

SCHEMATHESIS_VERSION=4.32.5
EXAMPLES=${SCHEMATHESIS_EXAMPLES:-25}
SEED=${SCHEMATHESIS_SEED:-20261128}
VENV=${SCHEMATHESIS_VENV:-$PWD/target/schemathesis-$SCHEMATHESIS_VERSION}
BIN=${BETTERWORK_BIN:-$PWD/target/debug/betterwork}
started=$(date +%s)

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# schemathesis, pinned, from PyPI, in a virtual environment of its own.
if ! "$VENV/bin/st" --version 2>/dev/null | grep -q "version $SCHEMATHESIS_VERSION\$"; then
  if ! command -v python3 >/dev/null 2>&1 || ! python3 -m venv --help >/dev/null 2>&1; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-venv
  fi
  rm -rf "$VENV"
  python3 -m venv "$VENV" || {
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv
    python3 -m venv "$VENV"
  }
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi
[ -x "$BIN" ] || cargo build --quiet --bin betterwork

mkdir -p target
WORK=$(mktemp -d "$PWD/target/schemathesis-run.XXXXXX")
SERVER_PID=
DROP_DATABASE=
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  if [ -n "$DROP_DATABASE" ]; then psql_on "$SERVER_URL" -c "DROP DATABASE IF EXISTS $DROP_DATABASE" >/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

export BETTERWORK_DATA_DIR="$WORK/data"
export BETTERWORK_JWT_SECRET
BETTERWORK_JWT_SECRET=$(head -c 48 /dev/urandom | od -An -tx1 | tr -d ' \n')
export BETTERWORK_LOG=warn

# A fresh database: a new SQLite file in the data directory, or a new PostgreSQL database.
psql_on() {
  local psql=psql
  command -v psql >/dev/null 2>&1 || psql=/usr/lib/postgresql/15/bin/psql
  "$psql" "$1" -v ON_ERROR_STOP=1 -q "${@:2}"
}
if [[ "${DATABASE_URL:-}" == postgres* ]]; then
  SERVER_URL=$DATABASE_URL
  name="betterwork_schemathesis_$$"
  psql_on "$SERVER_URL" -c "CREATE DATABASE $name" >/dev/null
  DROP_DATABASE=$name
  # The same server and options, another database: scheme://authority/NAME?options.
  DATABASE_URL=$(python3 -c 'import re, sys; print(re.sub(r"^([a-z]+://[^/?]*)(/[^?]*)?", lambda m: m.group(1) + "/" + sys.argv[2], sys.argv[1], count=1))' "$SERVER_URL" "$name")
  export DATABASE_URL
  database="PostgreSQL"
else
  unset DATABASE_URL
  database="SQLite"
fi

# The portal on a port the system picks; it prints the address and the demo logins.
"$BIN" serve --demo --bind 127.0.0.1:0 >"$WORK/server.out" 2>"$WORK/server.log" &
SERVER_PID=$!
BASE=
for _ in $(seq 1 300); do
  BASE=$(sed -n 's|^Better Work is running at \(http://[^/]*\)/$|\1|p' "$WORK/server.out")
  [ -n "$BASE" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || break
  sleep 0.2
done
if [ -z "$BASE" ]; then
  echo "the portal did not start:" >&2
  cat "$WORK/server.out" "$WORK/server.log" >&2
  exit 1
fi

# One demo login per role: "  EMAIL(40) ROLE(18) NAME, ORGANISATION".
declare -A login_of=()
while IFS= read -r line; do
  email=$(echo "$line" | awk '{print $1}')
  role=$(echo "${line:43:18}" | sed 's/ *$//')
  [ -n "${login_of[$role]:-}" ] || login_of[$role]=$email
done < <(grep -E '^  [^ ]+@[^ ]+ ' "$WORK/server.out")
if [ "${#login_of[@]}" -lt 5 ]; then
  echo "expected a demo login for each of 5 roles, found: ${!login_of[*]}" >&2
  exit 1
fi

token_for() { "$BIN" token --email "$1" 2>/dev/null; }

# Real ids for the path parameters, so the operations on one organisation or vacancy reach
# their use cases instead of answering 404 to made-up ids: the token owner's organisation
# and a vacancy they can reach (any, for roles that may not read vacancies).
cat >"$WORK/schemathesis.toml" <<'TOML'
[parameters]
"path.id" = "${BW_ORGANISATION_ID}"
"path.ref" = "${BW_VACANCY_REF}"
TOML
admin_token=$(token_for "${login_of[Platform admin]}")
records_for() {
  python3 - "$BASE" "$admin_token" "$1" <<'PY'
import json, sys, urllib.request

base, admin, token = sys.argv[1:]

def get(path, bearer):
    request = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + bearer})
    try:
        with urllib.request.urlopen(request) as response:
            return json.load(response)
    except urllib.error.HTTPError:
        return None

organisations = get("/api/v1/organisations?per_page=100", admin)["items"]
mine = get("/api/v1/me", token)["organisation"]["name"]
organisation = next(o["id"] for o in organisations if o["name"] == mine)
vacancies = (get("/api/v1/vacancies?per_page=1", token) or {}).get("items") or get(
    "/api/v1/vacancies?per_page=1", admin
)["items"]
print(organisation, vacancies[0]["ref"])
PY
}

check() {
  local who=$1 token=$2
  shift 2
  echo "--- schemathesis on $database as $who"
  read -r BW_ORGANISATION_ID BW_VACANCY_REF < <(records_for "$token")
  export BW_ORGANISATION_ID BW_VACANCY_REF
  (cd "$WORK" && "$VENV/bin/st" --config-file "$WORK/schemathesis.toml" \
    run "$BASE/api/v1/openapi.json" --url "$BASE" \
    -H "Authorization: Bearer $token" \
    --checks not_a_server_error,response_schema_conformance,status_code_conformance \
    --phases examples,coverage,fuzzing --max-examples "$EXAMPLES" --seed "$SEED" \
    --no-color "$@") >"$WORK/st.log" 2>&1 || {
    cat "$WORK/st.log"
    echo "--- the portal's log:"
    tail -n 50 "$WORK/server.log"
    return 1
  }
  grep -E '^  [0-9]+ generated|⚠️|^=+ .* in [0-9.]+s =+$' "$WORK/st.log" || tail -n 3 "$WORK/st.log"
}

for role in "${!login_of[@]}"; do
  check "$role (${login_of[$role]})" "$(token_for "${login_of[$role]}")" \
    --exclude-path /api/v1/auth/logout
done
# Logging out ends the session of the token it is sent with: a token of its own, last.
check "log-out (${login_of[Platform admin]})" "$admin_token" --include-path /api/v1/auth/logout

if [ -n "$DROP_DATABASE" ]; then
  # The portal must have used the fresh database, not a file named like the URL.
  vacancies=$(psql_on "$DATABASE_URL" -At -c "SELECT count(*) FROM vacancies")
  [ "$vacancies" -gt 0 ] || { echo "the portal did not use $DROP_DATABASE" >&2; exit 1; }
fi
echo "schemathesis on $database: passed in $(( $(date +%s) - started ))s"
