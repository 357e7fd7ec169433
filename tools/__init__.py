"""Developer tools (screenshots, icons, translations, the headless browser of the web page's tests).
A package, so that `tools.headless_chromium` is this one and no other `tools` on the path."""
