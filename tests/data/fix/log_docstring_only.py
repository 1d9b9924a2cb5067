"""Greets people by name."""


def greet(user):
    print(f"Hello {user.first_name}!", flush=True)
