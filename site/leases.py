"""Leases: one process at a time may lead the scheduler or run a job, on any number of machines.

A lease is a row in the shared database (``vakgenoten.models.Lease``). Taking one is a single
conditional UPDATE, or an INSERT when the row does not exist yet; both are atomic on
PostgreSQL and SQLite alike, so of two processes asking at the same moment exactly one wins.
A lease runs out by itself: a holder that dies is replaced once ``expires_at`` has passed.
The hosts' clocks must agree to within a few seconds (NTP), as they compare the same times.
"""

import os
import socket
import uuid
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from .models import Lease


def new_holder():
    """A name for this process that no other process has, readable in the table."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def acquire(name, holder, seconds):
    """Take or renew the lease ``name`` for ``seconds``. True when ``holder`` now holds it."""
    now = timezone.now()
    until = now + timedelta(seconds=seconds)
    taken = (
        Lease.objects.filter(name=name)
        .filter(Q(holder=holder) | Q(expires_at__lte=now))
        .update(holder=holder, expires_at=until)
    )
    if taken:
        return True
    try:
        with transaction.atomic():
            Lease.objects.create(name=name, holder=holder, expires_at=until)
    except IntegrityError:  # someone else holds it (or took it a moment ago)
        return False
    return True


def release(name, holder):
    """Give the lease up at once, so another process need not wait for it to run out."""
    Lease.objects.filter(name=name, holder=holder).delete()


def holds(name, holder):
    """True while ``holder`` has the lease and it has not run out."""
    return Lease.objects.filter(name=name, holder=holder, expires_at__gt=timezone.now()).exists()
