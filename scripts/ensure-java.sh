#!/usr/bin/env bash
# Installs a Java runtime for the W3C Nu HTML checker (vnu.jar) when `java` is not there yet.
set -euo pipefail
if command -v java >/dev/null 2>&1; then
  exit 0
fi
echo "Java ontbreekt; installeren met apt-get (nodig voor de HTML-controle)..."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq default-jre-headless >/dev/null
command -v java >/dev/null
