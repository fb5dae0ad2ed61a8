#!/bin/sh
# Install or update the tutor from this USB kit (Linux). No network is used.
# If the stick lost the "executable" flag, run:  sh install.sh
KIT="$(cd "$(dirname "$0")" && pwd)"
for PY in python3 python3.13 python3.12 python3.11 python3.10 python; do
    if command -v "$PY" >/dev/null 2>&1 &&
        "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
        exec "$PY" "$KIT/install_kit.py" "$@"
    fi
done
echo "No Python 3.10 or newer on this PC. Use the standalone build, see install.md."
echo "اس PC پر Python 3.10 یا نیا نہیں۔ اسٹینڈ اَلون ورژن استعمال کریں۔"
exit 1
