"""What a team decides from, read off the model with no Qt: the experience curve, handoffs, gaps, timelines.

Every view (canvas, workshop mode, poster, images, ``journeymap report``) shows these same results,
so they are computed once here from the public :class:`~journeymap.model.JourneyMap` methods.
"""

from journeymap.analysis.curve import CurvePoint, experience_curve, lane_curve
from journeymap.analysis.gaps import CardGap, Gaps, StageGap, find_gaps
from journeymap.analysis.handoffs import (
    FlowHandoff,
    LedgerEntry,
    StageHandoff,
    flow_handoffs,
    handoff_ledger,
    same_owner,
    stage_handoffs,
)
from journeymap.analysis.timeline import StageSpan, stage_timeline

__all__ = [
    "CardGap",
    "CurvePoint",
    "FlowHandoff",
    "Gaps",
    "LedgerEntry",
    "StageGap",
    "StageHandoff",
    "StageSpan",
    "experience_curve",
    "find_gaps",
    "flow_handoffs",
    "handoff_ledger",
    "lane_curve",
    "same_owner",
    "stage_handoffs",
    "stage_timeline",
]
