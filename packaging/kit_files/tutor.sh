#!/bin/sh
# Start the tutor installed on this PC (copied into the app folder by the installer).
HERE="$(cd "$(dirname "$0")" && pwd)"
APP="${TUTOR_APP_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/tutor-app}"
[ -f "$HERE/current" ] && APP="$HERE"
if [ ! -f "$APP/current" ]; then
    echo "The tutor is not installed on this PC yet: run install.sh from the USB kit."
    echo "ٹیوٹر ابھی انسٹال نہیں: USB کِٹ سے install.sh چلائیں۔"
    exit 1
fi
CUR="$(cat "$APP/current")"
exec "$APP/envs/$CUR/bin/tutor" "$@"
