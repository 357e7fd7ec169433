"""Fill the unfinished entries of the Chinese .ts from a JSON table {context: {source: translation}}.

    python tools/fill_translations.py TABLE.json
Then: pyside6-lrelease resources/translations/rnnstudio_zh_CN.ts -qm resources/translations/rnnstudio_zh_CN.qm
"""
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS = Path(__file__).resolve().parents[1] / "resources" / "translations" / "rnnstudio_zh_CN.ts"


def main() -> int:
    table = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    tree = ET.parse(TS)
    missing = []
    for ctx in tree.getroot():
        name = ctx.find("name").text
        for m in ctx.findall("message"):
            tr = m.find("translation")
            if tr.get("type") != "unfinished":
                continue
            source = m.find("source").text
            text = table.get(name, {}).get(source)
            if text is None:
                missing.append(f"{name}: {source}")
                continue
            tr.text = text
            del tr.attrib["type"]
    body = ET.tostring(tree.getroot(), encoding="unicode")
    TS.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    print("\n".join(missing) or "all translated")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
