#!/usr/bin/env bash
# The platform tier: ppta inside the real Open edX (Teak line: Python 3.11, Django 4.2, XBlock 5.2),
# with the settings that ppta's Tutor patches produce on top of the platform's test settings.
#
#   tests/platform/run.sh [PYTEST ARGS...]      (make test-platform; PLATFORM_TESTS=... narrows it)
#
# The platform environment is built once per machine in $PPTA_PLATFORM_DIR (default
# ~/.cache/ppta/platform) by ../shared/platform/setup.sh and reused while the tarball is unchanged.
# Without the tarball the tier is skipped, unless PPTA_REQUIRE_SERVICES=1 (CI), where that fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
PROJECT=$(pwd)
SHARED=$(cd "${PPTA_SHARED_PLATFORM:-$PROJECT/../shared/platform}" 2>/dev/null && pwd || echo "$PROJECT/../shared/platform")
TARBALL=$SHARED/openedx-platform-teak.tar.gz
DEST=${PPTA_PLATFORM_DIR:-$HOME/.cache/ppta/platform}

if [ ! -f "$TARBALL" ]; then
  if [ "${PPTA_REQUIRE_SERVICES:-}" = 1 ]; then
    echo "platform tier: no platform tarball at $TARBALL (PPTA_REQUIRE_SERVICES=1 makes this a failure)" >&2
    exit 1
  fi
  echo "platform tier skipped: no platform tarball at $TARBALL"
  exit 0
fi

mkdir -p "$DEST"
exec 9>"$DEST.lock"
flock 9  # one run at a time per machine: the platform venv holds one editable install of ppta
started=$(date +%s)
bash "$SHARED/setup.sh" "$DEST" "$PROJECT"
# ppta's own dependencies that the platform lacks, pinned, without moving any platform pin
"$DEST/venv/bin/pip" install -q --no-deps -r requirements/platform.txt
"$DEST/venv/bin/pip" check >/dev/null || { "$DEST/venv/bin/pip" check; exit 1; }
echo "platform tier: environment ready in $(( $(date +%s) - started )) s"

RENDERED=$(mktemp -d /tmp/ppta-platform-rendered.XXXXXX)
trap 'rm -rf "$RENDERED"' EXIT
.venv/bin/python tests/platform/render_tutor.py "$RENDERED"

export PPTA_PLATFORM_RENDERED=$RENDERED
export PYTHONPATH=$SHARED:$PROJECT/tests/platform
export PATH=$DEST/venv/bin:$PATH  # `ppta course new` of the template-courses init step
cd "$DEST/openedx-platform"
run_pytest() {  # run_pytest SETTINGS [PYTEST ARGS...]
  local settings=$1; shift
  echo "platform tier: ${*#"$PROJECT"/} with $settings${PPTA_PLATFORM_DATABASE_URL:+ on $PPTA_PLATFORM_DATABASE_URL}"
  DJANGO_SETTINGS_MODULE=$settings "$DEST/venv/bin/python" -m pytest -c "$PROJECT/tests/platform/pytest.ini" \
    --rootdir "$PROJECT/tests/platform" -p mongomock_plugin "$@" || {
    local code=$?; [ $code = 5 ] && return 0 || return $code; }  # 5: the arguments selected none of these
}
# Test paths among the arguments (relative to the project or absolute) narrow the run to the tier
# (lms or cms) they lie in; other arguments (-k, -x, ...) go to both.
options=(); lms_paths=(); cms_paths=(); paths_given=0
for arg in "$@"; do
  case $arg in
    -*) options+=("$arg") ;;
    *) path=$arg; [ "${path#/}" = "$path" ] && path=$PROJECT/$path
       if [ -e "${path%%::*}" ]; then
         paths_given=1
         case $path in
           "$PROJECT"/tests/platform/lms*) lms_paths+=("$path") ;;
           "$PROJECT"/tests/platform/cms*) cms_paths+=("$path") ;;
           *) echo "platform tier: $arg is not under tests/platform/lms or tests/platform/cms" >&2; exit 2 ;;
         esac
       else options+=("$arg"); fi ;;
  esac
done
run_tier() {  # run_tier lms|cms [ARGS...]: the tier's selected paths, or all of it when none was given
  local tier=$1; shift; local -n selected=${tier}_paths
  if [ $paths_given = 1 ] && [ ${#selected[@]} = 0 ]; then return 0; fi
  local targets=("${selected[@]}"); [ ${#targets[@]} = 0 ] && targets=("$PROJECT/tests/platform/$tier")
  run_pytest "ppta_platform_settings.$tier" "${targets[@]}" "$@" "${options[@]}"
}
status=0
run_tier lms || status=$?
run_tier cms || status=$?
if [ -n "${PPTA_PLATFORM_MARIADB_URL:-}" ]; then
  # the MySQL-only checks (migrations, pages, search) on MariaDB, the production database
  PPTA_PLATFORM_DATABASE_URL=$PPTA_PLATFORM_MARIADB_URL run_tier lms -m mariadb || status=$?
fi
echo "platform tier: finished in $(( $(date +%s) - started )) s"
exit $status
