"""What the event page's admin form posts for its streams and inline panels when they are empty."""


def empty_inline(prefix):
    return {
        f"{prefix}-TOTAL_FORMS": "0",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


# Speakers, sessions and registration questions are inline panels; the rest are streams.
EMPTY_PARTS = {
    "body-count": "0",
    "programme-count": "0",
    "report-count": "0",
    "documents-count": "0",
    **empty_inline("speakers"),
    **empty_inline("sessions"),
    **empty_inline("questions"),
}
