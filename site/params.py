"""Whole numbers from query parameters, read strictly.

``str.isdigit()`` accepts "²" (which ``int()`` refuses: a server error) and ``int()`` accepts
"٣" and 10**30 (which the database refuses). A number in a link of this site is plain ASCII
digits in the range of a database id; anything else counts as absent.
"""

MAX_ID = 2**63 - 1  # the largest value of a big integer column (PostgreSQL bigint)


def parse_int(value, default=None, *, minimum=0, maximum=MAX_ID):
    """``value`` as an int when it is ASCII digits between ``minimum`` and ``maximum``."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 20:
        number = int(value)
    else:
        return default
    return number if minimum <= number <= maximum else default


def int_param(params, name, default=None, *, minimum=0, maximum=MAX_ID):
    """The query parameter ``name`` of ``params`` (``request.GET``) as an int, or ``default``."""
    return parse_int(params.get(name, ""), default, minimum=minimum, maximum=maximum)
