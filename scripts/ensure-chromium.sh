#!/usr/bin/env bash
# The dashboard's browser tests drive Debian's Chromium (playwright-core never downloads a browser
# here). Installs it, with CJK fonts so screenshots show Chinese rather than empty boxes, when absent;
# and poppler-utils, whose pdftoppm turns the review opinion's PDF into page images for its test.
set -euo pipefail
need=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || need+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -eq 0 ]; then
  echo "chromium, CJK fonts and pdftoppm present"
  exit 0
fi
echo "installing ${need[*]} through apt"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
"${CHROMIUM_PATH:-/usr/bin/chromium}" --version 2>/dev/null
