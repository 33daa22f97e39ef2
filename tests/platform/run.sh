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
run_pytest() {  # run_pytest SETTINGS TEST_DIR [ARGS...]
  local settings=$1 tests=$2; shift 2
  echo "platform tier: $tests with $settings${PPTA_PLATFORM_DATABASE_URL:+ on $PPTA_PLATFORM_DATABASE_URL}"
  DJANGO_SETTINGS_MODULE=$settings "$DEST/venv/bin/python" -m pytest -c "$PROJECT/tests/platform/pytest.ini" \
    --rootdir "$PROJECT/tests/platform" -p mongomock_plugin "$@" "$tests" || {
    local code=$?; [ $code = 5 ] && return 0 || return $code; }  # 5: the arguments selected none of these
}
status=0
run_pytest ppta_platform_settings.lms "$PROJECT/tests/platform/lms" "$@" || status=$?
run_pytest ppta_platform_settings.cms "$PROJECT/tests/platform/cms" "$@" || status=$?
if [ -n "${PPTA_PLATFORM_MARIADB_URL:-}" ]; then
  # the MySQL-only checks (migrations, pages, search) on MariaDB, the production database
  PPTA_PLATFORM_DATABASE_URL=$PPTA_PLATFORM_MARIADB_URL run_pytest ppta_platform_settings.lms \
    "$PROJECT/tests/platform/lms" -m mariadb "$@" || status=$?
fi
echo "platform tier: finished in $(( $(date +%s) - started )) s"
exit $status
