"""Open a file with the system's program (the PDF viewer for printing)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

#: tests set this to False so that no viewer starts
ENABLED = True


def open_with_system(path: Path) -> bool:
    if not ENABLED:
        return False
    try:
        if sys.platform == "win32":
            os.startfile(str(path))  # type: ignore[attr-defined]
        elif sys.platform == "darwin":
            subprocess.Popen(["open", str(path)])
        else:
            subprocess.Popen(["xdg-open", str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return True
    except OSError:
        return False
