#!/usr/bin/env python
# A script without imports.


def main(user):
    print(user.email)
