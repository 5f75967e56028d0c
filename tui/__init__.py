"""giapranh's interface: the app, its command line and the station server.

Nothing is imported here: the station's launcher imports this package and must start light.
The interface's messages are registered by tui/messages.py, which every module that shows them
imports.
"""
