"""My purchases, with receipts."""

from __future__ import annotations

import asyncio

import reflex as rx

from microshort.db import session_scope
from microshort.errors import DomainError
from microshort.payments.purchases import purchases, receipt
from microshort.payments.schemas import PurchaseItem, Receipt
from microshort.ui import routes
from microshort.ui.state.gate import pass_gate
from microshort.ui.state.session_state import require_user


class PurchasesState(rx.State):
    items: list[PurchaseItem] = []
    receipt: Receipt | None = None
    error: str = ""

    @rx.event
    async def load(self):
        self.receipt, self.error = None, ""
        user, redirect = await pass_gate(self, routes.PURCHASES)
        if user is None:
            return redirect

        def read() -> list[PurchaseItem]:
            with session_scope() as session:
                return purchases(session, user.id)

        self.items = await asyncio.to_thread(read)
        return None

    @rx.event
    async def show_receipt(self, transaction_id: int) -> None:
        user = await require_user(self)

        def read() -> Receipt:
            with session_scope() as session:
                return receipt(session, user.id, transaction_id)

        try:
            self.receipt = await asyncio.to_thread(read)
        except DomainError as error:
            self.error = str(error)

    @rx.event
    def close_receipt(self) -> None:
        self.receipt = None
