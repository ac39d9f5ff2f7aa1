"""托育机构办公系统 — office tool for childcare centres for children under 3."""

__version__ = "0.1.0"
APP_NAME = "托育机构办公系统"
