"""Logging to a rotating file in the per-user log folder, and faulthandler for hard crashes.

Nothing here writes to ``sys.stderr``: in the windowed Windows build it is None.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import os
import traceback
from pathlib import Path
from types import TracebackType
from typing import IO

LOG_ENV = "HSDESK_LOG_DIR"
LOG_NAME = "hsdesk.log"
MAX_BYTES = 1_000_000
KEEP_FILES = 5

_state: dict[str, object] = {}


def log_dir() -> Path:
    """``%LOCALAPPDATA%\\Home-Start\\hsdesk\\Logs`` on Windows (HSDESK_LOG_DIR overrides it)."""
    chosen = os.environ.get(LOG_ENV)
    if chosen:
        return Path(chosen)
    from platformdirs import user_log_dir

    return Path(user_log_dir("hsdesk", "Home-Start"))


def log_file() -> Path:
    return log_dir() / LOG_NAME


def _hide_secrets(record: logging.LogRecord) -> bool:
    """Every line logged, with any secret (the server's password) replaced by ***."""
    from hsdesk.domain.secrets import redacted

    record.msg = redacted(record.getMessage())
    record.args = None
    return True


def setup_logging(program: str) -> Path:
    """Send hsdesk's log to the rotating file (once per process) and enable faulthandler,
    which writes a hard crash's stack to ``crash.log`` beside it. Returns the log file."""
    path = log_file()
    if _state.get("path") == path:
        return path
    logging.lastResort = None  # never fall back to a stderr that may not exist
    logger = logging.getLogger("hsdesk")
    # A library's warnings (a deprecation, say) go to the log too, never to the person's screen.
    logging.captureWarnings(True)
    warnings_logger = logging.getLogger("py.warnings")
    old = _state.get("handler")
    if isinstance(old, logging.Handler):  # the log folder changed (tests do this)
        logger.removeHandler(old)
        warnings_logger.removeHandler(old)
        old.close()
    logger.setLevel(logging.INFO)
    logger.propagate = False
    warnings_logger.propagate = False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=KEEP_FILES, encoding="utf-8", delay=True
        )
        crash: IO[str] | None = (path.parent / "crash.log").open("a", encoding="utf-8")
    except OSError:  # an unwritable profile must not stop the program
        handler, crash = logging.NullHandler(), None
    handler.setFormatter(
        logging.Formatter(f"%(asctime)s %(levelname)s {program}[%(process)d] %(message)s")
    )
    handler.addFilter(_hide_secrets)
    logger.addHandler(handler)
    warnings_logger.addHandler(handler)
    _state["handler"] = handler
    _state["path"] = path
    if crash is not None:
        faulthandler.enable(crash)
        previous = _state.get("crash")
        _state["crash"] = crash  # kept open for faulthandler
        if previous is not None:
            previous.close()  # type: ignore[attr-defined]
    return path


def exception_text(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> str:
    from hsdesk.domain.secrets import redacted

    return redacted("".join(traceback.format_exception(exc_type, exc, tb)))


def log_exception(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> str:
    """Write an unexpected exception to the log; returns the text written."""
    text = exception_text(exc_type, exc, tb)
    logger = logging.getLogger("hsdesk")
    logger.error("unexpected problem\n%s", text)
    for handler in logger.handlers:
        handler.flush()
    return text
