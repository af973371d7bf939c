"""The facilitator's moderation and voting edits: each one undo step, each touching only the model.

Accepting a submission takes it out of the inbox and puts a card in a cell; merging folds its text
into an existing card's notes; rejecting drops it. Undo puts the submission back where it was in
the inbox. Voting rounds and clearing dots are undoable too, so a mis-click never costs a vote.
"""

from __future__ import annotations

from journeymap.editing.commands import MapCommand, short_text
from journeymap.model import JourneyMap, Kind, Submission, Touchpoint, VotingRound


def card_from(submission: Submission, title: str | None = None, kind: Kind | None = None) -> Touchpoint:
    """The card a submission becomes; its author, if given, is kept in the notes."""
    notes = f"From the room: {submission.author}" if submission.author else "From the room"
    return Touchpoint(
        title=submission.title if title is None else title,
        kind=submission.kind if kind is None else Kind(kind),
        notes=notes,
    )


class AcceptSubmissionCommand(MapCommand):
    """Inbox -> a card in (stage, lane), optionally with an edited title and kind."""

    def __init__(
        self,
        journey: JourneyMap,
        submission_id: str,
        stage_id: str,
        lane_id: str,
        title: str | None = None,
        kind: Kind | None = None,
    ) -> None:
        submission = journey.inbox.get(submission_id)
        self.card = card_from(submission, title, kind)
        super().__init__(journey, f"Accept '{short_text(self.card.title)}'")
        self.submission_id, self.stage_id, self.lane_id = submission_id, stage_id, lane_id
        self.card_id: str | None = None
        self.index = 0
        self.submission = submission

    def redo(self) -> None:
        self.index, self.submission = self.journey.inbox.remove(self.submission_id)
        try:
            self.card_id = self.journey.add_card(self.stage_id, self.lane_id, self.card, card_id=self.card_id)
        except Exception:
            self.journey.inbox.add(self.submission, self.submission_id, self.index)  # as it was
            raise

    def undo(self) -> None:
        assert self.card_id is not None
        self.journey.remove_card(self.card_id)
        self.journey.inbox.add(self.submission, self.submission_id, self.index)


class MergeSubmissionCommand(MapCommand):
    """Fold a submission into an existing card: its text joins the card's notes."""

    def __init__(self, journey: JourneyMap, submission_id: str, card_id: str) -> None:
        submission = journey.inbox.get(submission_id)
        target = short_text(journey.card(card_id).title)
        super().__init__(journey, f"Merge '{short_text(submission.title)}' into '{target}'")
        self.submission_id, self.card_id, self.submission = submission_id, card_id, submission
        self.index = 0
        self.old_notes = journey.card(card_id).notes

    def redo(self) -> None:
        by = f" ({self.submission.author})" if self.submission.author else ""
        line = f"Also said in the room{by}: {self.submission.title}"
        notes = f"{self.old_notes}\n{line}" if self.old_notes else line
        self.journey.update_card(self.card_id, notes=notes)
        self.index, _ = self.journey.inbox.remove(self.submission_id)

    def undo(self) -> None:
        self.journey.update_card(self.card_id, notes=self.old_notes)
        self.journey.inbox.add(self.submission, self.submission_id, self.index)


class RejectSubmissionCommand(MapCommand):
    def __init__(self, journey: JourneyMap, submission_id: str) -> None:
        submission = journey.inbox.get(submission_id)
        super().__init__(journey, f"Reject '{short_text(submission.title)}'")
        self.submission_id, self.submission, self.index = submission_id, submission, 0

    def redo(self) -> None:
        self.index, self.submission = self.journey.inbox.remove(self.submission_id)

    def undo(self) -> None:
        self.journey.inbox.add(self.submission, self.submission_id, self.index)


class SetVotingRoundCommand(MapCommand):
    """Open a round (or close it with None); the dots already given stay."""

    def __init__(self, journey: JourneyMap, voting_round: VotingRound | None) -> None:
        text = "End voting round" if voting_round is None else f"Start voting round ({voting_round.dots} dots)"
        super().__init__(journey, text)
        self.new, self.old = voting_round, journey.voting.round

    def redo(self) -> None:
        self.old = self.journey.voting.set_round(self.new)

    def undo(self) -> None:
        self.journey.voting.set_round(self.old)


class ClearVotesCommand(MapCommand):
    def __init__(self, journey: JourneyMap) -> None:
        super().__init__(journey, "Clear votes")
        self.counts: dict[str, int] = {}

    def redo(self) -> None:
        self.counts = self.journey.voting.clear()

    def undo(self) -> None:
        self.journey.voting.restore(self.counts)
