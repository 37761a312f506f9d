"""Structured logs: one JSON object per line, for log collectors (LOG_FORMAT=json).

Only what is needed to operate the site is logged: time, level, logger, message, the request
id, and for requests the method, path and status. No IP addresses, e-mail addresses or query
strings.

The request id ("kenmerk") ties it together: ``vakgenoten.middleware.RequestIdMiddleware`` sets
it for the request being served, ``RequestIdFilter`` writes it on every log record made
meanwhile, and the error pages show it, so support finds the log lines a visitor quotes.
"""

import json
import logging
from contextvars import ContextVar
from datetime import UTC, datetime

# The id of the request this thread (or task) is serving; None outside a request.
current_request_id = ContextVar("current_request_id", default=None)


class RequestIdFilter(logging.Filter):
    """Put the current request id on each record (``-`` outside a request), for formatters."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id.get() or "-"
        return True


class JsonFormatter(logging.Formatter):
    """Format a log record as a single line of JSON."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None) or current_request_id.get()
        if request_id and request_id != "-":
            entry["request_id"] = request_id
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            entry["method"] = request.method
            entry["path"] = request.path
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
