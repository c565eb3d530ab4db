"""Logging helpers."""

import logging


class OneLine(logging.Filter):
    """Log the record as one warning line without its traceback: for events that are
    expected from the internet (a request with a forged Host header), not faults of ours."""

    def filter(self, record):
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        if record.levelno > logging.WARNING:
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True
