"""The station server: operators reach the app over SSH (`giapranh serve`, `giapranh-ssh`).

`server` is the SSH server that checks each login against the database and runs a session
process per terminal; `launch` is `giapranh-ssh`, which readies a session's terminal and then
becomes the app. Neither imports the interface (Textual, rich): the app runs in the session's
own process, started by `launch`.
"""
