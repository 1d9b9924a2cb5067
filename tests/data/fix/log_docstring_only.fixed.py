"""Greets people by name."""

from myapp.privacy import redact


def greet(user):
    print(f"Hello {redact(user.first_name)}!", flush=True)
