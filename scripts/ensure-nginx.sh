#!/usr/bin/env bash
# Installs Debian's nginx for the deployment tests (nginx -t on deploy/nginx) when it is missing.
# Only the binary is wanted: the tests start their own instance on a throw-away configuration.
set -euo pipefail
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
  exit 0
fi
echo "nginx ontbreekt; installeren met apt-get (nodig voor de deploytests)..."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
# No service is started by the package in a container; where one is (a full system), it is
# stopped again so port 80 stays free.
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq nginx-light >/dev/null
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet nginx 2>/dev/null; then
  $SUDO systemctl disable --now nginx >/dev/null 2>&1 || true
fi
[ -x /usr/sbin/nginx ]
