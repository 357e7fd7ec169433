#!/usr/bin/env bash
# Launch the frozen Linux app on a virtual X screen, let it open its sample text,
# and save a screenshot of the whole screen: docs/screenshots/bundle-linux.png.
#   xvfb-run -a -s "-screen 0 1400x900x24" tools/screenshot_bundle.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export RNNSTUDIO_APP_NAME=RNNStudioBundleShot QT_QPA_PLATFORM=xcb
packaging/dist/RNNStudio/rnnstudio &
app=$!
sleep 12
python3 - <<'PY'
from PySide6.QtWidgets import QApplication
app = QApplication([])
shot = app.primaryScreen().grabWindow(0)  # the whole X screen, the bundled app's window included
shot.save("docs/screenshots/bundle-linux.png")
print("saved docs/screenshots/bundle-linux.png", shot.width(), "x", shot.height())
PY
kill "$app"
