"""An outgoing document's own stream folded: its draft, dispatches and recall, and their decisions.

Its number lives in the numbering book it draws from; the decisions here are given that number.
"""

from __future__ import annotations

from datetime import date

from .outgoing_errors import AlreadyRecalled, BadText, DispatchBeforeIssue, InvalidChoice, NotNumbered
from .outgoing_events import OutgoingDispatched, OutgoingDrafted, OutgoingNumbered, OutgoingRecalled
from .values import clean_text

CHANNELS = ("PAPER", "ELECTRONIC", "HAND")  # bưu chính, điện tử (trục liên thông), trao tay
MAX_REASON = 500


class OutgoingDocument:
    def __init__(self, stream_id: str) -> None:
        self.stream_id = stream_id
        self.version = 0
        self.draft: OutgoingDrafted | None = None
        self.dispatches: list[OutgoingDispatched] = []
        self.recalled: OutgoingRecalled | None = None

    def apply(self, event: OutgoingDrafted | OutgoingDispatched | OutgoingRecalled) -> None:
        self.version += 1
        if isinstance(event, OutgoingDrafted):
            self.draft = event
        elif isinstance(event, OutgoingDispatched):
            self.dispatches.append(event)
        else:
            self.recalled = event

    def dispatch(
        self,
        number: OutgoingNumbered | None,
        recipients: tuple[str, ...],
        dispatched_on: date,
        channel: str,
        today: date,
        actor: str,
    ) -> OutgoingDispatched:
        assert self.draft is not None
        if number is None:
            raise NotNumbered()
        if self.recalled is not None:
            raise AlreadyRecalled()
        if dispatched_on < number.issued_on or dispatched_on > today:
            raise DispatchBeforeIssue()
        channel = channel.strip().upper() or "PAPER"
        if channel not in CHANNELS:
            raise InvalidChoice("channel", "Hình thức chuyển", "channel", channel[:40], CHANNELS)
        cleaned = tuple(r for r in (clean_text(r) for r in recipients) if r) or self.draft.recipients
        if not cleaned or any(len(r) > 300 for r in cleaned):
            raise BadText("recipients", "Nơi nhận", "Recipients", 300)
        return OutgoingDispatched(
            document_id=self.draft.document_id,
            commune_id=self.draft.commune_id,
            recipients=cleaned,
            dispatched_on=dispatched_on,
            channel=channel,
            dispatched_by=actor,
        )

    def recall(self, number: OutgoingNumbered | None, reason: str, actor: str) -> OutgoingRecalled:
        assert self.draft is not None
        if number is None:
            raise NotNumbered()
        if self.recalled is not None:
            raise AlreadyRecalled()
        reason = clean_text(reason)
        if not reason or len(reason) > MAX_REASON:
            raise BadText("reason", "Lý do thu hồi", "The reason of the recall", MAX_REASON)
        return OutgoingRecalled(
            document_id=self.draft.document_id,
            commune_id=self.draft.commune_id,
            reason=reason,
            recalled_by=actor,
        )


def document_stream_id(commune_id: str, document_id: str) -> str:
    return f"outgoing-document:{commune_id}:{document_id}"
