"""The small questions a room asks the facilitator: where to open it, and what a voting round covers."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtNetwork import QAbstractSocket, QNetworkInterface
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from journeymap.model import JourneyMap, VoteScope, VotingRound

LOOPBACK = "127.0.0.1"


def local_addresses() -> list[tuple[str, str]]:
    """(address, label) of this computer's IPv4 addresses, the local network first, this computer only last."""
    found = []
    for interface in QNetworkInterface.allInterfaces():
        flags = interface.flags()
        if not flags & QNetworkInterface.InterfaceFlag.IsUp or flags & QNetworkInterface.InterfaceFlag.IsLoopBack:
            continue
        for entry in interface.addressEntries():
            address = entry.ip()
            if address.protocol() == QAbstractSocket.NetworkLayerProtocol.IPv4Protocol and not address.isLoopback():
                found.append((address.toString(), f"{address.toString()} ({interface.humanReadableName()})"))
    found.append((LOOPBACK, f"{LOOPBACK} (this computer only)"))
    return found


@dataclass(frozen=True)
class RoomOptions:
    host: str
    port: int


class OpenRoomDialog(QDialog):
    """Which network phones join on; this computer only is the choice when there is no network."""

    def __init__(self, parent: QWidget | None = None, addresses: list[tuple[str, str]] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openRoomDialog")
        self.setWindowTitle("Open Room")
        layout = QFormLayout(self)
        intro = QLabel(
            "Phones on the same Wi-Fi join by scanning the QR code on the projector. Nothing leaves this computer."
        )
        intro.setWordWrap(True)
        layout.addRow(intro)
        self.address = QComboBox()
        self.address.setObjectName("roomAddress")
        for address, label in addresses if addresses is not None else local_addresses():
            self.address.addItem(label, address)
        self.port = QSpinBox()
        self.port.setObjectName("roomPort")
        self.port.setRange(0, 65535)
        self.port.setSpecialValueText("any free port")
        self.port.setValue(0)
        layout.addRow("Network", self.address)
        layout.addRow("Port", self.port)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Open Room")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def options(self) -> RoomOptions:
        address = self.address.currentData() or LOOPBACK
        return RoomOptions(address, self.port.value())


class VotingRoundDialog(QDialog):
    """How many dots each person gets, and on which cards."""

    def __init__(self, journey: JourneyMap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("votingRoundDialog")
        self.setWindowTitle("Start Dot Voting")
        layout = QFormLayout(self)
        self.dots = QSpinBox()
        self.dots.setObjectName("votingDots")
        self.dots.setRange(1, 99)
        self.dots.setValue(3)
        self.scope = QComboBox()
        self.scope.setObjectName("votingScope")
        self.scope.addItem("All cards", (VoteScope.ALL, None))
        self.scope.addItem("Pain points only", (VoteScope.PAIN_POINTS, None))
        for stage_id in journey.stage_ids():
            self.scope.addItem(f"Stage: {' '.join(journey.stage(stage_id).name.split())}", (VoteScope.STAGE, stage_id))
        layout.addRow("Dots per person", self.dots)
        layout.addRow("Cards", self.scope)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Start")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def voting_round(self) -> VotingRound:
        scope, stage = self.scope.currentData()
        return VotingRound(self.dots.value(), scope, stage)
