"""Loaded by every Python the tests start (PYTHONPATH): any network connection fails loudly.

Local (AF_UNIX) sockets stay allowed: Tk talks to the X server through one.
"""
import socket

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


class NetworkUsed(RuntimeError):
    pass


def _guard(self, address, *args):
    if self.family in (socket.AF_INET, socket.AF_INET6):
        raise NetworkUsed(f"the program tried to connect to {address!r}; it must make no network connection")
    return _real_connect(self, address, *args)


def _guard_ex(self, address, *args):
    if self.family in (socket.AF_INET, socket.AF_INET6):
        raise NetworkUsed(f"the program tried to connect to {address!r}; it must make no network connection")
    return _real_connect_ex(self, address, *args)


socket.socket.connect = _guard
socket.socket.connect_ex = _guard_ex
