"""Run pip-audit when its vulnerability service really answers; otherwise say why it was skipped.

``make test`` calls this. pip-audit asks PyPI's JSON API for the known vulnerabilities of each
installed release. Some networks reach only a package mirror that serves no vulnerability data,
or nothing at all; pip-audit would then fail or wait. So first ask, with a short timeout, for a
release that is known to be vulnerable (Django 3.0): only when the answer lists its advisories is
the service really there, and pip-audit runs (``make audit``, with its own time limit).
"""

import json
import subprocess
import sys
import urllib.error
import urllib.request

# Django 3.0 has many published advisories: an empty list means the service has no data.
CANARY = "https://pypi.org/pypi/Django/3.0/json"
PROBE_SECONDS = 5
AUDIT_SECONDS = 300


def service_answers():
    """(True, "") when the vulnerability data is reachable, else (False, reason)."""
    try:
        with urllib.request.urlopen(CANARY, timeout=PROBE_SECONDS) as response:  # noqa: S310  # nosec B310 # fixed https URL
            data = json.load(response)
    except urllib.error.HTTPError as error:
        return False, f"{CANARY} answered HTTP {error.code} (a mirror without the JSON API?)"
    except (OSError, ValueError) as error:
        return False, f"{CANARY} did not answer within {PROBE_SECONDS} s ({error})"
    if not data.get("vulnerabilities"):
        return False, f"{CANARY} lists no vulnerabilities (a mirror without vulnerability data)"
    return True, ""


def main():
    ok, reason = service_answers()
    if not ok:
        print(f"pip-audit SKIPPED: the vulnerability service is not reachable: {reason}.")
        print("Run `make audit` on a network that reaches pypi.org to audit the dependencies.")
        return 0
    command = ["make", "--no-print-directory", "audit"]
    try:
        return subprocess.run(command, timeout=AUDIT_SECONDS, check=False).returncode  # noqa: S603  # nosec B603 # fixed command
    except subprocess.TimeoutExpired:
        print(f"pip-audit FAILED: no answer within {AUDIT_SECONDS} s.")
        return 1


if __name__ == "__main__":
    sys.exit(main())
