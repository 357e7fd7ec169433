"""The desktop app. The only package that imports Qt; it drives rnnstudio.core."""
