"""Small talk: greetings, thanks, goodbyes, "are you a bot?".

Only a whole message of small talk counts: "hi, can ketamine help my
migraines?" is a question. A message made only of small-talk words ("ok
thanks so much!!") is small talk even when no pattern matches it exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .faq import Faq, SmallTalk
from .message import Analysed, analyse
from .text import STOPWORDS, normalize

# Words that never make a message a question on their own.
_FILLER = frozenset(
    """
    so much very really soo sooo lol haha hehe great perfect awesome cool nice
    good amazing wonderful excellent appreciate appreciated lifesaver lifesavers
    helpful again all guys yall folks ma am sir ok okay alright gotcha got it
    lovely today
    """.split()
)
# A short unanswerable message with one of these is a thank-you or goodbye.
_CLOSERS = {
    "thanks": "thanks",
    "thank": "thanks",
    "thx": "thanks",
    "appreciate": "thanks",
    "bye": "goodbye",
    "goodbye": "goodbye",
    "goodnight": "goodbye",
}


@dataclass(frozen=True)
class Chat:
    """Which small-talk entry a message is, and its reply."""

    id: str
    reply: str


class SmallTalker:
    """Recognises small talk using the FAQ file's patterns."""

    def __init__(self, faq: Faq) -> None:
        self.talk: dict[str, SmallTalk] = {s.id: s for s in faq.smalltalk}
        self.choices = {
            (s.id, i): normalize(p)
            for s in faq.smalltalk
            for i, p in enumerate(s.patterns)
        }
        vocab: set[str] = set()
        self.words: dict[str, set[str]] = {}
        for (sid, _), pattern in self.choices.items():
            vocab.update(pattern.split())
            self.words.setdefault(sid, set()).update(pattern.split())
        self.vocab = frozenset(vocab) | _FILLER | STOPWORDS

    def _chat(self, sid: str) -> Chat | None:
        talk = self.talk.get(sid)
        return Chat(talk.id, talk.reply) if talk else None

    def recognise(self, text: str | Analysed) -> Chat | None:
        """The small talk ``text`` is, if the whole message is small talk."""
        msg = analyse(text)
        norm = msg.normalized
        words = msg.words
        if not words or len(words) > 10:
            return None
        best = process.extractOne(
            norm, self.choices, scorer=fuzz.ratio, processor=None, score_cutoff=88
        )
        # Made only of small-talk words, and those that are not filler or stop
        # words all belong to one kind: "ok thanks so much!!" is small talk,
        # "how much" is not.
        content = [w for w in words if w not in _FILLER and w not in STOPWORDS]
        if best is None and all(w in self.vocab for w in words):
            best = process.extractOne(
                norm,
                self.choices,
                scorer=fuzz.token_set_ratio,
                processor=None,
                score_cutoff=60,
            )
            # Every word that carries meaning belongs to the small talk it matched.
            if best is not None and not set(content) <= self.words[best[2][0]]:
                best = None
        if best is None:
            return None
        return self._chat(best[2][0])

    def closing(self, text: str | Analysed) -> Chat | None:
        """A short thank-you or goodbye the FAQ could not place ("lifesaver, thx")."""
        words = analyse(text).words
        if len(words) > 8:
            return None
        for w in words:
            sid = _CLOSERS.get(w)
            if sid and sid in self.talk:
                return self._chat(sid)
        return None
