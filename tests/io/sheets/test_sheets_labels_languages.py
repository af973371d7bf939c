"""Labels in the languages teams write: each language's words match, and a sheet in it imports whole."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pytest

from journeymap.io.sheets import load_spreadsheet
from journeymap.io.sheets.labels import Field, Label, synonyms
from journeymap.model import Kind
from tests.io.sheets.files import cards_by_stage, write_csv


@dataclass(frozen=True)
class Language:
    code: str
    labels: dict[str, Label]  # label as a team writes it -> what it means
    emotions: dict[str, int]
    sheet: list[list[str]]  # stages as columns: corner label and stage names, then labelled rows
    stages: list[str]
    goals: list[str]
    touchpoints: dict[str, list[str]]
    pains: dict[str, list[str]]
    emotion_of_first: int  # the emotion the sheet gives the first stage's touchpoints


def _labels(pairs: dict[str, Field | Label]) -> dict[str, Label]:
    return {raw: value if isinstance(value, Label) else Label(value) for raw, value in pairs.items()}


F = Field
LANGUAGES = [
    Language(
        "de",
        _labels(
            {
                "Phase": F.STAGE,
                "Phasen": F.STAGE,
                "Ziel": F.GOAL,
                "Ziele": F.GOAL,
                "Zeitrahmen": F.TIMELINE,
                "Erfolgskriterien": F.SUCCESS_CRITERIA,
                "Verantwortlich": F.OWNER,
                "Kontaktpunkte": F.TOUCHPOINTS,
                "Touchpoints": F.TOUCHPOINTS,
                "Schmerzpunkte": F.PAIN_POINTS,
                "Chancen": F.OPPORTUNITIES,
                "Emotionen": F.EMOTIONS,
                "Gedanken": F.THOUGHTS,
                "Meilensteine": F.MILESTONES,
                "Kanal": F.CHANNEL,
                "Notizen": F.NOTES,
                "Kundensegment": F.PERSONA,
                "Kartentyp": F.KIND,
                "Wichtigste Schmerzpunkte": F.PAIN_POINTS,
                "Hauptschmerzpunkte": F.PAIN_POINTS,
                "Kontaktpunkte: KMU": Label(F.TOUCHPOINTS, "KMU"),
                "Enterprise Kontaktpunkte": Label(F.TOUCHPOINTS, "Enterprise"),
            }
        ),
        {"positiv": 1, "sehr negativ": -2, "Neutral": 0, "Zufrieden": 1},
        [
            ["Phase", "Entdecken", "Kaufen", "Nutzen"],
            ["Ziel", "Lösung finden", "Vertrag schließen", "Täglich nutzen"],
            ["Kontaktpunkte", "Webseite\nWebinar", "Angebot", "Schulung"],
            ["Schmerzpunkte", "", "Langer Einkauf", ""],
            ["Emotionen", "positiv", "", ""],
            ["Verantwortlich", "Marketing", "Vertrieb", "Kundenerfolg"],
        ],
        ["Entdecken", "Kaufen", "Nutzen"],
        ["Lösung finden", "Vertrag schließen", "Täglich nutzen"],
        {"Entdecken": ["Webseite", "Webinar"], "Kaufen": ["Angebot"], "Nutzen": ["Schulung"]},
        {"Kaufen": ["Langer Einkauf"]},
        1,
    ),
    Language(
        "fr",
        _labels(
            {
                "Étape": F.STAGE,
                "Etape": F.STAGE,
                "Étapes": F.STAGE,
                "Objectif": F.GOAL,
                "Objectifs": F.GOAL,
                "Points de contact": F.TOUCHPOINTS,
                "Points de douleur": F.PAIN_POINTS,
                "Points de friction": F.PAIN_POINTS,
                "Opportunités": F.OPPORTUNITIES,
                "Opportunites": F.OPPORTUNITIES,
                "Émotions": F.EMOTIONS,
                "Responsable": F.OWNER,
                "Délai": F.TIMELINE,
                "Durée": F.TIMELINE,
                "Critères de succès": F.SUCCESS_CRITERIA,
                "Pensées": F.THOUGHTS,
                "Jalons": F.MILESTONES,
                "Canal": F.CHANNEL,
                "Commentaires": F.NOTES,
                "Segment client": F.PERSONA,
                "Catégorie": F.KIND,
                "Points de douleur principaux": F.PAIN_POINTS,
                "Points de contact : PME": Label(F.TOUCHPOINTS, "PME"),
            }
        ),
        {"positif": 1, "Très négatif": -2, "neutre": 0, "négative": -1, "negatif": -1},
        [
            ["Étape", "Découverte", "Achat", "Utilisation"],
            ["Objectif", "Trouver une solution", "Signer", "Utiliser chaque jour"],
            ["Points de contact", "Site web\nWebinaire", "Devis", "Formation"],
            ["Points de friction", "", "Achat trop long", ""],
            ["Émotions", "très positif", "", ""],
            ["Responsable", "Marketing", "Ventes", "Succès client"],
        ],
        ["Découverte", "Achat", "Utilisation"],
        ["Trouver une solution", "Signer", "Utiliser chaque jour"],
        {"Découverte": ["Site web", "Webinaire"], "Achat": ["Devis"], "Utilisation": ["Formation"]},
        {"Achat": ["Achat trop long"]},
        2,
    ),
    Language(
        "es",
        _labels(
            {
                "Etapa": F.STAGE,
                "Fase": F.STAGE,
                "Objetivo": F.GOAL,
                "Objetivos": F.GOAL,
                "Puntos de contacto": F.TOUCHPOINTS,
                "Puntos de dolor": F.PAIN_POINTS,
                "Oportunidades": F.OPPORTUNITIES,
                "Emociones": F.EMOTIONS,
                "Responsable": F.OWNER,
                "Plazo": F.TIMELINE,
                "Criterios de éxito": F.SUCCESS_CRITERIA,
                "Criterios de exito": F.SUCCESS_CRITERIA,
                "Pensamientos": F.THOUGHTS,
                "Hitos": F.MILESTONES,
                "Canales": F.CHANNEL,
                "Notas": F.NOTES,
                "Segmento": F.PERSONA,
                "Tipo": F.KIND,
                "Principales puntos de dolor": F.PAIN_POINTS,
                "Puntos de contacto: Pymes": Label(F.TOUCHPOINTS, "Pymes"),
            }
        ),
        {"positivo": 1, "Muy negativo": -2, "neutral": 0, "negativa": -1},
        [
            ["Etapa", "Descubrimiento", "Compra", "Uso"],
            ["Objetivo", "Encontrar una solución", "Firmar", "Usarlo a diario"],
            ["Puntos de contacto", "Web\nSeminario", "Propuesta", "Formación"],
            ["Puntos de dolor", "", "Compra lenta", ""],
            ["Emociones", "negativo", "", ""],
            ["Responsable", "Marketing", "Ventas", "Éxito del cliente"],
        ],
        ["Descubrimiento", "Compra", "Uso"],
        ["Encontrar una solución", "Firmar", "Usarlo a diario"],
        {"Descubrimiento": ["Web", "Seminario"], "Compra": ["Propuesta"], "Uso": ["Formación"]},
        {"Compra": ["Compra lenta"]},
        -1,
    ),
    Language(
        "pt",
        _labels(
            {
                "Etapa": F.STAGE,
                "Fase": F.STAGE,
                "Objetivo": F.GOAL,
                "Pontos de contato": F.TOUCHPOINTS,
                "Pontos de contacto": F.TOUCHPOINTS,
                "Pontos de dor": F.PAIN_POINTS,
                "Oportunidades": F.OPPORTUNITIES,
                "Emoções": F.EMOTIONS,
                "Emocoes": F.EMOTIONS,
                "Responsável": F.OWNER,
                "Prazo": F.TIMELINE,
                "Critérios de sucesso": F.SUCCESS_CRITERIA,
                "Pensamentos": F.THOUGHTS,
                "Marcos": F.MILESTONES,
                "Canais": F.CHANNEL,
                "Observações": F.NOTES,
                "Segmentos": F.PERSONA,
                "Categoria": F.KIND,
                "Principais pontos de dor": F.PAIN_POINTS,
                "Pontos de contato: PME": Label(F.TOUCHPOINTS, "PME"),
            }
        ),
        {"positivo": 1, "muito negativo": -2, "neutro": 0},
        [
            ["Etapa", "Descoberta", "Compra", "Uso"],
            ["Objetivo", "Encontrar uma solução", "Assinar", "Usar todo dia"],
            ["Pontos de contato", "Site\nWebinar", "Proposta", "Treinamento"],
            ["Pontos de dor", "", "Compra demorada", ""],
            ["Emoções", "neutro", "", ""],
            ["Responsável", "Marketing", "Vendas", "Sucesso do cliente"],
        ],
        ["Descoberta", "Compra", "Uso"],
        ["Encontrar uma solução", "Assinar", "Usar todo dia"],
        {"Descoberta": ["Site", "Webinar"], "Compra": ["Proposta"], "Uso": ["Treinamento"]},
        {"Compra": ["Compra demorada"]},
        0,
    ),
    Language(
        "it",
        _labels(
            {
                "Fase": F.STAGE,
                "Fasi": F.STAGE,
                "Obiettivo": F.GOAL,
                "Obiettivi": F.GOAL,
                "Punti di contatto": F.TOUCHPOINTS,
                "Punti di dolore": F.PAIN_POINTS,
                "Criticità": F.PAIN_POINTS,
                "Opportunità": F.OPPORTUNITIES,
                "Emozioni": F.EMOTIONS,
                "Responsabile": F.OWNER,
                "Tempistica": F.TIMELINE,
                "Criteri di successo": F.SUCCESS_CRITERIA,
                "Pensieri": F.THOUGHTS,
                "Pietre miliari": F.MILESTONES,
                "Canale": F.CHANNEL,
                "Note": F.NOTES,
                "Segmento": F.PERSONA,
                "Tipologia": F.KIND,
                "Principali punti di dolore": F.PAIN_POINTS,
                "Punti di contatto: PMI": Label(F.TOUCHPOINTS, "PMI"),
            }
        ),
        {"positivo": 1, "molto negativo": -2, "neutro": 0},
        [
            ["Fase", "Scoperta", "Acquisto", "Utilizzo"],
            ["Obiettivo", "Trovare una soluzione", "Firmare", "Usarlo ogni giorno"],
            ["Punti di contatto", "Sito\nWebinar", "Offerta", "Formazione"],
            ["Punti di dolore", "", "Acquisto lento", ""],
            ["Emozioni", "molto negativo", "", ""],
            ["Responsabile", "Marketing", "Vendite", "Customer success"],
        ],
        ["Scoperta", "Acquisto", "Utilizzo"],
        ["Trovare una soluzione", "Firmare", "Usarlo ogni giorno"],
        {"Scoperta": ["Sito", "Webinar"], "Acquisto": ["Offerta"], "Utilizzo": ["Formazione"]},
        {"Acquisto": ["Acquisto lento"]},
        -2,
    ),
    Language(
        "nl",
        _labels(
            {
                "Fase": F.STAGE,
                "Fasen": F.STAGE,
                "Doel": F.GOAL,
                "Doelen": F.GOAL,
                "Contactpunten": F.TOUCHPOINTS,
                "Pijnpunten": F.PAIN_POINTS,
                "Knelpunten": F.PAIN_POINTS,
                "Kansen": F.OPPORTUNITIES,
                "Emoties": F.EMOTIONS,
                "Eigenaar": F.OWNER,
                "Verantwoordelijk": F.OWNER,
                "Tijdlijn": F.TIMELINE,
                "Succescriteria": F.SUCCESS_CRITERIA,
                "Gedachten": F.THOUGHTS,
                "Mijlpalen": F.MILESTONES,
                "Kanaal": F.CHANNEL,
                "Opmerkingen": F.NOTES,
                "Doelgroep": F.PERSONA,
                "Soort": F.KIND,
                "Belangrijkste pijnpunten": F.PAIN_POINTS,
                "Contactpunten: MKB": Label(F.TOUCHPOINTS, "MKB"),
            }
        ),
        {"positief": 1, "zeer negatief": -2, "neutraal": 0},
        [
            ["Fase", "Oriëntatie", "Aankoop", "Gebruik"],
            ["Doel", "Oplossing vinden", "Tekenen", "Dagelijks gebruiken"],
            ["Contactpunten", "Website\nWebinar", "Offerte", "Training"],
            ["Pijnpunten", "", "Trage inkoop", ""],
            ["Emoties", "positief", "", ""],
            ["Eigenaar", "Marketing", "Sales", "Customer success"],
        ],
        ["Oriëntatie", "Aankoop", "Gebruik"],
        ["Oplossing vinden", "Tekenen", "Dagelijks gebruiken"],
        {"Oriëntatie": ["Website", "Webinar"], "Aankoop": ["Offerte"], "Gebruik": ["Training"]},
        {"Aankoop": ["Trage inkoop"]},
        1,
    ),
    Language(
        "ja",
        _labels(
            {
                "ステージ": F.STAGE,
                "段階": F.STAGE,
                "フェーズ": F.STAGE,
                "目的": F.GOAL,
                "目標": F.GOAL,
                "タッチポイント": F.TOUCHPOINTS,
                "接点": F.TOUCHPOINTS,
                "ペインポイント": F.PAIN_POINTS,
                "課題": F.PAIN_POINTS,
                "機会": F.OPPORTUNITIES,
                "感情": F.EMOTIONS,
                "担当": F.OWNER,
                "担当者": F.OWNER,
                "期間": F.TIMELINE,
                "成功基準": F.SUCCESS_CRITERIA,
                "思考": F.THOUGHTS,
                "考え": F.THOUGHTS,
                "マイルストーン": F.MILESTONES,
                "チャネル": F.CHANNEL,
                "備考": F.NOTES,
                "ペルソナ": F.PERSONA,
                "種類": F.KIND,
                "主な課題": F.PAIN_POINTS,
                "顧客の感情": F.EMOTIONS,
                "ﾀｯﾁﾎﾟｲﾝﾄ": F.TOUCHPOINTS,  # half-width katakana: NFKC
                "Touchpoints：田中さん": Label(F.TOUCHPOINTS, "田中さん"),
                "タッチポイント：田中さん": Label(F.TOUCHPOINTS, "田中さん"),
                "田中さんのタッチポイント": Label(F.TOUCHPOINTS, "田中さん"),
            }
        ),
        {"ポジティブ": 1, "とても悪い": -2, "普通": 0},
        [
            ["ステージ", "認知", "購入", "利用"],
            ["目的", "解決策を探す", "契約する", "毎日使う"],
            ["タッチポイント", "ウェブサイト\nウェビナー", "見積もり", "研修"],
            ["課題", "", "購買に時間がかかる", ""],
            ["感情", "ポジティブ", "", ""],
            ["担当", "マーケティング", "営業", "カスタマーサクセス"],
        ],
        ["認知", "購入", "利用"],
        ["解決策を探す", "契約する", "毎日使う"],
        {"認知": ["ウェブサイト", "ウェビナー"], "購入": ["見積もり"], "利用": ["研修"]},
        {"購入": ["購買に時間がかかる"]},
        1,
    ),
]
IDS = [language.code for language in LANGUAGES]


@pytest.mark.parametrize("language", LANGUAGES, ids=IDS)
def test_each_language_s_labels_match(language: Language) -> None:
    table = synonyms()
    wrong = {raw: table.match(raw) for raw, label in language.labels.items() if table.match(raw) != label}
    assert wrong == {}


@pytest.mark.parametrize("language", LANGUAGES, ids=IDS)
def test_each_language_s_emotion_words(language: Language) -> None:
    assert {word: synonyms().emotion(word) for word in language.emotions} == language.emotions


@pytest.mark.parametrize("stages_as", ["columns", "rows"])
@pytest.mark.parametrize("language", LANGUAGES, ids=IDS)
def test_a_sheet_in_each_language_imports_whole(tmp_path: Path, language: Language, stages_as: str) -> None:
    rows = language.sheet if stages_as == "columns" else [list(column) for column in zip(*language.sheet, strict=True)]
    result = load_spreadsheet(write_csv(tmp_path / f"map-{language.code}.csv", rows))
    journey = result.map
    stages = [journey.stage(s) for s in journey.stage_ids()]
    assert [s.name for s in stages] == language.stages
    assert [s.goal for s in stages] == language.goals
    assert [s.owner for s in stages] == language.sheet[-1][1:]
    cards = {journey.card(c).title: journey.card(c) for c in journey.card_ids()}
    by_kind = {
        kind: {name: [t for t in titles if cards[t].kind is kind] for name, titles in cards_by_stage(result).items()}
        for kind in (Kind.TOUCHPOINT, Kind.PAIN_POINT)
    }
    assert by_kind[Kind.TOUCHPOINT] == language.touchpoints
    assert {name: titles for name, titles in by_kind[Kind.PAIN_POINT].items() if titles} == language.pains
    first_stage_cards = language.touchpoints[language.stages[0]]
    assert [cards[t].emotion for t in first_stage_cards] == [language.emotion_of_first] * len(first_stage_cards)
    assert not [n for n in result.notices if "not a label we know" in n.text]


def _language_file(code: str) -> dict[str, object]:
    folder = resources.files("journeymap.resources") / "labels"
    return json.loads((folder / f"{code}.json").read_text("utf-8"))


@pytest.mark.parametrize("code", IDS)
def test_every_field_has_words_in_every_language_and_each_matches_its_field(code: str) -> None:
    data = _language_file(code)
    fields = data["fields"]
    assert isinstance(fields, dict)
    assert set(fields) == {f.value for f in Field}
    for name, words in fields.items():
        assert words, f"{code}: no word for {name}"
        for word in words:
            assert synonyms().match(word) == Label(Field(name)), f"{code}: {word}"


def test_the_label_of_a_field_can_be_named_in_a_language() -> None:
    assert synonyms().name_in(Field.GOAL, "de") == "Ziel"
    assert synonyms().name_in(Field.PAIN_POINTS, "ja") == "ペインポイント"
    assert synonyms().name_in(Field.GOAL, "xx") == "goal"
    assert synonyms().language("Schmerzpunkte") == "de"
    assert synonyms().language("Étape") == "fr"
    assert synonyms().language("Parking lot") is None


@pytest.mark.parametrize("language", LANGUAGES, ids=IDS)
def test_a_touchpoint_inventory_in_each_language_imports_whole(tmp_path: Path, language: Language) -> None:
    """One row per touchpoint, under each language's own column names."""
    table = synonyms()
    header = [
        table.name_in(field, language.code)
        for field in (Field.STAGE, Field.TOUCHPOINTS, Field.CHANNEL, Field.PERSONA, Field.EMOTIONS)
    ]
    rows: list[list[str]] = [header]
    for stage in language.stages:
        for number, title in enumerate(language.touchpoints[stage]):
            rows.append(
                [
                    stage,
                    title,
                    "Email" if number % 2 else "Web",
                    "SMB" if number % 2 else "Enterprise",
                    "+1" if number % 2 else "-1",
                ]
            )
    result = load_spreadsheet(write_csv(tmp_path / f"inventory-{language.code}.csv", rows))
    journey = result.map
    assert [journey.stage(s).name for s in journey.stage_ids()] == language.stages
    assert {name: sorted(titles) for name, titles in cards_by_stage(result).items()} == {
        name: sorted(titles) for name, titles in language.touchpoints.items()
    }
    cards = {journey.card(c).title: journey.card(c) for c in journey.card_ids()}
    for row in rows[1:]:
        card = cards[row[1]]
        assert (card.channel, card.emotion) == (row[2], 1 if row[4] == "+1" else -1)
        assert (
            journey.lane(journey.cell_of(next(c for c in journey.card_ids() if journey.card(c) is card))[1]).name
            == row[3]
        )
    assert any("one row per touchpoint" in n.text for n in result.notices), header
