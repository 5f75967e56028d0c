"""Each operator's folder on the station server, over SFTP (WinSCP, psftp, `sftp`): the
registers they import and the documents the app writes for them, read and written with their
own key, and nothing else on the server.

The folder is models.registers.importing.import_folder(operator), made on first use. Paths are
kept inside it (asyncssh's chroot), no link can be made, and a path that resolves outside it
(a link someone with a shell left there) is refused, so `..`, absolute paths and links all end
at its walls.
"""

import os
from typing import Any

import asyncssh

from models.registers.importing import import_folder


class OperatorFolder(asyncssh.SFTPServer):
    def __init__(self, chan: asyncssh.SSHServerChannel[bytes]):
        owner: Any = chan.get_connection().get_owner()  # tui.station.server.Connection
        owner.opened_session = True
        folder = import_folder(owner.username)
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._walls = os.path.realpath(folder).encode()
        super().__init__(chan, chroot=self._walls)

    def map_path(self, path: bytes) -> bytes:
        mapped = super().map_path(path)
        real = os.path.realpath(mapped)
        if real != self._walls and not real.startswith(self._walls + b"/"):
            raise asyncssh.SFTPPermissionDenied("outside your folder")
        return mapped

    def symlink(self, oldpath: bytes, newpath: bytes) -> None:
        raise asyncssh.SFTPOpUnsupported("links are not made here")

    def link(self, oldpath: bytes, newpath: bytes) -> None:
        raise asyncssh.SFTPOpUnsupported("links are not made here")
