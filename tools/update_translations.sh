#!/usr/bin/env bash
# Collect the app's strings into the .ts file (translations already there are kept),
# then compile it to the .qm the app loads. Translate new strings with pyside6-linguist.
set -euo pipefail
cd "$(dirname "$0")/.."
pyside6-lupdate -no-obsolete rnnstudio/gui/*.py rnnstudio/gui/pages/*.py rnnstudio/gui/views/*.py -ts resources/translations/rnnstudio_zh_CN.ts
pyside6-lrelease resources/translations/rnnstudio_zh_CN.ts -qm resources/translations/rnnstudio_zh_CN.qm
