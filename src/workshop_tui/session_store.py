"""The store as the screens reach it: every call awaited, run in order on the app's store thread.

`Sessions` is what the start screen needs (list, create, rename, delete), and opens a
`SessionStore`: one session's store, bound to it, handed to every screen that shows that
session. `ParticipantStore` is a participant's: the same, but edits, deletes and dots go
through the store's `*_own_*` methods, which refuse anything that is not theirs.

Screens never hold the `Store` itself, never wait for it to open (a call made before the
store is open waits for it, then runs in its turn) and never catch its errors: a `StoreError`
ends the worker that made the call in the app's one notification (`workers.store_work`).
No Textual here: this is the store's interface for the UI, not part of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Callable, TypeVar

from workshop_tui.i18n import _
from workshop_tui.model import DeletedItem, HistoryEntry, Item, SessionData, SessionInfo, StepState, StepView, Vote
from workshop_tui.store.errors import NotAllowedError, StoreError
from workshop_tui.store_calls import STALE_RETRIES, StoreCalls

if TYPE_CHECKING:
    from workshop_tui.store.store import Store

T = TypeVar("T")


@dataclass(frozen=True)
class LiveStep:
    """A step as re-read for a live screen: its view, its dots, and the mark the read returned."""

    view: StepView
    votes: list[Vote]
    mark: int


class Sessions:
    """Every session of the store: what the start screen lists, makes, renames and deletes."""

    def __init__(self, calls: StoreCalls, preview: Callable[[], list[SessionInfo] | None] | None = None) -> None:
        self.calls = calls
        self._preview = preview

    async def list(self) -> list[SessionInfo]:
        return await self.calls.on_store(lambda store: store.list_sessions())

    def preview(self) -> list[SessionInfo] | None:
        """The list read before the store is open (`store.quick_list`), or None: wait for `list`."""
        return self._preview() if self._preview is not None else None

    async def create(self, title: str, *, template_id: str, step_count: int, columns: tuple[str, ...],
                     event: str = "", date: str = "", facilitator: str = "",
                     participants: tuple[str, ...] = ()) -> SessionInfo:
        return await self.calls.on_store(lambda store: store.create_session(
            title, template_id=template_id, step_count=step_count, columns=columns, event=event, date=date,
            facilitator=facilitator, participants=participants))

    async def continue_session(self, previous_id: int, title: str) -> SessionInfo:
        """A new session continuing another: its workshop, people and open follow-ups."""
        return await self.calls.on_store(lambda store: store.continue_session(previous_id, title))

    async def rename(self, session_id: int, title: str) -> SessionInfo:
        return await self.calls.on_store(lambda store: store.rename_session(session_id, title))

    async def delete(self, session_id: int) -> None:
        await self.calls.on_store(lambda store: store.delete_session(session_id))

    def session(self, session_id: int) -> SessionStore:
        """The store bound to one session."""
        return SessionStore(self.calls, session_id)


class SessionStore:
    """One session's store: every method acts on that session (or an item of it)."""

    def __init__(self, calls: StoreCalls, session_id: int) -> None:
        self.calls = calls
        self.id = session_id
        self.by: str | None = None
        """Who makes the changes, for the history: the speaker at the facilitator's keyboard (the
        step screen sets it), a participant's name; None: the facilitator."""

    async def _call(self, call: Callable[[Store], T]) -> T:
        return await self.calls.on_store(call)

    def as_participant(self, name: str) -> ParticipantStore:
        """The same session, as the participant `name` may change it."""
        return ParticipantStore(self.calls, self.id, name)

    # -- reading -------------------------------------------------------------------------

    async def info(self) -> SessionInfo:
        return await self._call(lambda store: store.get_session(self.id))

    async def data(self) -> SessionData:
        """Everything the session holds: its info, items, votes and steps' states."""
        return await self._call(lambda store: store.session_data(self.id))

    async def summary_data(self) -> SessionData:
        """`data()`, read for the summary screen (each repeated word held once: `store/summary_read.py`)."""
        return await self._call(lambda store: store.summary_data(self.id))

    async def data_at(self, moment: str) -> SessionData:
        """The session as it was at a recorded moment (ISO 8601 UTC), from its history."""
        return await self._call(lambda store: store.session_data_at(self.id, moment))

    async def history(self) -> list[HistoryEntry]:
        return await self._call(lambda store: store.history(self.id))

    async def items(self) -> list[Item]:
        return await self._call(lambda store: store.list_items(self.id))

    async def step_view(self, step: int) -> StepView:
        return await self._call(lambda store: store.step_view(self.id, step))

    async def votes(self, step: int) -> list[Vote]:
        return await self._call(lambda store: store.list_votes(self.id, step))

    async def followups(self) -> list[Item]:
        return await self._call(lambda store: store.list_followups(self.id))

    async def live_step(self, step: int, follow: Callable[[SessionInfo], bool] | None = None,
                        viewer: str | None = None) -> LiveStep:
        """One step and its dots, read together; `follow(info)` true moves to the session's current
        step instead (the presenter, a participant following the facilitator). A read that another
        call (this screen's own save, say) finished after is read again, a few times at most.
        `viewer`: a participant, who also sees their own items not revealed yet."""

        def read(store: Store) -> tuple[StepView, list[Vote]]:
            view = store.step_view(self.id, step, viewer=viewer)
            if follow is not None and view.info.current_step != step and follow(view.info):
                view = store.step_view(self.id, view.info.current_step, viewer=viewer)
            return view, store.list_votes(self.id, view.step)

        for _attempt in range(STALE_RETRIES):
            (view, votes), mark = await self.calls.read_store(read)
            if not self.calls.stale(mark):
                break  # else a save finished meanwhile, perhaps drawn already and missing here: read again
        return LiveStep(view, votes, mark)

    def stale(self, mark: int) -> bool:
        """Whether another store call finished after the read that returned `mark`."""
        return self.calls.stale(mark)

    # -- the session ---------------------------------------------------------------------

    async def set_current_step(self, step: int) -> SessionInfo:
        return await self._call(lambda store: store.set_current_step(self.id, step))

    async def set_resume_point(self, *, step: int | None = None, column: str | None = None,
                               speaker: str | None = None) -> SessionInfo:
        return await self._call(lambda store: store.set_resume_point(self.id, step=step, column=column,
                                                                     speaker=speaker))

    async def add_participant(self, name: str) -> tuple[str, ...]:
        return await self._call(lambda store: store.add_participant(self.id, name))

    async def set_votes_per_participant(self, votes: int) -> SessionInfo:
        return await self._call(lambda store: store.set_votes_per_participant(self.id, votes))

    async def set_step_dots(self, step: int, dots: int | None) -> StepState:
        return await self._call(lambda store: store.set_step_dots(self.id, step, dots))

    # -- items ---------------------------------------------------------------------------

    async def add_item(self, step: int, column: str, text: str, *, author: str | None, item_id: str) -> Item:
        return await self._call(
            lambda store: store.add_item(self.id, step, column, text, author=author, item_id=item_id,
                                         by=self.by))

    async def edit_item(self, item: Item, text: str) -> Item:
        return await self._call(lambda store: store.edit_item(item.id, text, by=self.by))

    async def delete_item(self, item: Item) -> DeletedItem:
        return await self._call(lambda store: store.delete_item(item.id, by=self.by))

    async def restore_item(self, deleted: DeletedItem) -> Item:
        return await self._call(lambda store: store.restore_item(deleted, by=self.by))

    async def move_item(self, item: Item, offset: int) -> list[Item]:
        return await self._call(lambda store: store.move_item(item.id, offset, by=self.by))

    async def cluster(self, item_ids: tuple[str, ...]) -> list[Item]:
        return await self._call(lambda store: store.cluster_items(item_ids, by=self.by))

    async def split(self, item: Item) -> list[Item]:
        return await self._call(lambda store: store.split_cluster(item.id, by=self.by))

    async def cast_vote(self, item: Item, voter: str) -> Item:
        return await self._call(lambda store: store.cast_vote(item.id, voter))

    async def withdraw_vote(self, item: Item, voter: str) -> Item:
        return await self._call(lambda store: store.withdraw_vote(item.id, voter))

    async def set_followup(self, item: Item, *, owner: str | None, due: str) -> Item:
        return await self._call(lambda store: store.set_followup(item.id, owner=owner, due=due, by=self.by))

    async def clear_followup(self, item: Item) -> Item:
        return await self._call(lambda store: store.clear_followup(item.id, by=self.by))

    async def set_followup_status(self, item: Item, status: str) -> Item:
        return await self._call(lambda store: store.set_followup_status(item.id, status, by=self.by))

    async def restore_followup(self, before: Item) -> Item:
        return await self._call(lambda store: store.restore_followup(before, by=self.by))

    async def wiki_target(self) -> tuple[str, str, str] | None:
        return await self._call(lambda store: store.wiki_target(self.id))

    async def set_wiki_target(self, api_url: str, page: str, user: str) -> None:
        await self._call(lambda store: store.set_wiki_target(self.id, api_url, page, user))

    # -- a step's phase and timer ------------------------------------------------------------

    async def reveal_step(self, step: int, *, anonymous: bool | None = None) -> int:
        return await self._call(lambda store: store.reveal_step(self.id, step, anonymous=anonymous))

    async def set_step_anonymous(self, step: int, anonymous: bool) -> StepState:
        return await self._call(lambda store: store.set_step_anonymous(self.id, step, anonymous))

    async def step_states(self) -> list[StepState]:
        return list((await self._call(lambda store: store.step_states(self.id))).values())

    async def set_phase(self, step: int, phase: str) -> StepState:
        return await self._call(lambda store: store.set_phase(self.id, step, phase))

    async def start_timer(self, step: int, now: datetime) -> StepState:
        return await self._call(lambda store: store.start_timer(self.id, step, now=now))

    async def pause_timer(self, step: int, now: datetime) -> StepState:
        return await self._call(lambda store: store.pause_timer(self.id, step, now=now))

    async def carry_timer(self, step: int, now: datetime) -> list[StepState]:
        """A running timer follows the facilitator: paused where it ran, started on `step`."""
        return await self._call(lambda store: store.carry_timer(self.id, step, now=now))

    async def extend_timer(self, step: int, seconds: int) -> StepState:
        return await self._call(lambda store: store.extend_timer(self.id, step, seconds))

    async def set_planned_seconds(self, step: int, seconds: int | None) -> StepState:
        return await self._call(lambda store: store.set_planned_seconds(self.id, step, seconds))

    # -- presence ------------------------------------------------------------------------

    async def connected(self) -> list[str]:
        """The participants whose screens are connected now."""
        return await self._call(lambda store: store.connected(self.id))

    async def heartbeat(self, client_id: str, role: str, name: str | None = None) -> None:
        await self._call(lambda store: store.heartbeat(self.id, client_id, role, name))

    def leave(self, client_id: str) -> None:
        """Say goodbye, without waiting (on the way out). Best effort: a screen not heard from
        drops out of the count after 15 s anyway, so a store that cannot be written is let be."""

        store = self.calls.store

        def leave() -> None:
            try:
                if store is not None:
                    store.leave(client_id)
            except StoreError:
                pass

        self.calls.submit(leave)

    async def claim_name(self, client_id: str, name: str, *, token: str) -> str:
        return await self._call(lambda store: store.claim_name(self.id, client_id, name, token=token))


class ParticipantStore(SessionStore):
    """A participant's view of the session: they change only their own items and dots."""

    def __init__(self, calls: StoreCalls, session_id: int, name: str) -> None:
        super().__init__(calls, session_id)
        self.name = name
        self.by = name

    async def edit_item(self, item: Item, text: str) -> Item:
        return await self._call(lambda store: store.edit_own_item(self.id, item.id, self.name, text))

    async def delete_item(self, item: Item) -> DeletedItem:
        return await self._call(lambda store: store.delete_own_item(self.id, item.id, self.name))

    async def move_item(self, item: Item, offset: int) -> list[Item]:
        raise NotAllowedError(_("the order of the items is the facilitator's to change"))

    async def cast_vote(self, item: Item, voter: str) -> Item:
        return await self._call(lambda store: store.cast_own_vote(self.id, item.id, self.name))

    async def withdraw_vote(self, item: Item, voter: str) -> Item:
        return await self._call(lambda store: store.withdraw_own_vote(self.id, item.id, self.name))
