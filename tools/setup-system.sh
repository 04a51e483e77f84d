#!/usr/bin/env bash
# Installs the Debian packages the tests need (listed in tools/debian-packages).
# Idempotent: installs only what is missing and does nothing when all is there.
# As a normal user it prints the command to run instead of asking for a password.
set -euo pipefail
list="$(dirname "$0")/debian-packages"
mapfile -t wanted < <(sed -e 's/#.*//' "$list" | tr -s ' \t' '\n' | grep -v '^$')

if ! command -v dpkg-query >/dev/null; then
  echo "setup-system: not a Debian system; install these with your package manager: ${wanted[*]}" >&2
  exit 0
fi
missing=()
for package in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-system: present: ${wanted[*]}"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "setup-system: missing ${missing[*]}; run:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}"
