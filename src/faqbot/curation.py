"""Exports for the FAQ curator: learned phrasings ready to merge into the
FAQ's phrasing file (faq/phrasings.yaml), and the items staff flagged as
needing a new entry.

A learned phrasing that would make `faqbot check` fail once merged (it reads
like another entry, or matches another entry better than its own) is left
out of the YAML and listed in a comment with the reason, so that the merged
file always passes the check.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from . import audit, review
from .faq import Faq, FaqEntry, Problem, load_faq, read_yaml
from .faqcheck import lint
from .matching import Matcher
from .storage import Store, utcnow


@dataclasses.dataclass(frozen=True)
class LearnedExport:
    """What `faqbot learned export` prints, and what it left out and why."""

    merge: dict[str, list[str]]
    left_out: list[tuple[str, str, str]]  # (faq_id, text, reason)

    def to_yaml(self, phrasings_path: str, when: datetime) -> str:
        """YAML in the phrasing file's shape: ``entries: {id: {alternates}}``."""
        lines = [
            f"# Learned phrasings taught by staff, exported {when:%Y-%m-%d %H:%M} UTC.",
            f"# Merge each entry's alternates below into {phrasings_path}",
            "# (`faqbot learned export --write` does it), run `faqbot check`, then",
            "# remove the merged phrasings at /staff/learned.",
        ]
        if self.left_out:
            lines.append("# Left out (merged, they would fail `faqbot check`):")
            for faq_id, text, reason in self.left_out:
                lines.append(f"#   {faq_id}: {text!r}: {reason}")
        body = {
            "entries": {
                faq_id: {"alternates": texts} for faq_id, texts in self.merge.items()
            }
        }
        return "\n".join(lines) + "\n" + dump_phrasings(body)


def dump_phrasings(data: dict[str, Any]) -> str:
    """The one YAML style of the phrasing file, so a merge rewrites few lines."""
    return yaml.safe_dump(
        data,
        sort_keys=False,
        allow_unicode=True,
        width=1000,
        indent=2,
        default_flow_style=False,
    )


def write_phrasings(faq: Faq, additions: dict[str, list[str]]) -> str:
    """Add alternates to the file that holds ``faq``'s phrasings; returns its path.

    That is the phrasing file beside faq.yaml (its leading comment is kept),
    or, for a FAQ kept in a single file, that file.
    """
    path = Path(faq.phrasings_path or faq.path)
    data = read_yaml(path)
    if faq.phrasings_path and faq.phrasings_path != faq.path:
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines(keepends=True)
        top = next((i for i, line in enumerate(lines) if not line.startswith("#")), 0)
        header = "".join(lines[:top])
        entries = data.setdefault("entries", {})
        for faq_id, texts in additions.items():
            entry = entries.setdefault(faq_id, {})
            entry.setdefault("alternates", []).extend(texts)
        path.write_text(header + dump_phrasings(data), encoding="utf-8")
    else:
        for entry in data["entries"]:
            entry.setdefault("alternates", []).extend(additions.get(entry["id"], []))
        path.write_text(
            yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
    return str(path)


def merged_faq(faq: Faq, additions: dict[str, list[str]]) -> Faq:
    """``faq`` with extra alternates, as if they had been written in the file."""
    entries: list[FaqEntry] = []
    for entry in faq.entries:
        extra = tuple(additions.get(entry.id, ()))
        entries.append(
            dataclasses.replace(entry, alternates=entry.alternates + extra)
            if extra
            else entry
        )
    return dataclasses.replace(
        faq, entries=tuple(entries), by_id={e.id: e for e in entries}
    )


def plan_learned_export(
    faq: Faq, phrasings: Sequence[tuple[str, str]]
) -> LearnedExport:
    """Which learned ``(faq_id, text)`` pairs can be merged into ``faq`` safely."""
    analyzer = Matcher(faq).analyzer
    existing = {
        " ".join(analyzer.tokens(text))
        for entry in faq.entries
        for text in entry.phrasings
    }
    merge: dict[str, list[str]] = {}
    left_out: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for faq_id, text in phrasings:
        key = " ".join(analyzer.tokens(text))
        if review.holds_contact(text):
            # Never copied into the FAQ file, not even in this comment.
            left_out.append(
                (
                    faq_id,
                    review.mask_text(text),
                    "it holds a phone number or email: remove it at /staff/learned "
                    "and teach the question again without it",
                )
            )
        elif faq.entry(faq_id) is None:
            left_out.append((faq_id, text, "the entry is no longer in the FAQ"))
        elif key in existing or key in seen:
            left_out.append((faq_id, text, "the FAQ already has this phrasing"))
        else:
            merge.setdefault(faq_id, []).append(text)
            seen.add(key)
    before = {_problem_key(p) for p in lint(faq)}
    # Dropping one phrasing can change how the others score: repeat until the
    # merged file adds no problem to the ones the FAQ already had.
    for _ in range(len(phrasings) + 1):
        new = [p for p in lint(merged_faq(faq, merge)) if _problem_key(p) not in before]
        if not new:
            break
        culprits = _culprits(merge, [p.message for p in new])
        if not culprits:
            # A problem no single phrasing names (merging shifted the word
            # weights): leave out the newest phrasing and look again.
            faq_id = next(reversed(merge))
            culprits = [(faq_id, merge[faq_id][-1], "it shifts " + new[0].message)]
        for faq_id, text, reason in culprits:
            merge[faq_id].remove(text)
            left_out.append((faq_id, text, reason))
        merge = {k: v for k, v in merge.items() if v}
    return LearnedExport(merge, left_out)


def _problem_key(p: Problem) -> tuple[str | None, str | None, str]:
    """A problem without its scores, which shift a little whenever a phrasing is
    added: the FAQ's own known problems are not blamed on learned phrasings."""
    return p.entry, p.field, re.sub(r"\d+\.\d+", "#", p.message)


def _culprits(
    merge: dict[str, list[str]], messages: list[str]
) -> list[tuple[str, str, str]]:
    found = []
    for faq_id, texts in merge.items():
        for text in texts:
            for message in messages:
                if re.match(re.escape(repr(text)), message):
                    found.append((faq_id, text, message.replace(repr(text), "it", 1)))
                    break
    return found


def export_learned(
    store: Store, faq_path: str, actor: str = "cli", write: bool = False
) -> str:
    """The YAML of learned phrasings to merge into the phrasing file (audited).

    With ``write`` they are merged into it as well (the YAML is still returned).
    """
    faq = load_faq(faq_path)
    rows = store.learned_phrasings()
    plan = plan_learned_export(faq, [(r["faq_id"], r["text"]) for r in rows])
    audit.log(
        store,
        actor,
        "export_learned",
        detail=f"{sum(len(v) for v in plan.merge.values())} phrasing(s), "
        f"{len(plan.left_out)} left out" + (", written" if write else ""),
    )
    if write and plan.merge:
        write_phrasings(faq, plan.merge)
    return plan.to_yaml(faq.phrasings_path or faq.path, utcnow())


def export_flagged(store: Store, actor: str = "cli") -> str:
    """YAML of the items flagged "needs a new FAQ entry" (no contacts; audited)."""
    items = review.flagged_items(store)
    audit.log(store, actor, "export_flagged", detail=f"{len(items)} item(s)")
    data = [
        {
            "id": it.id,
            "asked": it.created_at.strftime("%Y-%m-%d %H:%M"),
            "channel": it.channel,
            "status": it.status,
            "question": review.mask_text(it.question),
            "closest": [c.faq_id for c in it.candidates],
            "note": it.note or "",
        }
        for it in items
    ]
    head = (
        f"# {len(data)} question(s) staff flagged as needing a new FAQ entry "
        f"(exported {utcnow():%Y-%m-%d %H:%M} UTC).\n"
    )
    return head + yaml.safe_dump(
        {"flagged": data}, sort_keys=False, allow_unicode=True, width=1000
    )
