"""Language detection: scripts, Cyrillic alphabets, function words, too little text, speed."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.ingest.language import SAMPLE_CHARS, detect_language

# One sentence per language, written for these tests.
SAMPLES = {
    "en": "The former president left the country on Thursday after the protests, and the "
    "interim government said it would seek his return.",
    "de": "Der frühere Präsident hat das Land am Donnerstag verlassen, und die Regierung sagte, "
    "sie werde seine Rückkehr verlangen.",
    "fr": "L'ancien président a quitté le pays jeudi après les manifestations, et le "
    "gouvernement a dit qu'il demandera son retour.",
    "es": "El expresidente salió del país el jueves después de las protestas, y el gobierno "
    "dijo que pedirá su regreso.",
    "it": "L'ex presidente ha lasciato il paese giovedì dopo le proteste, e il governo ha "
    "detto che chiederà il suo ritorno.",
    "pt": "O ex-presidente deixou o país na quinta-feira depois dos protestos, e o governo "
    "disse que vai pedir o seu regresso.",
    "nl": "De voormalige president heeft het land donderdag verlaten na de protesten, en de "
    "regering zei dat zij zijn terugkeer zal eisen.",
    "pl": "Były prezydent opuścił kraj w czwartek po protestach, a rząd powiedział, że będzie "
    "się domagał jego powrotu.",
    "tr": "Eski cumhurbaşkanı protestolardan sonra perşembe günü ülkeyi terk etti ve hükümet "
    "onun geri dönmesini isteyeceğini söyledi.",
    "ru": "Бывший президент покинул страну в четверг после протестов, и временное "
    "правительство заявило, что будет добиваться его возвращения.",
    "uk": "Колишній президент залишив країну в четвер після протестів, і тимчасовий уряд "
    "заявив, що вимагатиме його повернення до Києва.",
    "be": "Былы прэзідэнт пакінуў краіну ў чацвер пасля пратэстаў, і часовы ўрад заявіў, што "
    "будзе дамагацца яго вяртання.",
    "bg": "Бившият президент напусна страната в четвъртък след протестите, а временното "
    "правителство заяви, че ще търси неговото връщане.",
    "sr": "Бивши председник је напустио земљу у четвртак после протеста, а привремена влада "
    "је рекла да ће тражити његов повратак.",
    "el": "Ο πρώην πρόεδρος εγκατέλειψε τη χώρα την Πέμπτη μετά τις διαδηλώσεις.",
    "ar": "غادر الرئيس السابق البلاد يوم الخميس بعد الاحتجاجات وقالت الحكومة إنها ستطالب بعودته.",
    "fa": "رئیس جمهور پیشین پس از اعتراضات روز پنجشنبه کشور را ترک کرد و دولت گفت که بازگشت "
    "او را خواهد خواست.",
    "he": "הנשיא לשעבר עזב את המדינה ביום חמישי לאחר ההפגנות והממשלה אמרה שתדרוש את חזרתו.",
    "zh": "前总统在抗议活动后于星期四离开了该国，临时政府表示将要求他回国。",
    "ja": "前大統領は抗議活動の後、木曜日に国を離れ、暫定政府は彼の帰国を求めると述べた。",
    "ko": "전 대통령은 시위 후 목요일에 나라를 떠났으며 임시 정부는 그의 귀국을 "
    "요구하겠다고 밝혔다.",
}


@pytest.mark.parametrize(("code", "text"), sorted(SAMPLES.items()))
def test_one_sentence_is_enough(code: str, text: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t",
        "Hello world",
        "12345 67890 !!! 2010-04-17",
        "Kurmanbek Bakiyev Roza Otunbayeva Alexander Lukashenko Minsk Bishkek",  # names only
        "前总统",
    ],
)
def test_too_little_evidence_gives_none(text: str) -> None:
    assert detect_language(text) is None


def test_a_foreign_quote_does_not_change_the_verdict() -> None:
    text = SAMPLES["en"] + " He said: «Мы в полной боевой готовности». " + SAMPLES["en"]
    assert detect_language(text) == "en"


def test_a_ukrainian_place_name_in_russian_text_stays_russian() -> None:
    assert detect_language(SAMPLES["ru"] + " Он был в Києві.") == "ru"


def test_a_russian_name_in_ukrainian_text_stays_ukrainian() -> None:
    assert detect_language(SAMPLES["uk"] + " Він зустрівся з Лукашенком у Мінську.") == "uk"


def test_huge_texts_are_read_by_sample() -> None:
    text = SAMPLES["de"] * (2_000_000 // len(SAMPLES["de"]))
    assert detect_language(text) == "de"
    assert SAMPLE_CHARS <= 20_000


@given(st.text())
def test_never_raises_and_answers_a_code_or_none(text: str) -> None:
    code = detect_language(text)
    assert code is None or (len(code) == 2 and code.isalpha() and code.islower())


def test_corpus_is_english(bakiyev_dir: Path) -> None:
    for path in sorted(bakiyev_dir.glob("*.txt")):
        assert detect_language(path.read_text(encoding="utf-8")) == "en", path.name
