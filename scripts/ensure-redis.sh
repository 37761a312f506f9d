#!/usr/bin/env bash
# Makes sure the redis-server program is installed: the tests start a private server of their
# own on a free port (tests/redis_server.py), so a shared Redis on 6379 is never flushed.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "redis-server ontbreekt; installeren met apt-get..."
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq redis-server >/dev/null
command -v redis-server >/dev/null
