"""giapranh's interface: the app, its command line and the station server.

Importing the package adds the interface's messages to the catalogue (tui/messages.py), and nothing
heavier: the station server imports it too.
"""

import tui.messages  # noqa: F401 - registers the messages
