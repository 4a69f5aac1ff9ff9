"""The crisis screen: runs before anything else on every channel.

It looks for suicidal thoughts and self-harm (stated directly or
indirectly), overdoses, and the emergency signs a headache clinic must never
answer with an FAQ: a sudden "worst headache of my life", thunderclap onset,
one-sided weakness or face droop, trouble speaking, sudden vision loss, fever
with a stiff neck, a head injury with vomiting. A hit anywhere in a message
wins, even when the rest is a normal question.

Figures of speech about pain ("this migraine is killing me", "dying to
know") must not fire, so the patterns name a self ("kill myself") or a
concrete sign rather than single scary words. Some neurological signs are
also ordinary migraine auras ("my face tingles before an attack"): those
fire unless the message describes a habitual pattern and nothing acute.
Typos are handled by correcting words towards a small crisis vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .lexicon import is_common
from .text import normalize

# Words worth correcting towards, so "suicidel", "myslef" and "overdoes" still count.
_VOCAB = sorted(
    """
    suicide suicidal suicidality myself kill killing die dying dead death alive
    live living life ending thinking going overdose overdosed overdosing pills
    bottle cutting harm hurting hurt wrist wrists razor hanging noose bridge
    goodbye worthless hopeless burden unalive vanish disappear worst headache
    thunderclap sudden suddenly weakness numb numbness drooping droopy slurred
    slurring speech speaking talking vision blind fever stiff vomiting vomit
    throwing seizure stroke unconscious breathe breathing anymore everyone
    everybody nobody without better tablets medication swallowed explosion
    exploding lethal
    """.split()
)
_VOCAB_SET = frozenset(_VOCAB)

_EXTRA = {
    "kil": "kill",
    "myslef": "myself",
    "mysef": "myself",
    "mysel": "myself",
    "sucide": "suicide",
    "suicde": "suicide",
    "sucidal": "suicidal",
    "suacide": "suicide",
    "suiside": "suicide",
    "suicidial": "suicidal",
    "sewercide": "suicide",
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
    "kms": "kill myself",
    "unalive": "kill",
    "slurry": "slurred",
    "slurring": "slurred",
}

_SELF = r"(?:myself|my self|me)"
_WANT = (
    r"(?:want|wanted|wanting|wish|wishing|going|gonna|plan|planning|ready|trying|"
    r"tempted|thinking about|thinking of|think about|feel like|feeling like|need|"
    r"urge|urges|decided|about)"
)
_SUDDEN = (
    r"(?:sudden|suddenly|all of a sudden|out of nowhere|out of the blue|came on fast|"
    r"came on so fast|within seconds|in seconds|instantly|right now|just now|"
    r"just started|started (?:an hour|a few minutes|minutes|this morning|today|tonight)|"
    r"never had (?:this|anything like this)|first time ever|is this a stroke|"
    r"am i having a stroke)"
)
_HABITUAL = (
    r"\b(?:usually|always|every time|everytime|whenever|each time|typically|normally|"
    r"aura|auras|before (?:a|my|the|each|every) (?:migraine|attack|headache)s?|"
    r"before (?:migraines|attacks|headaches)|during (?:a|my|the) (?:migraine|attack)s?|"
    r"hemiplegic|warning sign|prodrome|for years|like clockwork)\b"
)

# Always a crisis, wherever they appear.
_ALWAYS: list[tuple[str, str]] = [
    # --- suicidal thoughts ---
    (
        "suicide",
        r"\bsuicid\w*+(?! headache)",
    ),  # "suicide headaches" = cluster headaches
    ("suicide", rf"\bkill(?:ing)? {_SELF}\b(?<!\bme\b)|\bkill(?:ing)? myself\b"),
    (
        "suicide",
        r"\b(?:off|shoot|shooting|hang|hanging|drown|drowning|poison|poisoning) myself\b",
    ),
    (
        "suicide",
        r"\bend(?:ing)? (?:it all|everything|things|my life|my own life|the pain for good|my suffering)\b",
    ),
    ("suicide", rf"\b{_WANT} (?:to )?(?:just )?end(?:ing)? it\b"),
    ("suicide", r"\b(?:take|taking|took) my (?:own )?life\b"),
    (
        "suicide",
        rf"\b{_WANT} to die\b|\b(?:wanna|rather) die\b|\bready to go\b.{{0,20}}\b(?:for good|forever)\b",
    ),
    (
        "suicide",
        r"\b(?:wish|wishing|hope|hoping|pray|praying) (?:that )?i (?:was|were|could be|would be|am|was never|were never) (?:dead|die|gone|born|never born)\b",
    ),
    (
        "suicide",
        r"\b(?:wish|wishing) i (?:was|were) not (?:alive|here|born|around)\b|\bwish i (?:could )?(?:just )?(?:disappear|vanish|not exist|stop existing)\b",
    ),
    (
        "suicide",
        r"\b(?:rather|better off) (?:be )?dead\b|\bbetter off without me\b|\bbetter off if i (?:was|were) (?:gone|dead|not here|not around)\b",
    ),
    (
        "suicide",
        r"\b(?:do not|no longer|not) (?:want|wish|wanna) to (?:live|be alive|be here|exist|wake up|go on|keep going|keep living|be around)\b",
    ),
    (
        "suicide",
        r"\b(?:no|not any|zero|what is the|whats the|there is no) (?:reason|point|use) (?:to |in |of )?(?:live|living|go on|going on|being alive|keep going|keeping going|keep living|be alive|carry on|carrying on|stay alive|staying alive|be here|being here|wake up|waking up|life|it all|anything anymore|trying anymore)\b",
    ),
    (
        "suicide",
        r"\b(?:life|living) (?:is not|isnt|is no longer|not|no longer) worth (?:it|living)\b|\bnot worth living\b",
    ),
    (
        "suicide",
        r"\b(?:do not|dont|can not|cant|cannot|could not|no longer|not) (?:see|have|find|got) (?:a|any|one|the|much) (?:reason|point|will|purpose)s? (?:to|for|in) (?:live|living|keep going|keeping going|go on|going on|be alive|being alive|be here|being here|carry on|continue|stay|wake up|get up)\b",
    ),
    (
        "suicide",
        r"\b(?:gun|pistol|rifle|firearm|revolver|shotgun)\b.{0,40}\b(?:in my (?:lap|hand|hands|mouth)|to my (?:head|temple|chest)|loaded|cocked|next to me)\b|\bloaded (?:gun|pistol|rifle|shotgun)\b",
    ),
    (
        "suicide",
        r"\b(?:knife|blade|razor|pills?)\b.{0,30}\b(?:in my hand|to my (?:wrist|throat)|lined up|counted out)\b",
    ),
    (
        "suicide",
        r"\b(?:tired|sick|exhausted) of (?:living|being alive|life|existing|waking up)\b",
    ),
    (
        "suicide",
        r"\b(?:can not|cannot|cant) (?:go on|keep going|do this anymore|take (?:it|this) anymore|live like this|keep living|do it anymore)\b",
    ),
    (
        "suicide",
        r"\b(?:no ?one|nobody|no one) (?:would|will|is going to|is gonna) (?:even |really |ever )?(?:notice|care|miss me)\b",
    ),
    (
        "suicide",
        r"\b(?:if|when|after) i (?:was|were|am|m) (?:gone|dead|not here anymore|not around)\b",
    ),
    ("suicide", r"\bif i (?:died|die|disappeared|killed myself)\b"),
    (
        "suicide",
        r"\b(?:everyone|everybody|my family|my kids|they|people) (?:would|will|d) be better off\b",
    ),
    (
        "suicide",
        r"\b(?:sleep|go to sleep|fall asleep) and (?:never|not|just not) wake up\b",
    ),
    (
        "suicide",
        r"\b(?:hope|hoping|want|wish|wishing|pray|praying) (?:i|to) (?:do not |never |not |would not |will not |dont )wake up\b",
    ),
    (
        "suicide",
        r"\b(?:giving|gave|give) (?:away )?(?:all )?(?:of )?my (?:stuff|things|belongings|possessions|pets?)(?: away)?\b",
    ),
    (
        "suicide",
        r"\b(?:wrote|writing|written|left) (?:a |my )?(?:suicide |goodbye |farewell )(?:note|letter)s?\b|\bsuicide note\b",
    ),
    (
        "suicide",
        r"\b(?:saying|said|say) (?:my )?(?:final )?goodbyes?\b(?! to (?:my )?(?:migraine|headache|pain)s?)|\bfinal goodbye\b|\bthis is (?:my )?(?:last|final) (?:message|text)\b",
    ),
    (
        "suicide",
        r"\b(?:thoughts|thinking|thought|think) (?:of|about) (?:dying|death|ending (?:it|things|my life)|not being here|killing myself|not existing)\b",
    ),
    (
        "suicide",
        r"\b(?:will not|wont|not going to) be (?:around|here) (?:much longer|tomorrow|anymore|for long)\b",
    ),
    ("suicide", r"\b(?:disappear|vanish) (?:forever|for good|permanently)\b"),
    (
        "suicide",
        r"\b(?:bought|buy|have|got|get|getting) (?:a )?(?:gun|rope)\b.{0,40}\b(?:myself|end|die|me)\b|\bnoose\b",
    ),
    (
        "suicide",
        r"\bjump (?:off|from|in front of) (?:a |the )?(?:bridge|roof|building|train|cliff|balcony)\b|\bin front of a (?:train|bus|car|truck)\b",
    ),
    (
        "suicide",
        r"\b(?:i am|im|i feel|feel|feeling|i feel like) (?:such )?(?:a )?burden (?:to|on|for) (?:everyone|everybody|my|them|people)\b",
    ),
    (
        "suicide",
        r"\b(?:hopeless|worthless)\b.{0,80}\b(?:die|dead|end it|be gone|not be here|disappear)\b",
    ),
    (
        "suicide",
        r"\b(?:no way out|nothing to live for|done with (?:life|living|everything|it all)|(?:want|wanna) it all to (?:end|stop)|want (?:everything|my life) to (?:end|stop))\b",
    ),
    (
        "suicide",
        r"\b(?:stockpil\w*|sav(?:e|ing) up|hoard\w*) (?:my |all my |all of my )?(?:pills|meds|medication|tablets)\b",
    ),
    (
        "suicide",
        r"\b(?:lethal|fatal|deadly) (?:dose|amount|overdose)\b|\bhow (?:many|much) (?:\w+ ){0,3}(?:would|does it take to|to) (?:kill|be fatal|be lethal|die|end)\b",
    ),
    # --- self-harm ---
    ("self-harm", r"\bself ?(?:harm|injur|mutilat)\w*"),
    (
        "self-harm",
        r"\b(?:cut|cutting|cuts|burn|burning|burned|hurt|hurting|harm|harming|hit|hitting|punish|punishing|scratch|scratching|starve|starving|bang|banging) (?:myself|my (?:wrists?|arms?|legs?|thighs?|skin|stomach))\b(?! (?:by accident|accidentally|cooking|shaving))",
    ),
    (
        "self-harm",
        r"\b(?:been|started|start|keep|kept|back to|relapsed) cutting\b|\bcutting again\b|\bcut again\b",
    ),
    ("self-harm", r"\b(?:slit|slitting|slash|slashing) (?:my )?(?:wrists?|throat)\b"),
    ("self-harm", r"\bhurt myself on purpose\b|\bon purpose\b.{0,30}\bhurt\b"),
    # --- overdose ---
    ("overdose", r"\boverdos\w*|\bod(?:ed|d|ing)? on\b"),
    (
        "overdose",
        r"\b(?:took|taken|take|taking|swallowed|swallow|ate|popped|downed|chugged) (?:like |about |around |maybe |almost |over |at least |way )?(?:a |an |the )?(?:whole|entire|full|all|all of|all the|all my|too many|too much|way too many|handful|handfull|a handful of|bunch of|a bunch of|lots of|a lot of|double|triple|\d{2,}|twenty|thirty|forty|fifty) ?(?:of )?(?:my |the |of my |of the |these |those )?(?:\w+ ){0,2}?(?:bottle|pack|box|pills?|tablets?|meds?|medications?|medicine|sumatriptan|triptans?|ketamine|painkillers?|sleeping pills|advil|tylenol|ibuprofen|aspirin|excedrin|oxy\w*|xanax|opioids?|gummies|capsules?)\b",
    ),
    (
        "overdose",
        r"\b(?:too many|a whole bottle of|the whole bottle of|handful of) (?:\w+ )?(?:pills|meds|tablets|painkillers|capsules)\b",
    ),
    (
        "overdose",
        r"\bmixed (?:a lot of |lots of |all my )?(?:pills|meds)\b.{0,30}\b(?:alcohol|vodka|wine|beer|drinking)\b",
    ),
    # --- emergencies that need no second cue ---
    (
        "emergency",
        r"\bworst (?:headache|head ache|migraine|pain|head pain)s? (?:of|in) my (?:entire |whole )?life\b",
    ),
    (
        "emergency",
        r"\bworst (?:headache|head ache|head pain)s? (?:i have |i ve |ive )?(?:ever|of all time)\b",
    ),
    ("emergency", r"\bthunder ?clap\w*"),
    (
        "emergency",
        rf"\b{_SUDDEN}\b.{{0,60}}\b(?:explod\w*|excruciating|unbearable|severe|worst|blinding|crushing|intense|horrible)\b.{{0,25}}\b(?:headache|head ache|pain|migraine)",
    ),
    (
        "emergency",
        rf"\b(?:explod\w*|excruciating|severe|worst|blinding|crushing)\b.{{0,25}}\b(?:headache|head ache|head pain)\b.{{0,40}}\b(?:{_SUDDEN}|in seconds|like a thunder\w*|like (?:being|getting) hit)\b",
    ),
    (
        "emergency",
        r"\bfever\b.{0,100}\b(?:stiff\w* neck|neck\b.{0,25}\bstiff\w*)|\b(?:stiff\w* neck|neck\b.{0,25}\bstiff\w*)\b.{0,100}\bfever\b",
    ),
    (
        "emergency",
        r"\b(?:hit|bumped|banged|smacked|injured|hurt|whacked|cracked|slammed) (?:the (?:back|side|front|top) of )?(?:my|his|her|their) head\b.{0,140}\b(?:vomit\w*|throwing up|threw up|thrown up|throw up|puk\w*|confus\w*|pass\w* out|blacked out)\b",
    ),
    (
        "emergency",
        r"\b(?:head injury|head injuries|concussion|fell on my head|hit in the head|knocked out|car accident|fall)\b.{0,140}\b(?:vomit\w*|throwing up|threw up|thrown up|throw up|puk\w*)\b",
    ),
    (
        "emergency",
        r"\b(?:vomit\w*|throwing up|threw up|puk\w*)\b.{0,80}\b(?:after|since) (?:i )?(?:hit|bumped|banged|fell|falling|hitting)\b",
    ),
    (
        "emergency",
        r"\b(?:having|had|have|think i am having|think i had|is this|might be|could be|signs of|i think its) (?:a )?(?:stroke|seizure|heart attack|aneurysm)\b",
    ),
    (
        "emergency",
        r"\b(?:can not|cannot|cant|could not|struggling to|hard to|trouble) (?:breathe|breath|breathing)\b",
    ),
    (
        "emergency",
        r"\b(?:passed out|fainted|unconscious|unresponsive|will not wake up|wont wake up|can not wake (?:him|her|them))\b",
    ),
    ("emergency", r"\bchest pain\b|\bseizing\b|\bconvuls\w*"),
]

# Neurological signs that a migraine aura can also produce: acute unless habitual.
_NEURO: list[tuple[str, str]] = [
    (
        "emergency",
        r"\b(?:weak|weakness|numb|numbness|paraly\w*|can not move|cannot move|can not feel|cannot feel|limp|heavy)\b.{0,40}\b(?:one side|left side|right side|half (?:of )?my (?:body|face))\b",
    ),
    (
        "emergency",
        r"\b(?:one side|left side|right side|half) of my (?:body|face)\b.{0,40}\b(?:weak|weakness|numb|numbness|paraly\w*|droop\w*|limp|heavy|will not move|can not move|not moving|sag\w*)\b",
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
        r"\b(?:can not|cannot|cant|could not|unable to) (?:move|lift|feel|raise) (?:my )?(?:left |right )?(?:arm|leg|hand|side|foot)\b",
    ),
    (
        "emergency",
        r"\bface (?:is |has |started |starting |went |just )?(?:droop\w*|sagging|saggy|drooped|fell|falling|crooked|lopsided)\b|\b(?:droop\w*|sagging|saggy|crooked|lopsided) (?:face|mouth|eye|eyelid|smile|side of my face)\b",
    ),
    (
        "emergency",
        r"\bslurr?\w* (?:speech|words|my words|talking)\b|\bspeech (?:is |got |went |has been |sounds )?(?:all )?(?:slurred|garbled|weird|off|jumbled)\b|\bslurred\b",
    ),
    (
        "emergency",
        r"\b(?:can not|cannot|cant|could not|unable to|trouble|hard time|struggling to|difficulty) (?:speak|speaking|talk|talking|get (?:my |the )?words out|find (?:my |the )?words|form words|say words|understand (?:what people|anyone|people))\b",
    ),
    (
        "emergency",
        r"\bwords (?:are|were|keep|kept)? ?(?:coming out )?(?:wrong|jumbled|garbled|mixed up|scrambled)\b",
    ),
    (
        "emergency",
        rf"\b{_SUDDEN}\b.{{0,50}}\b(?:lost|lose|losing|loss of|can not see|cannot see|cant see|went blind|gone blind|blind|no vision|double vision|went black|went dark|weak|weakness|numb|numbness|confused|confusion|dizzy and|can not walk|cant walk)\b",
    ),
    (
        "emergency",
        rf"\b(?:lost|losing|lose|loss of|can not see|cant see|blind|weak|weakness|numb|numbness|confused|confusion|double vision|can not walk|cant walk)\b.{{0,50}}\b{_SUDDEN}\b",
    ),
    (
        "emergency",
        r"\b(?:lost|losing|lose|loss of) (?:my |all )?(?:vision|sight|eyesight)\b.{0,30}\b(?:in one eye|completely|and it (?:has not|hasnt|is not|isnt) (?:come|coming) back|for hours)\b",
    ),
    (
        "emergency",
        r"\b(?:went|gone|going|am) blind\b|\b(?:can not|cannot|cant) see (?:out of|anything|at all)\b",
    ),
]

_COMPILED = [(kind, re.compile(p)) for kind, p in _ALWAYS]
_COMPILED_NEURO = [(kind, re.compile(p)) for kind, p in _NEURO]
_HABITUAL_RE = re.compile(_HABITUAL)
_ACUTE_RE = re.compile(
    rf"\b{_SUDDEN}\b|\b(?:scared|terrified|emergency|911|er|hospital|worst)\b"
)


@dataclass(frozen=True)
class Screen:
    """The crisis screen's verdict: ``kind`` is suicide, self-harm, overdose or emergency."""

    kind: str
    pattern: str


@lru_cache(maxsize=8192)
def _correct(word: str) -> str:
    # Real, common words ("noise", "saying") stay as typed; only typos are fixed.
    if len(word) < 5 or word in _VOCAB_SET or word.isdigit() or is_common(word):
        return word
    limit = 1 if len(word) < 8 else 2
    hit = process.extractOne(
        word, _VOCAB, scorer=OSA.distance, processor=None, score_cutoff=limit
    )
    return hit[0] if hit else word


def crisis_text(text: str) -> str:
    """The message as the crisis patterns see it (normalised, typos corrected)."""
    fixed = []
    for w in normalize(text).split():
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
    for kind, pattern in _COMPILED_NEURO:
        for form in forms:
            if pattern.search(form):
                habitual = _HABITUAL_RE.search(form) is not None
                acute = _ACUTE_RE.search(form) is not None
                if acute or not habitual:
                    return Screen(kind, pattern.pattern)
    return None
