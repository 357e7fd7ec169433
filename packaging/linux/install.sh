#!/usr/bin/env sh
# Install the unpacked RNN Studio folder for the current user: the app under
# ~/.local/opt, a launcher in ~/.local/bin, the menu entry, icons and the
# .rnnstudio file type. Run it from the unpacked folder: ./install.sh
# (./install.sh --uninstall removes it again.)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=${XDG_DATA_HOME:-$HOME/.local/share}
OPT=$HOME/.local/opt/rnnstudio
BIN=$HOME/.local/bin

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$OPT" "$BIN/rnnstudio" "$PREFIX/applications/rnnstudio.desktop" "$PREFIX/mime/packages/rnnstudio.xml"
    find "$PREFIX/icons/hicolor" -name rnnstudio.png -delete 2>/dev/null || true
    echo "RNN Studio removed."
    exit 0
fi

mkdir -p "$OPT" "$BIN" "$PREFIX/applications" "$PREFIX/mime/packages"
cp -a "$HERE/." "$OPT/"
ln -sf "$OPT/rnnstudio" "$BIN/rnnstudio"
sed "s|^Exec=rnnstudio|Exec=$OPT/rnnstudio|" "$HERE/rnnstudio.desktop" > "$PREFIX/applications/rnnstudio.desktop"
cp "$HERE/rnnstudio-mime.xml" "$PREFIX/mime/packages/rnnstudio.xml"
ICONS=$(find "$HERE" -path '*resources/icons' -type d | head -n 1)
for size in 16 24 32 48 64 128 256 512; do
    mkdir -p "$PREFIX/icons/hicolor/${size}x${size}/apps"
    cp "$ICONS/rnnstudio_${size}.png" "$PREFIX/icons/hicolor/${size}x${size}/apps/rnnstudio.png"
done
command -v update-mime-database >/dev/null && update-mime-database "$PREFIX/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$PREFIX/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q "$PREFIX/icons/hicolor" || true
echo "RNN Studio installed: start it from the menu or run $BIN/rnnstudio"
