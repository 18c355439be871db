"""CXone tenant emulator: serves the HTTP contract of docs/api/v2.md for tests.

This is an emulator of the documented contract, not NICE software.

    from cxone_emulator import Emulator
    with Emulator() as emu:
        base_url = emu.base_url
"""
from .common import ApiError
from .seed import DEFAULT_SEED, SeedError, extend as extend_seed, load as load_seed
from .server import Emulator, FaultRule, RateLimiter
from .store import Store

__all__ = ["Emulator", "Store", "ApiError", "FaultRule", "RateLimiter", "SeedError",
           "DEFAULT_SEED", "load_seed", "extend_seed"]
