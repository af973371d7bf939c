"""Labels matched by their meaning words, and text that must never be taken for a label."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeymap.io.sheets import load_spreadsheet
from journeymap.io.sheets.labels import Field, Label, SynonymTable, synonyms
from journeymap.model import Kind
from tests.io.sheets.files import write_csv

F = Field


@pytest.mark.parametrize(
    ("raw", "label"),
    [
        ("Goal or objective", Label(F.GOAL)),
        ("Painpoints in each step", Label(F.PAIN_POINTS)),
        ("Opportunity for future state", Label(F.OPPORTUNITIES)),
        ("Doing (tasks)", Label(F.TOUCHPOINTS)),
        ("Thinking", Label(F.THOUGHTS)),
        ("Feeling", Label(F.EMOTIONS)),
        ("Feelings", Label(F.EMOTIONS)),
        ("Journey Step", Label(F.STAGE)),
        ("Sub-step", Label(F.TOUCHPOINTS)),
        ("What the customer is doing", Label(F.TOUCHPOINTS)),
        ("What they think", Label(F.THOUGHTS)),
        ("Customer quotes", Label(F.THOUGHTS)),
        ("The customer's goal", Label(F.GOAL)),
        ("Stage owner", Label(F.OWNER)),
        ("Kundenkontaktpunkte", Label(F.TOUCHPOINTS)),
        ("Emotions -2 to +2", Label(F.EMOTIONS)),
        ("Emotionen 1 bis 5", Label(F.EMOTIONS)),
        ("Pain points and frustrations", Label(F.PAIN_POINTS)),
        ("Thoughts & quotes", Label(F.THOUGHTS)),
        ("Points de douleur principaux", Label(F.PAIN_POINTS)),
        ("Punti di contatto principali", Label(F.TOUCHPOINTS)),
        ("Objectifs de l'étape", Label(F.GOAL)),
        ("Ziele der Phase", Label(F.GOAL)),
        ("Kansen voor verbetering", Label(F.OPPORTUNITIES)),
        ("課題と改善", Label(F.PAIN_POINTS)),
        ("Thoughts - Buyer", Label(F.THOUGHTS, "Buyer")),
        ("Top 3 opportunities", Label(F.OPPORTUNITIES)),
    ],
)
def test_labels_are_matched_by_their_meaning_words(raw: str, label: Label) -> None:
    assert synonyms().match(raw) == label


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ("Key Pain Points", F.PAIN_POINTS),
        ("Main touchpoints", F.TOUCHPOINTS),
        ("Top opportunities", F.OPPORTUNITIES),
        ("Primary goal", F.GOAL),
        ("Major pain points", F.PAIN_POINTS),
        ("Critical pain points", F.PAIN_POINTS),
        ("Customer touchpoints", F.TOUCHPOINTS),
        ("Customer's emotions", F.EMOTIONS),
        ("Key touchpoints", F.TOUCHPOINTS),
        ("主な課題", F.PAIN_POINTS),
        ("顧客の感情", F.EMOTIONS),
        ("Wichtigste Schmerzpunkte", F.PAIN_POINTS),
    ],
)
def test_modifiers_in_front_of_a_field_never_make_a_lane(raw: str, field: Field) -> None:
    assert synonyms().match(raw) == Label(field)


@pytest.mark.parametrize(
    ("raw", "label"),
    [
        ("Enterprise touchpoints", Label(F.TOUCHPOINTS, "Enterprise")),
        ("Touchpoints: SMB", Label(F.TOUCHPOINTS, "SMB")),
        ("Sales team touchpoints", Label(F.TOUCHPOINTS, "Sales team")),
        ("Key Account pain points", Label(F.PAIN_POINTS, "Key Account")),
        ("Thoughts: Buyer", Label(F.THOUGHTS, "Buyer")),
        ("IT admin thoughts", Label(F.THOUGHTS, "IT admin")),
        ("Key pain points: SMB", Label(F.PAIN_POINTS, "SMB")),
        (
            "Touchpoints：田中さん",
            Label(F.TOUCHPOINTS, "田中さん"),
        ),  # full-width colon, as a Japanese keyboard types it
        ("Touchpoints｜Ｅｎｔｅｒｐｒｉｓｅ", Label(F.TOUCHPOINTS, "Ｅｎｔｅｒｐｒｉｓｅ")),  # the name as written
        ("田中さんのタッチポイント", Label(F.TOUCHPOINTS, "田中さん")),
        ("SMB向けの接点", Label(F.TOUCHPOINTS, "SMB")),
        ("SMBタッチポイント", Label(F.TOUCHPOINTS, "SMB")),
    ],
)
def test_persona_lanes_are_still_named(raw: str, label: Label) -> None:
    assert synonyms().match(raw) == label


@pytest.mark.parametrize(
    "raw",
    [
        "Last reviewed 2 May by CS Ops",
        "Press File > Make a copy to edit this spreadsheet.",
        "Press File > Make a copy to edit this spreadsheet",
        "Customer Journey Map – Q3 2025",
        "How satisfied were you with the onboarding touchpoints?",
        "Which channel did you first hear about us from?",
        "Goals are reviewed every quarter by the whole CS team and the account owner",
        "Note: pain points come from the May interviews.",
        "Stakeholder",
        "Stakeholders",
        "Backstage",
        "Painting",
        "Goalkeeper",
        "Step 1",
        "Stage 1: Awareness",
        "Phase II",
        "Étape café",
        "Kaufphase",
        "Fase 2 - Compra",
        "Total touchpoints",
        "# of pain points",
        "Number of touchpoints",
        "Nombre de points de contact",
        "Anzahl Kontaktpunkte",
        "タッチポイント数",
        "合計",
        "このシートを編集するにはファイルからコピーを作成してください。",
        "Purchase / Subscription",
        "Goal: SMB",
        "Time to value",
        "Awareness",
        "Onboarding",
    ],
)
def test_notes_titles_sentences_and_names_are_not_labels(raw: str) -> None:
    assert synonyms().match(raw) is None


@pytest.mark.parametrize(
    "raw",
    [
        # Card titles that start with or contain a field's word are not labels: nothing links the rest to it.
        "Ideas portal",
        "Notes from call",
        "Comment from CEO",
        "Steps are unclear",
        "KPI dashboard",
        "Medium article",
        "Persona workshop",
        "Thinking about switching",
        "Goal setting workshop",
        "Owner changed mid-project",
        "Channel partner referral",
        "Milestone review meeting",
        "Touchpoint audit",
        "Customer Success",
        "Key Account Team",
        "Customer experience team",  # teams named in an Owner row
        # Stage names that end with a field's word do not name a persona's lane.
        "Account setup and first steps",
        "Order tracking & delivery issues",
        "ウェブサイト接点",
    ],
)
def test_card_titles_and_stage_names_with_field_words_are_not_labels(raw: str) -> None:
    assert synonyms().match(raw) is None


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ("Etape", F.STAGE),
        ("ETAPES", F.STAGE),
        ("Criterios de exito", F.SUCCESS_CRITERIA),
        ("Emocoes", F.EMOTIONS),
        ("Zustandig", F.OWNER),
        ("Ｇｏａｌｓ", F.GOAL),
        ("PAIN POINTS", F.PAIN_POINTS),
        ("ﾍﾟｲﾝﾎﾟｲﾝﾄ", F.PAIN_POINTS),
        ("感情【-2〜+2】", F.EMOTIONS),
        ("Emotionen (-2 bis +2)", F.EMOTIONS),
        ("【課題】", F.PAIN_POINTS),
        ("Points de contact\u00a0:\u00a0PME", F.TOUCHPOINTS),
    ],
)
def test_labels_match_after_unicode_normalisation_and_without_accents(raw: str, field: Field) -> None:
    label = synonyms().match(raw)
    assert label is not None and label.field is field


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ("Channel", F.CHANNEL),
        ("Channels", F.CHANNEL),
        ("Medium", F.CHANNEL),
        ("Via", F.CHANNEL),
        ("Touchpoint owner", F.CARD_OWNER),
        ("Card owner", F.CARD_OWNER),
        ("Persona", F.PERSONA),
        ("Personas", F.PERSONA),
        ("Segment", F.PERSONA),
        ("Segments", F.PERSONA),
        ("Customer segment", F.PERSONA),
        ("Role", F.PERSONA),
        ("Notes", F.NOTES),
        ("Note", F.NOTES),
        ("Comments", F.NOTES),
        ("Details", F.NOTES),
        ("Description", F.NOTES),
        ("Kind", F.KIND),
        ("Type", F.KIND),
        ("Card type", F.KIND),
        ("Category", F.KIND),
        ("Thoughts", F.THOUGHTS),
        ("Thinking", F.THOUGHTS),
        ("Quotes", F.THOUGHTS),
        ("Says", F.THOUGHTS),
        ("What they say", F.THOUGHTS),
        ("What they think", F.THOUGHTS),
        ("Step", F.TOUCHPOINTS),
        ("Action", F.TOUCHPOINTS),
        ("Touchpoint", F.TOUCHPOINTS),
        ("Stage", F.STAGE),
        ("Phase", F.STAGE),
        ("Journey step", F.STAGE),
        ("Kanal", F.CHANNEL),
        ("Canal", F.CHANNEL),
        ("Notizen", F.NOTES),
        ("Commentaires", F.NOTES),
        ("Kundensegment", F.PERSONA),
        ("Tipo", F.KIND),
        ("チャネル", F.CHANNEL),
        ("備考", F.NOTES),
    ],
)
def test_card_attribute_labels(raw: str, field: Field) -> None:
    assert synonyms().match(raw) == Label(field)


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("1,0", 1),
        ("＋１", 1),
        ("−2", -2),
        ("sehr positiv", 2),
        ("Très négatif", -2),
        ("tres negatif", -2),
        ("とても良い", 2),
    ],
)
def test_emotions_in_any_language_and_number_style(text: str, score: int) -> None:
    assert synonyms().emotion(text) == score


def test_a_word_that_means_two_fields_is_refused_when_the_table_is_loaded() -> None:
    english = {"language": "en", "fields": {"goal": ["aim"]}}
    other = {"language": "xx", "fields": {"owner": ["Aim"]}}
    with pytest.raises(ValueError, match="'Aim' means goal already, not owner"):
        SynonymTable(english, [other])


def test_accents_tell_words_apart_where_two_fields_share_the_unaccented_spelling() -> None:
    table = SynonymTable({"language": "en", "fields": {"goal": ["côte"], "owner": ["cote"]}})
    assert table.match("côte") == Label(F.GOAL)
    assert table.match("cote") == Label(F.OWNER)
    assert table.match("cöte") is None


def test_the_display_list_names_every_field_once() -> None:
    names = SynonymTable.fields_for_display()
    assert [field for field, _ in names] == list(Field)
    assert dict(names)[F.PAIN_POINTS] == "pain points"


@given(st.text(max_size=60))
def test_any_text_is_a_label_or_none_and_a_lane_is_never_blank(raw: str) -> None:
    label = synonyms().match(raw)
    assert label is None or isinstance(label.field, Field)
    assert label is None or label.persona is None or label.persona.strip()


def test_a_homework_style_sheet_labelled_by_meaning_imports_its_table(tmp_path: Path) -> None:
    rows = [
        ["Customer Journey Map – Q3 2025"],
        [],
        ["Journey Step", "Research", "Apply", "Enrol"],
        ["Goal or objective", "Find a course", "Submit application", "Start classes"],
        ["Sub-step", "Browse website", "Fill form", "Pay fees"],
        ["Doing (tasks)", "Compare programmes", "Upload documents", "Register"],
        ["Thinking", "Is it worth it?", "Did I do it right?", "Finally!"],
        ["Painpoints in each step", "Too much info", "Portal crashes", "Hidden fees"],
        ["Opportunity for future state", "Course finder", "Save drafts", "Fee calculator"],
        ["Key Pain Points", "Jargon", "", ""],
        ["Last reviewed 2 May by CS Ops"],
    ]
    result = load_spreadsheet(write_csv(tmp_path / "homework.csv", rows))
    journey = result.map
    assert journey.title == "Customer Journey Map – Q3 2025"
    assert [journey.stage(s).name for s in journey.stage_ids()] == ["Research", "Apply", "Enrol"]
    assert [journey.stage(s).goal for s in journey.stage_ids()] == [
        "Find a course",
        "Submit application",
        "Start classes",
    ]
    assert [journey.lane(p).name for p in journey.lane_ids()] == ["Customer"]  # "Key" makes no lane

    def of_kind(kind: Kind) -> dict[str, list[str]]:
        return {
            journey.stage(s).name: [
                journey.card(c).title
                for p in journey.lane_ids()
                for c in journey.cards_in(s, p)
                if journey.card(c).kind is kind
            ]
            for s in journey.stage_ids()
        }

    assert of_kind(Kind.TOUCHPOINT) == {
        "Research": ["Browse website", "Compare programmes"],
        "Apply": ["Fill form", "Upload documents"],
        "Enrol": ["Pay fees", "Register"],
    }
    assert of_kind(Kind.PAIN_POINT) == {
        "Research": ["Too much info", "Jargon"],
        "Apply": ["Portal crashes"],
        "Enrol": ["Hidden fees"],
    }
    assert of_kind(Kind.OPPORTUNITY) == {
        "Research": ["Course finder"],
        "Apply": ["Save drafts"],
        "Enrol": ["Fee calculator"],
    }
