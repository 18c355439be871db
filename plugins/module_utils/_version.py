# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The collection's version, the one place the code reads it from (the client's user agent).

A module runs as a zipped payload without galaxy.yml or MANIFEST.json beside it, so the
version is written here; tests/e2e/test_release.py fails when galaxy.yml, this file and
CHANGELOG.md disagree."""

from __future__ import annotations

COLLECTION_VERSION = "0.4.0-dev"
