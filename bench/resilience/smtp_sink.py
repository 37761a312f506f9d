"""A local mail server for the resilience run: accepts every message and records it.

Each delivered message becomes one JSON line in the log file (Message-ID, recipients, subject,
time), appended and flushed before the server answers "250", so what the sink acknowledged is
on disk. The run stops this process to simulate a mail server outage and starts it again on the
same log file; counting the lines per Message-ID shows whether any e-mail came twice.

    python bench/resilience/smtp_sink.py --port 8025 --log var/resilience/mail.jsonl

With ``--messages DIR`` every message is also kept whole, one .eml file each (the stack test
opens the links in them).
"""

import argparse
import asyncio
import json
import os
import signal
import time
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path

from aiosmtpd.controller import Controller


class RecordingHandler:
    def __init__(self, log_path, messages_dir=None):
        self.log_path = log_path
        self.messages_dir = messages_dir
        self.count = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = message_from_bytes(envelope.original_content or b"", policy=default_policy)
        record = {
            "at": time.time(),
            "message_id": str(message.get("Message-ID", "")).strip(),
            "to": list(envelope.rcpt_tos),
            "subject": str(message.get("Subject", "")),
        }
        if self.messages_dir:
            # The whole message as received, for runs that follow the links in it (the stack).
            self.count += 1
            name = f"{time.time():.6f}-{self.count:05d}.eml"
            (self.messages_dir / name).write_bytes(envelope.original_content or b"")
        with open(self.log_path, "a", encoding="utf-8") as log:
            log.write(json.dumps(record, ensure_ascii=False) + "\n")
            log.flush()
            os.fsync(log.fileno())
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8025)
    parser.add_argument("--log", required=True)
    parser.add_argument("--messages", type=Path, help="also keep every message as .eml here")
    args = parser.parse_args()
    if args.messages:
        args.messages.mkdir(parents=True, exist_ok=True)

    handler = RecordingHandler(args.log, args.messages)
    controller = Controller(handler, hostname=args.host, port=args.port)
    controller.start()
    print(f"smtp sink listening on {args.host}:{args.port}, log {args.log}", flush=True)

    loop = asyncio.new_event_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        loop.run_until_complete(stop.wait())
    finally:
        controller.stop()
        loop.close()


if __name__ == "__main__":
    main()
