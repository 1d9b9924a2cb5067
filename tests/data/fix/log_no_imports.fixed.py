#!/usr/bin/env python
# A script without imports.

from myapp.privacy import redact


def main(user):
    print(redact(user.email))
