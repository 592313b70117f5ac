"""`mockforge_host` exists only inside MockForge's Pyodide runtime. Natively, the tests supply a module with the same
functions (log, config_get) over a configuration dict they choose."""
import sys
import types

import pytest

CONFIG = {}
LOGS = []

host = types.ModuleType("mockforge_host")
host.config_get = lambda key: CONFIG.get(key)
host.log = lambda level, message: LOGS.append((level, message))
sys.modules["mockforge_host"] = host


@pytest.fixture
def config():
    CONFIG.clear()
    CONFIG.update({"currency": "EUR"})
    LOGS.clear()
    return CONFIG
