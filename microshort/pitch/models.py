"""Leads left on the pitch pages' call-to-action forms."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from microshort.db import aware, one_of


class Audience(StrEnum):
    INVESTOR = "investor"
    CREATOR = "creator"
    BRAND = "brand"
    ADVISOR = "advisor"


class PitchLead(SQLModel, table=True):
    __tablename__ = "pitch_leads"
    __table_args__ = (one_of("audience", Audience),)

    id: int | None = Field(default=None, primary_key=True)
    audience: str = Field(max_length=16)
    name: str = Field(max_length=120)
    email: str = Field(max_length=254)
    message: str = Field(default="", max_length=2000)
    created_at: datetime = aware(index=True)
