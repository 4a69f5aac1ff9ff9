"""What the recorded asks say: themes among unanswered questions, and the
numbers for the stats page (asks per day by status, answer rate, top
entries, clarify picks, open urgent items, time to resolve).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import func, or_, select

from .matching import Matcher
from .storage import Store, asks, handoffs, utcnow

CHART_STATUSES = ("answered", "clarify", "unmatched", "crisis")
THEME_CUTOFF = 70.0  # token_set_ratio over content tokens, 0-100
THEME_DAYS = 30
THEME_LIMIT = 1000  # newest unanswered questions considered


QUESTION_WORDS = frozenset(
    "how what whats where when why who which whose can could would should will "
    "do does did is are was were much many any".split()
)


def theme_tokens(matcher: Matcher) -> Callable[[str], list[str]]:
    """What a question is about, for grouping: its handoff topic (cost,
    insurance ...) and its content words, without question words and without
    the clinic's everyday vocabulary (ketamine, migraine), which every
    question shares and which would pull unrelated questions together."""
    analyzer = matcher.analyzer
    seen_in: Counter[str] = Counter()
    for entry in matcher.entries:
        seen_in.update({t for p in entry.phrasings for t in analyzer.tokens(p)})
    everyday = {
        t for t, n in seen_in.items() if n >= max(3, len(matcher.entries) * 0.25)
    }

    def tokens(text: str) -> list[str]:
        words = [t for t in analyzer.tokens(text) if t not in QUESTION_WORDS]
        words = [t for t in words if t not in everyday] or words
        topic = matcher.topic(text)
        return ([topic] if topic else []) + [t for t in words if t != topic]

    return tokens


@dataclass(frozen=True)
class Theme:
    """Questions that read alike: "23 people asked about cost"."""

    label: str
    count: int
    examples: tuple[str, ...]
    open_count: int
    item_ids: tuple[int, ...]
    lang: str = "en"  # themes never mix languages (issue 10)


def cluster(
    texts: Sequence[str],
    tokens: Callable[[str], list[str]],
    cutoff: float = THEME_CUTOFF,
) -> list[list[int]]:
    """Group ``texts`` by similarity, largest groups first (indices into texts).

    Each text becomes its content tokens (stopwords out, synonyms in, typos
    corrected: the matcher's own analysis), then rapidfuzz compares every pair
    with ``token_set_ratio``. Groups are grown around the text with the most
    neighbours, so each group has a typical member rather than a chain.
    """
    keys = [" ".join(sorted(set(tokens(t)))) for t in texts]
    n = len(keys)
    if n == 0:
        return []
    neighbours = []
    for i, key in enumerate(keys):
        hits = process.extract(
            key,
            keys,
            scorer=fuzz.token_set_ratio,
            processor=None,
            score_cutoff=cutoff,
            limit=None,
        )
        near = {j for _, _, j in hits} if key else set()
        neighbours.append({j for j in near if keys[j]} | {i})
    unassigned = set(range(n))
    groups: list[list[int]] = []
    while unassigned:
        leader = max(unassigned, key=lambda i: (len(neighbours[i] & unassigned), -i))
        group = sorted(neighbours[leader] & unassigned, key=lambda i: (i != leader, i))
        groups.append(group)
        unassigned -= set(group)
    groups.sort(key=lambda g: (-len(g), g[0]))
    return groups


def label(texts: Sequence[str], tokens: Callable[[str], list[str]]) -> str:
    """The words most of a group's questions share, as people wrote them
    ("cost", "side effects", "driving"), not the matcher's internal forms."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(sorted(set(tokens(text))))  # ties: the same every run
    if not counts:
        return texts[0][:60] if texts else ""
    top = counts.most_common(3)
    best = top[0][1]
    picked = [w for w, c in top if c >= max(2, best * 0.6)] or [top[0][0]]
    words: list[str] = []
    for token in picked:
        word = _plain(token, texts)
        if any(word in w or w.startswith(word) for w in words):
            continue  # "side effects effect", "aftercare driving driv"
        words.append(word)
        if len(words) == 2:
            break
    return " ".join(words)


_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def _plain(token: str, texts: Sequence[str]) -> str:
    """A matcher token as a word of the questions: topic names get spaces,
    stems ("driv") the commonest word of the texts that starts with them."""
    if "_" in token:
        return token.replace("_", " ")
    seen: Counter[str] = Counter(
        w
        for text in texts
        for w in _WORD.findall(text.lower())
        if w.startswith(token) or token.startswith(w)
    )
    if not seen:
        return token
    return max(seen.items(), key=lambda kv: (kv[1], -abs(len(kv[0]) - len(token))))[0]


def themes(
    store: Store,
    tokens: Callable[[str], list[str]],
    now: datetime | None = None,
    days: int = THEME_DAYS,
    tokens_by_lang: Mapping[str, Callable[[str], list[str]]] | None = None,
) -> list[Theme]:
    """Open unmatched questions grouped by similarity, largest first.

    Questions are grouped within their language, each read by its own
    analyser (``tokens_by_lang``; ``tokens`` for English and the rest).
    Only open items count: a theme says what staff still have to answer and
    which FAQ entry would have spared them the work. (``now`` and ``days``
    are kept for callers of the earlier, "open or recent" version.)
    """
    del now, days
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(
                handoffs.c.id, handoffs.c.question, handoffs.c.status, handoffs.c.lang
            )
            .where(
                # Crises are not themes; a question the screen read as a
                # possible risk is still a question staff may teach the bot.
                or_(handoffs.c.urgent.is_(False), handoffs.c.risk == "possible"),
                handoffs.c.status == "open",
            )
            .order_by(handoffs.c.created_at.desc(), handoffs.c.id.desc())
            .limit(THEME_LIMIT)
        ).all()
    by_lang: dict[str, list[Any]] = {}
    for r in rows:
        by_lang.setdefault(r.lang or "en", []).append(r)
    out = []
    for lang, lang_rows in by_lang.items():
        read = (tokens_by_lang or {}).get(lang, tokens)
        texts = [r.question for r in lang_rows]
        for group in cluster(texts, read):
            members = [lang_rows[i] for i in group]
            examples = tuple(dict.fromkeys(m.question for m in members))[:3]
            out.append(
                Theme(
                    label=label([m.question for m in members], read),
                    count=len(members),
                    examples=examples,
                    open_count=sum(m.status == "open" for m in members),
                    item_ids=tuple(m.id for m in members),
                    lang=lang,
                )
            )
    out.sort(key=lambda t: -t.count)  # stable: within a count, as grouped
    return out


@dataclass(frozen=True)
class Stats:
    """The stats page's figures for the last ``days`` days."""

    days: list[date]
    per_day: dict[date, dict[str, int]]
    totals: dict[str, int]
    answer_rate: float | None
    top_entries: list[tuple[str, int]]
    clarify_count: int
    picks: int
    top_picks: list[tuple[str, int]]
    open_urgent: int
    open_items: int
    resolved: int
    median_resolve: timedelta | None
    by_lang: dict[str, dict[str, int]] = field(default_factory=dict)  # issue 10


def stats(store: Store, now: datetime | None = None, days: int = 30) -> Stats:
    """Figures for the last ``days`` days (today included)."""
    now = now or utcnow()
    first = now.date() - timedelta(days=days - 1)
    since = datetime.combine(first, datetime.min.time())
    day = func.date(asks.c.created_at)
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(day.label("day"), asks.c.status, asks.c.kind, func.count())
            .where(asks.c.created_at >= since)
            .group_by(day, asks.c.status, asks.c.kind)
        ).all()
        top = conn.execute(_top(asks.c.kind == "question", since)).all()
        picked = conn.execute(_top(asks.c.kind == "pick", since)).all()
        open_urgent, open_items = (
            conn.execute(
                select(func.count())
                .select_from(handoffs)
                .where(handoffs.c.status == "open", *extra)
            ).scalar_one()
            for extra in ([handoffs.c.urgent.is_(True)], [])
        )
        langs = conn.execute(
            select(asks.c.lang, asks.c.status, func.count())
            .where(asks.c.created_at >= since, asks.c.kind == "question")
            .group_by(asks.c.lang, asks.c.status)
        ).all()
        resolved = conn.execute(
            select(handoffs.c.created_at, handoffs.c.resolved_at).where(
                handoffs.c.status == "resolved", handoffs.c.resolved_at >= since
            )
        ).all()
    dates = [first + timedelta(days=i) for i in range(days)]
    per_day = {d: dict.fromkeys(CHART_STATUSES, 0) for d in dates}
    totals: Counter[str] = Counter()
    picks = 0
    for d, status, kind, n in rows:
        d = d if isinstance(d, date) else date.fromisoformat(str(d))
        if kind == "pick":
            picks += n
            continue  # a pick completes a clarify; it is not a new question
        totals[status] += n
        if d in per_day and status in per_day[d]:
            per_day[d][status] += n
    asked = totals["answered"] + totals["clarify"] + totals["unmatched"]
    waits = [r.resolved_at - r.created_at for r in resolved if r.resolved_at]
    return Stats(
        days=dates,
        per_day=per_day,
        totals=dict(totals),
        answer_rate=totals["answered"] / asked if asked else None,
        top_entries=[(r.faq_id, r.n) for r in top],
        clarify_count=totals["clarify"],
        picks=picks,
        top_picks=[(r.faq_id, r.n) for r in picked],
        open_urgent=open_urgent,
        open_items=open_items,
        resolved=len(waits),
        median_resolve=statistics.median(waits) if waits else None,
        by_lang=_by_lang(langs),
    )


def _by_lang(rows: Sequence[Any]) -> dict[str, dict[str, int]]:
    """Asks per language and status (asks from before languages count as en)."""
    out: dict[str, dict[str, int]] = {}
    for lang, status, n in rows:
        counts = out.setdefault(lang or "en", {})
        counts[status] = counts.get(status, 0) + n
    return dict(sorted(out.items(), key=lambda kv: -sum(kv[1].values())))


def _top(kind: object, since: datetime, limit: int = 10) -> object:
    n = func.count().label("n")
    return (
        select(asks.c.faq_id, n)
        .where(
            kind,  # type: ignore[arg-type]
            asks.c.status == "answered",
            asks.c.faq_id.is_not(None),
            asks.c.created_at >= since,
        )
        .group_by(asks.c.faq_id)
        .order_by(n.desc(), asks.c.faq_id)
        .limit(limit)
    )
