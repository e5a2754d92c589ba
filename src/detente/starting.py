"""Imported first by the command line (``detente.cli``), for its side effect: SIGTERM's line
and exit from the first moment. The command line's imports take half a second, in which a
SIGTERM ended it by the signal's default, with no line (``stopping.quit_while_starting``)."""

from detente.stopping import quit_while_starting

quit_while_starting()
