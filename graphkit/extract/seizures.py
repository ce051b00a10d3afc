"""Seizures: what was seized, how much, in what unit.

Only sentences with a seizure verb are read ("seized", "seizure of", "confiscated",
"recovered", "intercepted", "frozen"). In them we take money ("EUR 2.4 million",
"about 70.000 euros in cash and jewellery", "US$238 000 in cash"), measured goods ("over 6
tonnes of cannabis resin", "27 kg of heroin"), counted goods ("3140 cannabis plants", "five
sports cars") and unquantified ones ("hundreds of kilograms of heroin", "numerous
forged passports"). A value after "worth" that prices a counted item is not a second
seizure; a conversion in brackets "(about $33 million)" is not either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphkit.extract.analysis import Analysis, SentenceView
from graphkit.extract.numbers import NUMBER_WORDS, Number
from graphkit.extract.tokens import word_set

_SEIZE = re.compile(
    r"\b(?:seiz\w*|confiscat\w*|recovered|intercepted|frozen|froze|freez\w*|impounded|"
    r"intervened|intervene|intercepts?|retrieved|found|discovered)\b",
    re.IGNORECASE,
)
_NEW_OBJECT = re.compile(
    r"[,;]|\b(?:and|also)\s+(?:also\s+)?(?:seized|confiscated|froze|frozen|recovered|found)\b",
    re.IGNORECASE,
)
"""Between a counted item and a "worth" value: the value prices a new object, not it."""
_SEIZE_PREFIXES = (
    "seiz",
    "confiscat",
    "recover",
    "intercept",
    "frozen",
    "froze",
    "freez",
    "impound",
    "interven",
    "retriev",
    "found",
    "discovered",
)
_ACTIVE_CUE = re.compile(
    r"\b(?:seizures? of|seized|confiscated|confiscation of|recovered|intercepted|froze|"
    r"intervened|impounded|freezing of|recovery of|found|discovered)\b",
    re.IGNORECASE,
)
_CURRENCY_BEFORE = re.compile(
    r"(?P<cur>US\$|R\$|C\$|A\$|HK\$|\$|€|£|¥|EUR|USD|GBP|CHF|BRL|SEK|NOK|DKK|PLN|CZK|RON|HUF)"
    r"\s?$"
)
_CURRENCY_AFTER = re.compile(
    r"^\s*(?P<cur>€|(?:euros?|EUR|dollars?|USD|pounds?(?! of)|GBP|Swiss francs|francs|CHF|"
    r"reais|BRL|kronor|kroner|zloty|PLN|lei|RON|forints|HUF|bitcoins?)\b)",
    re.IGNORECASE,
)
_CUR_CODE = {
    "us$": "USD",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "r$": "BRL",
    "c$": "CAD",
    "a$": "AUD",
    "hk$": "HKD",
    "¥": "JPY",
    "euro": "EUR",
    "euros": "EUR",
    "dollar": "USD",
    "dollars": "USD",
    "pound": "GBP",
    "pounds": "GBP",
    "swiss francs": "CHF",
    "francs": "CHF",
    "reais": "BRL",
    "kronor": "SEK",
    "kroner": "DKK",
    "zloty": "PLN",
    "lei": "RON",
    "forints": "HUF",
    "bitcoin": "BTC",
    "bitcoins": "BTC",
}
_UNIT = re.compile(
    r"^\s*(?P<unit>kilogrammes?|kilograms?|kilos?|kgs?|grammes?|grams?|g|tonnes?|tons?|t|"
    r"litres?|liters?|l|ml|pounds|lbs)\b\.?(?:\s+of)?",
    re.IGNORECASE,
)
_UNIT_CODE = {
    "kilogramme": "kg",
    "kilogrammes": "kg",
    "kilogram": "kg",
    "kilograms": "kg",
    "kilo": "kg",
    "kilos": "kg",
    "kg": "kg",
    "kgs": "kg",
    "gramme": "g",
    "grammes": "g",
    "gram": "g",
    "grams": "g",
    "g": "g",
    "tonne": "tonnes",
    "tonnes": "tonnes",
    "ton": "tonnes",
    "tons": "tonnes",
    "t": "tonnes",
    "litre": "litres",
    "litres": "litres",
    "liter": "litres",
    "liters": "litres",
    "l": "litres",
    "ml": "ml",
    "pounds": "lbs",
    "lbs": "lbs",
}
_STOP = word_set(
    "and in from worth seized were was which that with plus among to at on for during as "
    "by have has had been being are is meant ready used destined intended hidden found "
    "belonging valued who while after before near into across inside totalling totaling "
    "or also too arrested detained searched sold bought smuggled seized confiscated recovered "
    "frozen intercepted"
)
_CONTAINERS = word_set(
    "shipment shipments consignment consignments package packages bag bags bale bales "
    "block blocks load loads batch batches cargo parcel parcels"
)
SEIZABLE = word_set(
    """vehicle vehicles car cars truck trucks lorry lorries van vans boat boats vessel vessels
    yacht yachts speedboat speedboats aircraft aircrafts plane planes helicopter helicopters
    motorcycle motorcycles firearm firearms weapon weapons gun guns pistol pistols rifle rifles
    revolver revolvers round rounds cartridge cartridges ammunition grenade grenades explosives
    phone phones telephone telephones smartphone smartphones device devices computer computers
    laptop laptops tablet tablets server servers drive drives house houses apartment apartments
    flat flats property properties villa villas building buildings plant plants watch watches
    jewellery jewelry account accounts wallet wallets document documents passport passports
    card cards cigarette cigarettes cigar cigars package packages parcel parcels pill pills
    dose doses bottle bottles item items banknote banknotes bar bars ingot ingots painting
    paintings artwork artworks goods containers container kilograms"""
)
EXCLUDED = word_set(
    """suspect suspects people persons person individuals individual members member men women
    children victims victim officers officer agents searches search arrests arrest countries
    country years year months month days day weeks week hours hour times premises locations
    location localities sites site laboratories laboratory labs lab plantations plantation
    companies company raids raid investigations operations operation cases case experts expert
    nationals migrants leaders users accounts-holders percent per cent"""
)
_QUANTIFIER = re.compile(
    r"\b(?P<q>dozens|hundreds|thousands|millions|several thousand|several hundred|numerous|"
    r"several|some|a number of|various|a large (?:number|quantity) of|(?:large )?quantities of|"
    r"large amounts of)\s+(?:of\s+)?",
    re.IGNORECASE,
)
_NOT_SEIZED_BEFORE = re.compile(
    r"\b(?:profits?|launder\w*|paid|pay|turnover|damages?|loss(?:es)?|revenues?|earned|"
    r"generated|costs?|estimated at|sold|selling|moved|importation|imported|smuggled)\b"
    r"[^.;]{0,40}$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class SeizureMention:
    item: str
    quantity: float | None
    unit: str | None
    sentence: SentenceView


_FIXES = {"aircrafts": "aircraft", "devises": "devices", "monies": "money"}
"""Common non-native plurals and typos in press releases, normalised in item names."""


def _words_after(text: str, max_words: int = 4) -> str:
    """The noun phrase starting ``text``: words up to punctuation or a stop word."""
    words: list[str] = []
    for m in re.finditer(r"[^\s,;:()\[\].]+|[,;:()\[\].]", text[:200]):
        w = m.group()
        if not re.match(r"[\w'’-]", w):
            break
        low = w.lower()
        if (
            low == "of"
            and words
            and (
                words[-1].lower() in _CONTAINERS
                or words[-1].lower() in ("rounds", "round", "bars", "pieces")
            )
        ):
            words.append(w)
            continue
        if low in _STOP or low == "of":
            break
        words.append(_FIXES.get(low, w))
        if len(words) >= max_words:
            break
    while words and words[0].lower() in _CONTAINERS and len(words) > 2 and words[1] == "of":
        words = words[2:]
    return " ".join(words)


def _np_before(text: str) -> str:
    """Words before "worth": back to the seizure verb or the last comma."""
    cut = max(text.rfind(","), text.rfind(";"), text.rfind("("))
    for m in _ACTIVE_CUE.finditer(text):
        cut = max(cut, m.end() - 1)
    phrase = text[cut + 1 :].strip()
    phrase = re.sub(r"^(?:and|the|also|a|an)\s+", "", phrase, flags=re.IGNORECASE)
    return phrase


def _head(item: str) -> str:
    words = item.lower().split()
    if "of" in words:
        return words[words.index("of") - 1] if words.index("of") else words[0]
    return words[-1] if words else ""


def _money(
    view: SentenceView, num: Number, before: str, after: str, priced: bool = False
) -> SeizureMention | None:
    cb = _CURRENCY_BEFORE.search(before[-5:])
    ca = None if cb else _CURRENCY_AFTER.match(after)
    if not (cb or ca):
        return None
    cur = (cb or ca).group("cur")
    unit = _CUR_CODE.get(cur.lower(), cur.upper())
    bare_before = before[: len(before) - len(cb.group())] if cb else before
    if re.search(r"\([^()]{0,25}$", bare_before):
        return None  # a conversion in brackets
    if _NOT_SEIZED_BEFORE.search(bare_before):
        return None
    worth = re.search(
        r"\b(?:worth|valued at|value of|with a value of)\s+(?:in excess of|over|more than|about|"
        r"around|approximately|some|up to|nearly|almost|an estimated|at least)?\s*$",
        bare_before,
        re.IGNORECASE,
    )
    rest = after[ca.end() :] if ca else after
    if worth:
        np_text = _np_before(bare_before[: worth.start()])
        if priced or re.search(r"\d", np_text) or not np_text:
            return None
        item = " ".join(np_text.split()[-5:])
    else:
        im = re.match(r"^\s*(?:in|of)\s+", rest)
        item = _words_after(rest[im.end() :]) if im else ""
        if item[:1].isupper() and not item.split()[0].isupper():
            item = ""  # "EUR 2.4 million in Greece": a place, not what was seized
        item = item or "cash"
    return SeizureMention(item, None if _approximate(after) else num.value, unit, view)


def _approximate(after: str) -> bool:
    return bool(re.match(r"^\s*or so\b", after, re.IGNORECASE))


def _measure(view: SentenceView, num: Number, after: str) -> SeizureMention | None:
    rest = after
    approx = _approximate(rest)
    if approx:
        rest = rest[re.match(r"^\s*or so", rest, re.IGNORECASE).end() :]
    um = _UNIT.match(rest)
    if not um:
        return None
    item = _words_after(rest[um.end() :])
    if not item:
        return None
    unit = _UNIT_CODE.get(um.group("unit").lower(), um.group("unit").lower())
    return SeizureMention(item, None if approx else num.value, unit, view)


def _count(view: SentenceView, num: Number, after: str, in_list: bool) -> SeizureMention | None:
    if num.as_int is None or (num.value >= 1900 and num.value <= 2100 and not num.words):
        return None
    item = _words_after(after)
    if not item:
        return None
    head = _head(item)
    if head in EXCLUDED or not re.match(r"[a-z]", head):
        return None
    if head not in SEIZABLE and not in_list:
        return None
    return SeizureMention(item, None if _approximate(after) else num.value, None, view)


def _quantified(view: SentenceView) -> list[SeizureMention]:
    out: list[SeizureMention] = []
    for m in _QUANTIFIER.finditer(view.text):
        rest = view.text[m.end() :]
        if re.match(r"\s*\d", rest):
            continue
        cm = _CURRENCY_AFTER.match(" " + rest)
        if cm:
            im = re.match(r"^\s*(?:in|of)\s+", rest[cm.end() - 1 :])
            item = _words_after(rest[cm.end() - 1 + im.end() :]) if im else "cash"
            out.append(
                SeizureMention(
                    item or "cash",
                    None,
                    _CUR_CODE.get(cm.group("cur").lower(), cm.group("cur").upper()),
                    view,
                )
            )
            continue
        um = _UNIT.match(rest)
        if um and um.group("unit").lower() not in ("t", "g", "l"):
            item = _words_after(rest[um.end() :])
            if item:
                out.append(
                    SeizureMention(item, None, _UNIT_CODE.get(um.group("unit").lower()), view)
                )
            continue
        item = _words_after(rest)
        if item and _head(item) in SEIZABLE:
            out.append(SeizureMention(item, None, None, view))
    return out


def _in_sentence(view: SentenceView) -> list[SeizureMention]:
    text = view.text
    cues = [m.end() for m in _ACTIVE_CUE.finditer(text)]
    out: list[SeizureMention] = []
    last_item_end = -1
    for num in view.numbers:
        s, e = view.local(num.start), view.local(num.end)
        before, after = text[max(0, s - 150) : s], text[e : e + 200]
        gap = text[last_item_end:s] if last_item_end >= 0 else ""
        priced = last_item_end >= 0 and not _NEW_OBJECT.search(gap)
        found = _money(view, num, before, after, priced) or _measure(view, num, after)
        if found is None:
            opened = [c for c in cues if c <= s]  # cue ends are sentence offsets
            in_list = bool(opened) and ";" not in text[max(opened) : s]
            found = _count(view, num, after, in_list)
        if found is not None:
            out.append(found)
            last_item_end = e if found.unit is None or found.unit in _UNIT_CODE.values() else -1
    out.extend(_quantified(view))
    out.extend(_bare_items(view, cues))
    return out


_LIST_SPLIT = re.compile(r"\s*(,|;|\band\b|\bas well as\b|\bplus\b)\s*")
_LIST_END = re.compile(
    r"[.:(]|\b(?:in|at|from|during|worth|which|that|were|was|while|after|before|"
    r"belonging|hidden|for|on|by|to)\b"
)
_PUNCT_END = re.compile(r"[.:(]")
_SUB_ITEMS = re.compile(r"^(?:among them|including|such as|of which|mainly|mostly)\b", re.I)
_MEASURED = re.compile(
    r"\b(?:kg|kgs|kilos?|kilograms?|tonnes?|tons?|litres?|liters?|grams?|euros?|EUR|USD|GBP|"
    r"dollars?|pounds|cash)\b|[€$£]",
    re.IGNORECASE,
)
DRUGS = word_set(
    "cocaine heroin cannabis hashish marijuana amphetamine amphetamines methamphetamine "
    "mdma ecstasy drugs narcotics fentanyl ketamine khat"
)
_DETERMINERS = word_set("the a an some his her their its")


def _bare_items(view: SentenceView, cues: list[int]) -> list[SeizureMention]:
    """Unquantified goods in the list right after a seizure verb: "seized EUR 120 000 in
    cash, 35 mobile phones and forged documents" -> forged documents. After a measured
    item, "and ..." continues it ("8 kg of ketamine and MDMA tablets", "cash and jewellery")."""
    if not cues:
        return []
    pieces = _LIST_SPLIT.split(view.text[cues[0] : cues[0] + 300])
    out: list[SeizureMention] = []
    previous, separator = "", ""
    for k in range(0, len(pieces), 2):
        part = pieces[k].strip()
        words = part.split()
        numbered = any(c.isdigit() for c in part) or not NUMBER_WORDS.isdisjoint(
            w.lower() for w in words
        )
        # a quantified item may go on ("EUR 120 000 in cash"); the list ends at punctuation
        end = (_PUNCT_END if numbered else _LIST_END).search(part)
        head_part = part[: end.start()].strip() if end else part
        if _SUB_ITEMS.match(part) or not head_part:
            break
        words = head_part.split()
        low = [w.lower() for w in words]
        continues = separator.lower() == "and" and bool(_MEASURED.search(previous))
        if low and low[0] in _DETERMINERS:
            words, low = words[1:], low[1:]
        if (
            words
            and not numbered
            and not continues
            and len(words) <= 4
            and not _QUANTIFIER.match(head_part)
            and (low[-1] in SEIZABLE or low[-1] in DRUGS)
            and low[-1] not in EXCLUDED
        ):
            out.append(SeizureMention(" ".join(words), None, None, view))
        if end is not None:
            break
        previous = part
        separator = pieces[k + 1].strip() if k + 1 < len(pieces) else ""
    return out


def _same(a: SeizureMention, b: SeizureMention) -> bool:
    """The same seizure told twice: same figure and unit, and a shared item word (or one
    of them is the headline's summary of the other)."""
    if a.quantity != b.quantity or a.unit != b.unit:
        return False
    if a.sentence.headline or b.sentence.headline:
        return True
    wa = {w for w in a.item.lower().split() if len(w) > 2}
    wb = {w for w in b.item.lower().split() if len(w) > 2}
    return bool(wa & wb)


def find_seizures(analysis: Analysis) -> list[SeizureMention]:
    """Distinct seizures, body first so a headline's repeat of a figure is dropped."""
    views = [
        v
        for v in analysis.sentences
        if not v.background and v.has_prefix(_SEIZE_PREFIXES) and _SEIZE.search(v.text)
    ]
    views.sort(key=lambda v: (v.headline, v.start))
    out: list[SeizureMention] = []
    for view in views:
        for mention in _in_sentence(view):
            if not any(_same(mention, kept) for kept in out):
                out.append(mention)
    out.sort(key=lambda m: m.sentence.start)
    return out
