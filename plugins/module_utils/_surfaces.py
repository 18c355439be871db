# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The registry of API surfaces: a surface is one line here plus its files under
``surfaces/<name>/`` (imported statically: a module carries only what it imports)."""

from __future__ import annotations

from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.surface import SURFACE as ADMIN
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.v2.surface import SURFACE as V2

SURFACES = {ADMIN.name: ADMIN, V2.name: V2}
DEFAULT = ADMIN.name  # the real NICE CXone API


def surface(name=None):
    return SURFACES[name or DEFAULT]
