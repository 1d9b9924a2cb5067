"""A schema's own `id` or `pk` is its record's key (sources._RECORD_KEYS): not a collect, whatever
its class; a label that says the field holds an id from elsewhere still is."""

from __future__ import annotations

from engine_support import observed

PYDANTIC = '''
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class User(BaseModel):
    id: str
    email: str | None = None
    pubkey: str | None = None


@app.post("/users")
async def create(user: User) -> None:
    pass
'''

FORM = '''
from django import forms


class AuthenticateForm(forms.Form):
    id = forms.CharField(label="Account ID")
    email = forms.EmailField(required=False)
'''


def test_a_models_own_id_is_not_collected() -> None:
    assert [(line, kind, cats) for line, kind, cats, _, _ in observed(PYDANTIC)] == [
        (10, "collect", ("user.contact.email",)),
        (11, "collect", ("user.unique_id",)),
    ]


def test_a_labelled_id_from_elsewhere_still_is() -> None:
    assert [(line, kind, cats) for line, kind, cats, _, _ in observed(FORM)] == [
        (6, "collect", ("user.unique_id",)),
        (7, "collect", ("user.contact.email",)),
    ]
