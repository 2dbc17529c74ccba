"""dvc-validate: lint the figures of QĐ 766 public-service-index reports."""

__version__ = "0.1.0"
