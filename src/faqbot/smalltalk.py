"""Small talk: greetings, thanks, goodbyes, "are you a bot?".

Only a whole message of small talk counts: "hi, can ketamine help my
migraines?" is a question. A message made only of small-talk words ("ok
thanks so much!!") is small talk even when no pattern matches it exactly.
"""

from __future__ import annotations

import re
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
# Asking who is at the other end, by kind rather than by phrasing: a word
# naming a machine or a person ("robot", "human"), "anyone ... there", or
# "who" with a verb of talking ("who am I speaking with"). The message may
# hold nothing else but greetings, filler and these words.
_WHO_NOUNS = frozenset(
    """
    bot bots robot robots chatbot ai automated automatic machine computer
    human humans person agent operator assistant assistants virtual
    """.split()
)
_WHO_SOMEONE = frozenset("anyone anybody someone somebody".split())
_WHO_TALK = frozenset(
    "speaking talking texting chatting typing writing messaging answering".split()
)
_WHO_WORDS = (
    _WHO_NOUNS
    | _WHO_SOMEONE
    | _WHO_TALK
    # "right", "correct": a tag asking to confirm ("you're a bot, right?")
    | frozenset(
        "who there here this is am are real live people other end right correct".split()
    )
)
_SQUEEZE = re.compile(r"(.)\1{2,}")
# A thank-you may close with a blessing or a word on what helped; such a
# message is still only thanks ("thank you so much, that helps, God bless"),
# as is one saying the reader has what they came for ("that's all I needed").
_THANKS_WORDS = frozenset("thank thanks thx ty tysm appreciate".split())
_THANKS_TAIL = frozenset(
    """
    god bless blessed blessing blessings you your help helps helped helping
    that this info information answer answers reply time patience kindness
    million bunch ton lot all everything exactly just need needed wanted
    """.split()
)
# Hesitations that do not change what a short message does.
_HESITATIONS = frozenset("wait hmm hm um uh oh ah er".split())


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
            return self._kind(words)
        return self._chat(best[2][0])

    def _kind(self, words: tuple[str, ...]) -> Chat | None:
        """Small talk recognised by what it does, not by a listed phrasing."""
        greeting = self.words.get("greeting", set())
        # "hiii", "heyyy": a greeting drawn out is still one.
        greet = {w for w in words if _SQUEEZE.sub(r"\1\1", w) in greeting}
        rest = [
            w
            for w in words
            if w not in STOPWORDS and w not in _FILLER and w not in _HESITATIONS
        ]
        if all(w in _WHO_WORDS or w in greet for w in rest) and (
            any(w in _WHO_NOUNS for w in words)
            or ("there" in words and any(w in _WHO_SOMEONE for w in words))
            or ("who" in words and any(w in _WHO_TALK for w in words))
        ):
            return self._chat("identity")
        if any(w in _THANKS_WORDS for w in words) and all(
            w in _THANKS_WORDS or w in _THANKS_TAIL or w in greet for w in rest
        ):
            return self._chat("thanks")
        return None

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
