"""An Xvfb screen of one's own, for the GUI tests, the bench and the screenshot gallery."""
from __future__ import annotations

import os
import shutil
import subprocess


def start_xvfb(size: str = "1280x800") -> tuple[subprocess.Popen | None, str]:
    """Start Xvfb on a free display: (the process, its DISPLAY such as ":1"), or (None, why not)."""
    xvfb = shutil.which("Xvfb")
    if not xvfb:
        return None, "本机没有安装 Xvfb（apt-get install xvfb）"
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen([xvfb, "-displayfd", str(write_fd), "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
                            pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    number = b""
    while not number.endswith(b"\n"):  # Xvfb writes the display number once it is ready
        chunk = os.read(read_fd, 16)
        if not chunk:
            break
        number += chunk
    os.close(read_fd)
    if not number.strip():
        proc.kill()
        proc.wait()
        return None, "启动 Xvfb 失败"
    return proc, f":{number.decode().strip()}"
