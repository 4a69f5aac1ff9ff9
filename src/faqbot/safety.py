"""The crisis screen: runs before anything else on every channel.

It looks for suicidal thoughts and self-harm (stated directly or
indirectly), overdoses, and the emergency signs a headache clinic must never
answer with an FAQ: a sudden "worst headache of my life", thunderclap onset,
one-sided weakness or face droop, trouble speaking, sudden vision loss, fever
with a stiff neck, a head injury with vomiting. A hit anywhere in a message
wins, even when the rest is a normal question.

Figures of speech about pain ("this migraine is killing me", "dying to
know") must not fire, so the patterns name a self ("kill myself") or a
concrete emergency sign rather than single scary words. Typos are handled
by correcting words towards a small crisis vocabulary first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .text import normalize

# Words worth correcting towards, so "suicidel", "myslef" and "overdoes" still count.
_VOCAB = sorted(
    set(
        [
            "suicide",
            "suicidal",
            "suicidality",
            "myself",
            "kill",
            "killing",
            "die",
            "dying",
            "dead",
            "death",
            "alive",
            "live",
            "living",
            "life",
            "ending",
            "thinking",
            "going",
            "overdose",
            "overdosed",
            "overdosing",
            "pills",
            "bottle",
            "cutting",
            "harm",
            "hurting",
            "hurt",
            "wrist",
            "wrists",
            "razor",
            "hanging",
            "hang",
            "noose",
            "jump",
            "bridge",
            "goodbye",
            "worthless",
            "hopeless",
            "burden",
            "unalive",
            "vanish",
            "disappear",
            "worst",
            "headache",
            "thunderclap",
            "sudden",
            "suddenly",
            "weakness",
            "weak",
            "numb",
            "numbness",
            "drooping",
            "droopy",
            "droop",
            "slurred",
            "slurring",
            "speech",
            "speaking",
            "talking",
            "vision",
            "blind",
            "fever",
            "stiff",
            "vomiting",
            "vomit",
            "throwing",
            "seizure",
            "stroke",
            "unconscious",
            "breathe",
            "breathing",
            "chest",
            "anymore",
            "everyone",
            "everybody",
            "nobody",
            "without",
            "better",
        ]
    )
)
_VOCAB_SET = frozenset(_VOCAB)
_PROTECTED = {
    # Real words that are one edit away from crisis words and must stay as typed.
    "like",
    "likes",
    "lives",
    "dive",
    "diet",
    "dine",
    "dies",
    "tried",
    "cried",
    "side",
    "sides",
    "ride",
    "hide",
    "wide",
    "time",
    "fine",
    "line",
    "mine",
    "dear",
    "deal",
    "dead",
    "read",
    "head",
    "heal",
    "hear",
    "heard",
    "meal",
    "fill",
    "pill",
    "till",
    "will",
    "mill",
    "bill",
    "hill",
    "kills",
    "skill",
    "harms",
    "charm",
    "farm",
    "warm",
    "arm",
    "arms",
    "hurts",
    "vomits",
    "their",
    "there",
    "these",
    "those",
    "weeks",
    "week",
    "speak",
    "weary",
    "sleep",
    "breath",
    "breaths",
    "bottles",
    "killed",
    "cutting",
    "putting",
    "getting",
    "better",
    "bitter",
    "butter",
    "letter",
    "stroke",
    "strokes",
    "strike",
    "sudden",
    "worse",
    "worst",
    "wrist",
    "first",
    "thirst",
    "fever",
    "never",
    "ever",
    "every",
    "vision",
    "version",
    "alone",
    "alive",
    "olive",
    "drive",
    "driving",
    "living",
    "giving",
    "diving",
    "dining",
    "stiff",
    "staff",
    "stuff",
    "throwing",
    "thrown",
    "growing",
    "blind",
    "blond",
    "bland",
    "blink",
    "blends",
    "mind",
    "kind",
    "find",
    "bind",
    "numb",
    "dumb",
    "hang",
    "hung",
    "bang",
    "jump",
    "dump",
    "pump",
    "lump",
    "bump",
    "speech",
    "speed",
    "weak",
    "peak",
    "wake",
    "leak",
    "hurt",
    "hunt",
    "burn",
    "turn",
    "done",
    "gone",
    "life",
    "wife",
    "knife",
    "lift",
    "left",
    "lefty",
    "chest",
    "cheat",
    "chess",
    "vanilla",
    "loving",
    "moving",
    "lived",
    "liver",
    "lover",
    "dyeing",
    "drying",
}

_BE = r"(?:am|is|are|was|were|be|been|being|feel|feeling|felt)"
_I = r"(?:i|me|im|i am)"
_PATTERNS: list[tuple[str, str]] = [
    # --- suicidal thoughts, direct ---
    (
        "suicide",
        r"\bsuicid\w*+(?! headache)",
    ),  # "suicide headaches" = cluster headaches
    ("suicide", r"\bkill(?:ing)? my ?self\b"),
    ("suicide", r"\b(?:end|ending|take|taking) (?:my|my own) life\b"),
    ("suicide", r"\bend(?:ing)? (?:it all|everything|things|my life|my own life)\b"),
    (
        "suicide",
        r"\b(?:what is|whats) the (?:point|use) (?:of|in) (?:going on|living|life|being alive|being here|carrying on|anything anymore|it all|even trying anymore)\b",
    ),
    (
        "suicide",
        r"\b(?:want|wanted|going|plan|planning|ready|thinking about|think about) to end it\b",
    ),
    ("suicide", r"\b(?:off|unalive|unaliving) my ?self\b|\bunalive\b|\bkms\b"),
    (
        "suicide",
        r"\b(?:want|wanted|wanting|going|plan|planning|ready|trying|tempted) to die\b",
    ),
    (
        "suicide",
        r"\b(?:wish|wishing|hope|hoping) (?:i|that i) (?:was|were|could be|would) (?:dead|die|never born|gone)\b",
    ),
    ("suicide", r"\b(?:wish|wishing) i (?:was|were) not (?:alive|here|born)\b"),
    (
        "suicide",
        r"\bbetter off (?:dead|without me|if i (?:was|were) (?:gone|dead|not here))\b",
    ),
    (
        "suicide",
        r"\b(?:do not|dont|no longer|not) (?:want|wanna|wish) to (?:live|be alive|be here|exist|wake up|go on|keep going|keep living)\b",
    ),
    (
        "suicide",
        r"\b(?:no|not any|zero) (?:reason|point) (?:to|in) (?:live|living|go on|going on|being alive|keep going|keep living|be alive|carry on|stay alive|be here|wake up)\b",
    ),
    (
        "suicide",
        r"\b(?:life|living) (?:is not|isnt|is no longer|not) worth (?:it|living)\b",
    ),
    ("suicide", r"\bnot worth living\b"),
    (
        "suicide",
        r"\b(?:can not|cannot|cant) (?:go on|keep going|do this anymore|take (?:it|this) anymore|live like this)\b",
    ),
    (
        "suicide",
        r"\b(?:no ?one|nobody|no one) (?:would|will|is going to) (?:even |really |ever )?(?:notice|care|miss me)\b",
    ),
    (
        "suicide",
        r"\b(?:if|when) i (?:died|die|was dead|were dead|killed myself|disappeared)\b.{0,40}\b(?:care|notice|miss|better)\b|\b(?:care|notice|miss me|better off)\b.{0,30}\bif i (?:died|was dead|were dead|disappeared)\b",
    ),
    ("suicide", r"\b(?:if|when) i (?:was|were|am) gone\b"),
    (
        "suicide",
        r"\b(?:everyone|everybody|my family|they) (?:would|will) be better off\b",
    ),
    ("suicide", r"\b(?:sleep|go to sleep|fall asleep) and (?:never|not) wake up\b"),
    (
        "suicide",
        r"\b(?:hope|hoping|want|wish|wishing|pray|praying) (?:i|to) (?:do not |never |not |would not |will not )wake up\b",
    ),
    (
        "suicide",
        r"\b(?:giving|gave|give) (?:away )?(?:all )?my (?:stuff|things|belongings|possessions)(?: away)?\b",
    ),
    (
        "suicide",
        r"\b(?:wrote|writing|written|left) (?:a |my )?(?:suicide |goodbye )?(?:note|letter)s? (?:for|to) (?:my|everyone)\b",
    ),
    ("suicide", r"\bsaying (?:my )?goodbyes?\b|\bsaid (?:my )?goodbyes?\b"),
    (
        "suicide",
        r"\b(?:thoughts|thinking|thought) (?:of|about) (?:dying|death|ending|not being here|killing)\b",
    ),
    ("suicide", r"\b(?:disappear|vanish) (?:forever|for good|permanently)\b"),
    ("suicide", r"\b(?:buy|bought|have|got) a (?:gun|rope)\b|\bnoose\b"),
    ("suicide", r"\bjump (?:off|from) (?:a |the )?(?:bridge|roof|building)\b"),
    (
        "suicide",
        r"\b(?:i am|feel|feeling|i feel like) (?:a )?burden (?:to|on) (?:everyone|everybody|my)\b",
    ),
    ("suicide", r"\b(?:hopeless|worthless)\b.*\b(?:die|dead|end it|be gone)\b"),
    # --- self-harm ---
    ("self-harm", r"\bself ?harm\w*"),
    (
        "self-harm",
        r"\b(?:cut|cutting|cuts|burn|burning|burned|hurt|hurting|harm|harming|hit|hitting|punish|punishing|scratch|scratching|starve|starving) (?:my ?self|my (?:wrists?|arms?|legs?|thighs?|skin))\b",
    ),
    ("self-harm", r"\b(?:been|started|start|keep|kept) cutting\b|\bcutting again\b"),
    ("self-harm", r"\b(?:slit|slitting|slash|slashing) (?:my )?wrists?\b"),
    # --- overdose ---
    ("overdose", r"\boverdos\w*|\bod(?:ed|d|ing)? on\b|\bo\.?d\.?d\b"),
    (
        "overdose",
        r"\b(?:took|taken|take|taking|swallowed|swallow|ate|popped|downed) (?:like |about |around |maybe |almost |over |at least )?(?:a |an |the )?(?:whole|entire|full|all|all of|all the|all my|too many|too much|handful|handfull|a handful of|bunch of|lots of|a lot of|extra|double|\d{2,}|twenty|thirty|forty|fifty) ?(?:of )?(?:my |the |of my |of the )?(?:\w+ ){0,2}?(?:bottle|pack|box|pills?|tablets?|meds?|medications?|medicine|sumatriptan|triptans?|ketamine|painkillers?|sleeping pills|advil|tylenol|ibuprofen|aspirin|excedrin|oxy\w*|xanax|opioids?|gummies)\b",
    ),
    (
        "overdose",
        r"\b(?:too many|a whole bottle of|the whole bottle of|handful of) (?:pills|meds|tablets|painkillers)\b",
    ),
    ("overdose", r"\bpoison(?:ed|ing)? my ?self\b"),
    # --- emergency signs ---
    (
        "emergency",
        r"\bworst (?:headache|head ache|migraine|pain|head pain)s? (?:of|in) my (?:entire |whole )?life\b",
    ),
    ("emergency", r"\bworst (?:headache|head ache|head pain)s? (?:i have )?ever\b"),
    ("emergency", r"\bthunder ?clap\w*"),
    (
        "emergency",
        r"\b(?:sudden|suddenly|all of a sudden|out of nowhere|out of the blue|came on fast|instantly|within (?:a |one )?(?:second|minute)s?)\b.{0,60}\b(?:explod\w*|excruciating|unbearable|severe|worst|blinding|crushing|intense)\b.{0,25}\b(?:headache|head ache|pain|migraine)",
    ),
    (
        "emergency",
        r"\b(?:explod\w*|excruciating|severe|worst|blinding|crushing)\b.{0,25}\b(?:headache|head ache|head pain)\b.{0,40}\b(?:sudden|suddenly|all of a sudden|out of nowhere|out of the blue|in seconds|like a thunder\w*)\b",
    ),
    (
        "emergency",
        r"\b(?:weak|weakness|numb|numbness|paraly\w*|can not move|cannot move|can not feel|cannot feel|limp|heavy|tingl\w*)\b.{0,40}\b(?:one side|left side|right side|half (?:of )?my (?:body|face))\b",
    ),
    (
        "emergency",
        r"\b(?:one side|left side|right side|half) of my (?:body|face)\b.{0,40}\b(?:weak|weakness|numb|numbness|paraly\w*|droop\w*|limp|heavy|will not move|can not move|not moving)\b",
    ),
    (
        "emergency",
        r"\b(?:left|right) (?:arm|leg|hand|foot|side|face)\b.{0,40}\b(?:weak|weakness|numb|numbness|paraly\w*|limp|heavy|droop\w*|dead|useless|will not move|can not move|wont move)\b",
    ),
    (
        "emergency",
        r"\bhalf (?:of )?my (?:face|body|mouth)\b.{0,40}\b(?:weak|numb|paraly\w*|limp|droop\w*|sag\w*|dead|will not move|can not move)\b",
    ),
    (
        "emergency",
        r"\b(?:can not|cannot|cant|could not|unable to) (?:move|lift|feel) (?:my )?(?:left|right) (?:arm|leg|hand|side)\b",
    ),
    (
        "emergency",
        r"\bface (?:is |has |started |starting )?(?:droop\w*|sagging|saggy|drooped|fell|falling)\b|\b(?:droop\w*|sagging|saggy) (?:face|mouth|eye|eyelid|smile|side of my face)\b",
    ),
    (
        "emergency",
        r"\b(?:slur\w*) (?:speech|words|my words|talking)\b|\bspeech is (?:slurred|garbled|weird|off)\b|\b(?:slurring|slurred)\b",
    ),
    (
        "emergency",
        r"\b(?:can not|cannot|cant|could not|unable to|trouble|hard time|struggling to|difficulty) (?:speak|speaking|talk|talking|get (?:my |the )?words out|find (?:my |the )?words|form words|say words)\b",
    ),
    (
        "emergency",
        r"\bwords (?:are|were|keep|kept)? ?(?:coming out )?(?:wrong|jumbled|garbled|mixed up|scrambled)\b",
    ),
    (
        "emergency",
        r"\b(?:sudden|suddenly|all of a sudden|out of nowhere)\b.{0,40}\b(?:lost|lose|losing|loss of|can not see|cannot see|cant see|went blind|gone blind|blind|no vision)\b",
    ),
    (
        "emergency",
        r"\b(?:lost|losing|lose|loss of) (?:my |all )?(?:vision|sight|eyesight)\b.{0,30}\b(?:sudden\w*|all of a sudden|out of nowhere|in one eye|completely|and it has not come back|for hours)\b",
    ),
    (
        "emergency",
        r"\b(?:went|gone|going|am) blind\b|\b(?:can not|cannot|cant) see (?:out of|anything|at all)\b",
    ),
    (
        "emergency",
        r"\bfever\b.{0,100}\b(?:stiff\w* neck|neck\b.{0,25}\bstiff\w*)|\b(?:stiff\w* neck|neck\b.{0,25}\bstiff\w*)\b.{0,100}\bfever\b",
    ),
    (
        "emergency",
        r"\b(?:hit|bumped|banged|smacked|injured|hurt|whacked|cracked) (?:the (?:back|side|front|top) of )?(?:my|his|her|their) head\b.{0,140}\b(?:vomit\w*|throwing up|threw up|thrown up|throw up|puk\w*|confus\w*|pass\w* out)\b",
    ),
    (
        "emergency",
        r"\b(?:head injury|head injuries|concussion|fell on my head|hit in the head|knocked out)\b.{0,140}\b(?:vomit\w*|throwing up|threw up|thrown up|throw up|puk\w*)\b",
    ),
    (
        "emergency",
        r"\b(?:vomit\w*|throwing up|threw up|puk\w*)\b.{0,80}\b(?:after|since) (?:i )?(?:hit|bumped|banged|fell|falling|hitting)\b",
    ),
    (
        "emergency",
        r"\b(?:having|had|have|think i am having|think i had|is it|might be|could be|signs of) (?:a )?(?:stroke|seizure|heart attack)\b",
    ),
    (
        "emergency",
        r"\b(?:can not|cannot|cant|could not|struggling to|hard to|trouble) (?:breathe|breath|breathing)\b",
    ),
    (
        "emergency",
        r"\b(?:passed out|fainted|unconscious|unresponsive|not waking up|will not wake up|wont wake up)\b",
    ),
    ("emergency", r"\bchest pain\b"),
]
_COMPILED = [(kind, re.compile(p)) for kind, p in _PATTERNS]


@dataclass(frozen=True)
class Screen:
    """The crisis screen's verdict: ``kind`` is suicide, self-harm, overdose or emergency."""

    kind: str
    pattern: str


@lru_cache(maxsize=8192)
def _correct(word: str) -> str:
    if len(word) < 4 or word in _PROTECTED or word.isdigit():
        return word
    limit = 1 if len(word) < 8 else 2
    hit = process.extractOne(
        word, _VOCAB, scorer=OSA.distance, processor=None, score_cutoff=limit
    )
    return hit[0] if hit else word


_EXTRA = {
    "kil": "kill",
    "myslef": "myself",
    "mysef": "myself",
    "mysel": "myself",
    "my self": "myself",
    "wanna": "want to",
    "sucide": "suicide",
    "suicde": "suicide",
    "sucidal": "suicidal",
    "suacide": "suicide",
    "suiside": "suicide",
    "suicidial": "suicidal",
    "deid": "die",
    "dye": "die",
    "ded": "dead",
    "alve": "alive",
    "anymor": "anymore",
    "nomore": "anymore",
    "storke": "stroke",
    "stoke": "stroke",
    "pils": "pills",
    "no1": "no one",
    "noone": "no one",
    "wud": "would",
    "wld": "would",
    "cud": "could",
    "tnite": "tonight",
    "tonite": "tonight",
}


def crisis_text(text: str) -> str:
    """The message as the crisis patterns see it (normalised, typos corrected)."""
    words = normalize(text).split()
    fixed = []
    for w in words:
        if w in _EXTRA:
            w = _EXTRA[w]
        elif w.endswith("in") and len(w) > 4 and w + "g" in _VOCAB_SET:
            w += "g"  # "endin", "thinkin": dropped g's
        else:
            w = _correct(w)
        fixed.append(w)
    joined = " ".join(fixed)
    joined = re.sub(r"\b(?:to|2) (many|much)\b", r"too \1", joined)
    return joined.replace("my self", "myself").replace("any more", "anymore")


def screen(text: str) -> Screen | None:
    """Return what kind of crisis ``text`` signals, or None.

    >>> screen("this migraine is killing me, can ketamine help?") is None
    True
    >>> screen("can ketamine help? honestly i dont want to be alive anymore").kind
    'suicide'
    """
    forms = (normalize(text), crisis_text(text))
    for kind, pattern in _COMPILED:
        for form in forms:
            if pattern.search(form):
                return Screen(kind, pattern.pattern)
    return None
