"""Who may register for an event: the members app decides (signed in, verified e-mail, full name).

``members.decorators.missing_step`` names the step a member still has to take; the register view
sends them there with ``redirect_to_step`` and comes back to the event afterwards.
"""

from members.decorators import MESSAGES, missing_step, redirect_to_step


def participation_problem(user):
    """Why ``user`` cannot take part yet, as a Dutch sentence; None when all is well."""
    step = missing_step(user)
    return MESSAGES[step] if step else None


def redirect_to_missing_step(request, user):
    """A redirect to the step ``user`` still has to take, or None when nothing is missing."""
    step = missing_step(user)
    return redirect_to_step(request, step) if step else None
