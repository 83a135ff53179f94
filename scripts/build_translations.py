"""Build the desk's translations: lupdate collects every tr()/translate() string of ui/
and of the command line into ui/i18n/teller_<lang>.ts (keeping what is translated), then
lrelease compiles each .ts into the .qm the desk loads.

    python scripts/build_translations.py            # update the .ts, then build the .qm
    python scripts/build_translations.py --release  # only build the .qm from the .ts

Uses pyside6-lupdate / pyside6-lrelease on PATH, else the lupdate / lrelease that
PySide6-Essentials ships inside its package folder.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "ui" / "i18n"
TRANSLATED = ("zh_CN",)
# Where user-visible strings live: the desk's widgets, the window the desk builds, and
# the command line.
SOURCES = [
    *sorted((ROOT / "ui").glob("*.py")),
    ROOT / "app" / "gui.py",
    ROOT / "app" / "receipt_cli.py",
    *(ROOT / "app" / name for name in ("cli.py", "export_cli.py", "end_of_day.py")),
    *(ROOT / "app" / name for name in ("operators_cli.py", "signing.py")),
    *(ROOT / "app" / name for name in ("demo.py", "events_cli.py", "flow_cli.py")),
    *(ROOT / "app" / name for name in ("relay.py", "stream_check.py", "checkpoints.py")),
    ROOT / "app" / "bench_table.py",
]


def tool(name: str) -> str:
    on_path = shutil.which(f"pyside6-{name}")
    if on_path:
        return on_path
    import PySide6

    bundled = Path(PySide6.__file__).parent / name
    if bundled.exists():
        return str(bundled)
    raise SystemExit(f"neither pyside6-{name} nor PySide6/{name} found")


def ts_path(language: str) -> Path:
    return I18N / f"teller_{language}.ts"


def update(language: str) -> None:
    subprocess.run(
        [
            tool("lupdate"),
            "-no-obsolete",
            "-locations",
            "none",
            *[str(path.relative_to(ROOT)) for path in SOURCES],
            "-ts",
            str(ts_path(language).relative_to(ROOT)),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def release(language: str, out: Path | None = None) -> Path:
    target = out or ts_path(language).with_suffix(".qm")
    subprocess.run(
        [tool("lrelease"), "-silent", str(ts_path(language)), "-qm", str(target)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--release", action="store_true", help="only compile the .ts")
    args = parser.parse_args(argv)
    for language in TRANSLATED:
        if not args.release:
            update(language)
        print(
            f"{release(language).relative_to(ROOT)} built from "
            f"{ts_path(language).relative_to(ROOT)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
