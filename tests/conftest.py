"""Suite-wide test setup. ``pytest_plugins`` is only allowed in the top-level conftest."""

pytest_plugins = ["pytester"]  # tests/cli tests the pytest plugin with pytester
