"""Language of a text as an ISO 639-1 code, without dependencies: script first, then stopwords.

A text's writing system settles most languages at once (Greek, Arabic,
Hangul...). Cyrillic is split by the letters only some alphabets have
(ў Belarusian, ї є ґ Ukrainian, ђ ј Serbian, ѓ ќ Macedonian): alphabets that
would leave many letters unexplained are ruled out. Latin text, and the
Cyrillic alphabets that remain, are scored by the share of very common
function words of each language, a shared word counting for less. Only a sample of
at most ``SAMPLE_CHARS`` characters is read, so the cost does not grow with
the text. Too little text, or text with no function words, gives None.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

SAMPLE_CHARS = 20_000  # read at most this much: plenty for a verdict, cheap on huge inputs
MIN_LETTERS = 20  # fewer letters than this is no evidence of a language
MIN_IDEOGRAPHS = 6  # CJK characters carry a word each: fewer are needed
MIN_SCORE = 2.0  # weighted function-word hits a Latin or Cyrillic verdict needs
MIN_SHARE = 0.05  # … and the share of the words they must make up

# Unicode blocks: (first code point, last code point, script).
_BLOCKS = sorted(
    [
        (0x0041, 0x005A, "latin"),
        (0x0061, 0x007A, "latin"),
        (0x00C0, 0x024F, "latin"),
        (0x1E00, 0x1EFF, "latin"),
        (0x0370, 0x03FF, "greek"),
        (0x1F00, 0x1FFF, "greek"),
        (0x0400, 0x052F, "cyrillic"),
        (0x0530, 0x058F, "armenian"),
        (0x0590, 0x05FF, "hebrew"),
        (0x0600, 0x06FF, "arabic"),
        (0x0750, 0x077F, "arabic"),
        (0xFB50, 0xFDFF, "arabic"),
        (0xFE70, 0xFEFF, "arabic"),
        (0x0900, 0x097F, "devanagari"),
        (0x0980, 0x09FF, "bengali"),
        (0x0B80, 0x0BFF, "tamil"),
        (0x0E00, 0x0E7F, "thai"),
        (0x10A0, 0x10FF, "georgian"),
        (0x1100, 0x11FF, "hangul"),
        (0x3130, 0x318F, "hangul"),
        (0xAC00, 0xD7AF, "hangul"),
        (0x3040, 0x30FF, "kana"),
        (0x3400, 0x4DBF, "han"),
        (0x4E00, 0x9FFF, "han"),
    ]
)
_STARTS = [block[0] for block in _BLOCKS]

# Scripts that name one language (the commonest writing it).
SCRIPT_LANGUAGE = {
    "greek": "el",
    "armenian": "hy",
    "hebrew": "he",
    "arabic": "ar",
    "devanagari": "hi",
    "bengali": "bn",
    "tamil": "ta",
    "thai": "th",
    "georgian": "ka",
    "hangul": "ko",
}
# Letters that only some Arabic-script languages use.
ARABIC_LETTERS = {"fa": "پچژگ", "ur": "ٹڈڑںے"}
# The letters of each Cyrillic alphabet: a text full of letters foreign to one is not in it.
_RUSSIAN = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
CYRILLIC_ALPHABETS = {
    "ru": _RUSSIAN,
    "uk": "".join(c for c in _RUSSIAN if c not in "ёъыэ") + "іїєґ",
    "be": "".join(c for c in _RUSSIAN if c not in "ищъ") + "іў",
    "bg": "".join(c for c in _RUSSIAN if c not in "ёыэ"),
    "sr": "абвгдђежзијклљмнњопрстћуфхцчџш",
    "mk": "абвгдѓежзѕијклљмнњопрстќуфхцчџш",
}
FOREIGN_TOLERANCE = 0.01  # share of foreign letters (quoted names) an alphabet may carry

# The commonest function words per language (written as data, scored in ``_score``).
STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the of and to in is that for it as was with be by on not he this are or his "
        "from at which but have an they you were her she there been has their we would will "
        "its who if about when can them what also into than only these after could said",
        "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als "
        "auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem "
        "über einen so zum war haben nur oder aber vor zur bis mehr durch man sein wurde",
        "fr": "de la le et les des en un une du que est pour qui dans par sur pas au plus ne se "
        "ce il sont avec son aux ou été elle mais nous comme ses cette leur ont lui sa fait "
        "aussi entre été était où",
        "es": "de la que el en y los del se las por un para con no una su al es lo como más "
        "pero sus le ya fue este ha porque esta entre cuando muy sin sobre también hasta hay "
        "donde han desde todo nos durante",
        "it": "di e il la che in per un è del non una con i da si le sono al come della lo ma "
        "ha anche più dei nel alla gli ci se questo delle nella essere sua suo tra quando sul "
        "era",
        "pt": "de a o que e do da em um para é com não uma os no se na por mais as dos como "
        "mas foi ao ele das tem à seu sua ou ser quando muito há nos já está também pelo pela "
        "até isso ela entre",
        "nl": "de en het van een in is dat op te zijn met voor niet die er aan ook als maar om "
        "bij door dan over nog wordt naar uit heeft hij ze zij was werd worden deze dit geen "
        "kan tot",
        "pl": "i w na z się nie do to że jest o jak po co tak za od ale przez czy już jego dla "
        "tylko go być jej są może było by gdy ich został oraz bardzo także które który która",
        "tr": "ve bir bu da de için ile olarak çok daha gibi olan ne en ama mi kadar sonra var "
        "değil her şey ya ancak bunu tarafından olduğu göre diye veya",
        "ru": "и в не на что с по он как а то это к из у за от о так же все но его для было бы "
        "она был только мы при или были до их уже быть также если после",
        "bg": "и на да се в не за от е с са по че като ще но това го до или ги тя той които "
        "към беше",
        "uk": "і в на з що не та до у це як за від він його але про так для ми вона по її ж "
        "було був були вже також які який яка щоб коли після бути й",
        "be": "і ў на з што не да ад гэта як за па ён яго але пра так для мы яна яе быў была "
        "былі ужо таксама якія які каб калі пасля быць",
        "sr": "и у на је да се за од са не су то као из ће али о који која било или по",
        "mk": "и на во да се не за од со е тоа како што ќе но ги ја го",
    }.items()
}
_LATIN = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "tr")
# How many languages list each word: a word shared by three counts a third.
_SHARED = Counter(word for words in STOPWORDS.values() for word in words)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the language ``text`` is written in, or None if unsure."""
    sample = text[:SAMPLE_CHARS]
    counts = script_counts(sample)
    if not counts:
        return None
    script, letters = counts.most_common(1)[0]
    if script in {"han", "kana"}:
        return _cjk(counts)
    if letters < MIN_LETTERS:
        return None
    if script == "latin":
        return _by_stopwords(sample, _LATIN)
    if script == "cyrillic":
        return _cyrillic(sample)
    if script == "arabic":
        return _marked(sample, ARABIC_LETTERS, letters) or "ar"
    return SCRIPT_LANGUAGE.get(script)


def script_counts(text: str) -> Counter[str]:
    """How many letters of each script ``text`` has."""
    counts: Counter[str] = Counter()
    for char in text:
        if char.isalpha():
            index = bisect.bisect_right(_STARTS, ord(char)) - 1
            if index >= 0 and ord(char) <= _BLOCKS[index][1]:
                counts[_BLOCKS[index][2]] += 1
    return counts


def _cjk(counts: Counter[str]) -> str | None:
    ideographs = counts["han"] + counts["kana"]
    if ideographs < MIN_IDEOGRAPHS:
        return None
    return "ja" if counts["kana"] >= 0.05 * ideographs else "zh"


def _cyrillic(sample: str) -> str | None:
    """The alphabets that fit the letters, then function words among them; Russian by default."""
    letters = Counter(c for c in sample.lower() if "\u0400" <= c <= "\u052f")
    total = sum(letters.values())
    foreign = {
        lang: sum(n for c, n in letters.items() if c not in alphabet)
        for lang, alphabet in CYRILLIC_ALPHABETS.items()
    }
    fewest = min(foreign.values())
    fitting = tuple(
        lang for lang, n in foreign.items() if n <= fewest + 1 + FOREIGN_TOLERANCE * total
    )
    if len(fitting) == 1:
        return fitting[0]
    return _by_stopwords(sample, fitting) or min(fitting, key=lambda lang: foreign[lang])


def _marked(text: str, table: dict[str, str], letters: int) -> str | None:
    """The language whose marker letters make up the largest share, if more than 0.2%."""
    shares = {lang: sum(text.count(c) for c in marks) / letters for lang, marks in table.items()}
    lang, share = max(shares.items(), key=lambda item: item[1])
    return lang if share > 0.002 else None


def _by_stopwords(sample: str, languages: tuple[str, ...]) -> str | None:
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < 3:
        return None
    scores = {lang: _score(words, STOPWORDS[lang]) for lang in languages}
    lang, score = max(scores.items(), key=lambda item: item[1])
    if score < MIN_SCORE or score / len(words) < MIN_SHARE:
        return None
    return lang


def _score(words: list[str], stopwords: frozenset[str]) -> float:
    return sum(1 / _SHARED[w] for w in words if w in stopwords)
