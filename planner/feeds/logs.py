"""What the feed keeps out of the logs: a subscription's secret is in its URL's path."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping

ACCESS_LOGS = ("werkzeug", "gunicorn.access")
TOKEN_IN_PATH = re.compile(r"/flode/[A-Za-z0-9_\-]+")


class RedactFeedTokens(logging.Filter):
    """Access logs never show a subscription's secret."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = TOKEN_IN_PATH.sub("/flode/[dolt]", record.msg)
        args = record.args
        if isinstance(args, Mapping):  # gunicorn's access log: keep its own mapping type
            for key, value in list(args.items()):
                if isinstance(value, str):
                    args[key] = TOKEN_IN_PATH.sub("/flode/[dolt]", value)  # type: ignore[index]
        elif isinstance(args, tuple):
            record.args = tuple(
                TOKEN_IN_PATH.sub("/flode/[dolt]", a) if isinstance(a, str) else a for a in args
            )
        return True


def init_app(app) -> None:
    """Install the filter on the access logs, once however many apps a process builds."""
    for name in ACCESS_LOGS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactFeedTokens) for f in logger.filters):
            logger.addFilter(RedactFeedTokens())
