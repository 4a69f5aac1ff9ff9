"""What the whole ask decides for every labelled message: a speed change must
leave this output byte for byte the same.

    python bench/fingerprint.py > /tmp/before.txt
    ... optimise ...
    python bench/fingerprint.py | cmp - /tmp/before.txt

Messages are every labelled case in tests/data/*.yaml and the blind sets'
train and dev thirds (never the frozen final thirds). Each is classified on
the real FAQ three ways (no language hint, a Spanish page, a Spanish
conversation) and printed as one line per way: status, entry id, risk, the
screen's verdict (level, kind, probability, a hash of its findings and
features), language, score, candidates, reason, a hash of the web and SMS
texts and the spelling corrections made.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from faqbot.ask import Assistant  # noqa: E402
from faqbot.config import Settings  # noqa: E402
from faqbot.message import analyse  # noqa: E402


def message_files() -> list[Path]:
    data = ROOT / "tests" / "data"
    blind = data / "blind"
    return (
        sorted(data.glob("*.yaml"))
        + sorted(blind.glob("*_train.yaml"))
        + sorted(blind.glob("*_dev.yaml"))
    )


def line(reply, msg) -> str:
    digest = hashlib.sha256(f"{reply.answer}\x00{reply.sms}".encode()).hexdigest()
    cands = ",".join(f"{c.faq_id}:{c.score!r}" for c in reply.candidates)
    a = reply.assessment
    screen = "-"
    if a is not None:  # the whole verdict: findings, probability, features
        verdict = hashlib.sha256(repr(a).encode()).hexdigest()[:12]
        screen = f"{a.level}/{a.kind}/{a.probability!r}/{verdict}"
    fixes = ",".join(f"{x}>{y}" for x, y in msg.corrections)
    return (
        f"{reply.status} {reply.faq_id} {reply.risk} {screen} {reply.lang} "
        f"{reply.score!r} [{cands}] {reply.reason} {digest[:16]} {{{fixes}}}"
    )


def main() -> None:
    os.environ.setdefault("FAQBOT_SECRET_KEY", "bench-" + "x" * 40)
    settings = Settings.from_env().replace(faq_path=str(ROOT / "faq" / "faq.yaml"))
    assistant = Assistant(settings, store=None)
    for path in message_files():
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(doc, dict) or "cases" not in doc:
            continue  # an FAQ used by the tests, not messages
        name = path.relative_to(ROOT)
        for i, case in enumerate(doc["cases"]):
            text = case["q"]
            for hint, (conv, page) in (
                ("-", (None, None)),
                ("page-es", (None, "es")),
                ("conv-es", ("es", None)),
            ):
                msg = analyse(text)
                reply = assistant.classify(msg, conv, page)
                print(f"{name}:{i} {hint} {line(reply, msg)}")


if __name__ == "__main__":
    main()
